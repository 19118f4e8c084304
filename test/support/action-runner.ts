// Runs the bundled action the way the Actions runner does: one process per step, inputs as
// INPUT_* variables with action.yml's defaults filled in, fresh file-command files per
// step, and their contents applied to the job's environment afterwards (GITHUB_ENV,
// GITHUB_PATH) or handed to the post step (GITHUB_STATE → STATE_*).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses a file-command file: `NAME=value` lines and `NAME<<DELIM` heredocs. */
export function parseFileCommands(text: string): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const h = /^([^=<]+)<<(.+)$/.exec(line);
    if (h) {
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== h[2]) value.push(lines[i++]);
      if (i >= lines.length) throw new Error(`unterminated heredoc for ${h[1]}`);
      out.push([h[1], value.join('\n')]);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`malformed file command line: ${line}`);
    out.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return out;
}

function actionDefaults(): Record<string, string> {
  const meta = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const d: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta.inputs)) if (v.default !== undefined) d[k] = String(v.default);
  return d;
}

export interface JobOptions {
  root: string; // a temp dir; the job's HOME, workspace, runner dirs live under it unless given
  toolCache?: string;
  workspace?: string;
  env?: Record<string, string>;
}

/** One job: environment carried from step to step like the runner does. */
export class Job {
  env: Record<string, string>;
  paths: string[] = []; // GITHUB_PATH entries, newest first
  state: Record<string, string> = {};
  private stepNo = 0;
  readonly dir: string;

  constructor(readonly opts: JobOptions) {
    this.dir = opts.root;
    const home = path.join(opts.root, 'home');
    const temp = path.join(opts.root, 'runner-temp');
    const workspace = opts.workspace ?? path.join(opts.root, 'workspace');
    const toolCache = opts.toolCache ?? path.join(opts.root, 'toolcache');
    for (const d of [home, temp, workspace, toolCache]) fs.mkdirSync(d, { recursive: true });
    // The machine's own Go must not be found: the job's go is whatever the action installs.
    const basePath = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((p) => p && !fs.existsSync(path.join(p, 'go')))
      .join(path.delimiter);
    this.env = {
      PATH: basePath,
      HOME: home,
      LANG: 'C.UTF-8',
      RUNNER_TEMP: temp,
      RUNNER_TOOL_CACHE: toolCache,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOTELEMETRY: 'off',
      ...opts.env,
    };
  }

  get workspace(): string {
    return this.env.GITHUB_WORKSPACE;
  }

  /** The PATH a later step sees: GITHUB_PATH entries in front of the job's PATH. */
  stepEnv(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.env, ...extra, PATH: [...this.paths, this.env.PATH].join(path.delimiter) };
  }

  private async step(entry: string, inputs: Record<string, string>, extraEnv: Record<string, string>): Promise<StepResult> {
    const n = ++this.stepNo;
    const files: Record<string, string> = {};
    for (const name of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
      files[name] = path.join(this.dir, `step${n}-${name.toLowerCase()}`);
      fs.writeFileSync(files[name], '');
    }
    const inputEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...actionDefaults(), ...inputs })) inputEnv[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    const stateEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.state)) stateEnv[`STATE_${k}`] = v;
    const env = { ...this.stepEnv(extraEnv), ...inputEnv, ...stateEnv, ...files };
    const res = await run(process.execPath, [path.join(REPO, 'dist', 'action', entry)], { env, cwd: this.workspace });
    for (const [k, v] of parseFileCommands(fs.readFileSync(files.GITHUB_ENV, 'utf8'))) this.env[k] = v;
    for (const p of fs.readFileSync(files.GITHUB_PATH, 'utf8').split(/\r?\n/).filter(Boolean)) this.paths.unshift(p);
    for (const [k, v] of parseFileCommands(fs.readFileSync(files.GITHUB_STATE, 'utf8'))) this.state[k] = v;
    const outputs = Object.fromEntries(parseFileCommands(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')));
    return { ...res, outputs, summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
  }

  main(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<StepResult> {
    return this.step('main.cjs', inputs, extraEnv);
  }

  post(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<StepResult> {
    return this.step('post.cjs', inputs, extraEnv);
  }

  /** A `run:` step: the command is looked up on the job's PATH. */
  sh(script: string, cwd?: string, extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return run('/bin/sh', ['-ec', script], { env: this.stepEnv(extra), cwd: cwd ?? this.workspace });
  }
}

export function run(
  cmd: string,
  args: string[],
  opts: { env: Record<string, string>; cwd: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every regular file under dir (relative paths), for "nothing was left behind" checks. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out;
}

/** Removes a job's directories; the module cache inside is read-only, so make it writable first. */
export function rmTree(p: string): void {
  if (!fs.existsSync(p)) return;
  execFileSync('chmod', ['-R', 'u+w', p]);
  fs.rmSync(p, { recursive: true, force: true });
}
