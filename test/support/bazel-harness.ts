// Runs Debian's bazel (4.x) against throwaway output roots: one output_user_root and one disk
// cache per test run, shared by every workspace the run builds, so the standard-library action
// runs once unless a test disables the disk cache on purpose.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const exampleDir = join(repoRoot, 'examples', 'bazel');
const goBin = '/usr/local/go/bin';

export interface BazelResult { code: number; stdout: string; stderr: string }

export interface BazelRun {
  root: string;
  diskCache: string;
  /** Runs `bazel <command> [flags] <args>` in workspace; build-like commands get the shared flags. */
  bazel(workspace: string, command: string, args: string[], opts?: { diskCache?: boolean }): Promise<BazelResult>;
  shutdown(workspace: string): Promise<void>;
  dispose(): Promise<void>;
}

export function requireBazel(): void {
  const probe = spawnSync('bazel-4', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('bazel-4 is not installed: run `apt-get update && apt-get install -y bazel-bootstrap`');
  }
}

export function bazelEnv(): NodeJS.ProcessEnv {
  // The wrapper picks bazel-4 from WORKSPACE/.bazelversion; GOROOT from a developer shell
  // must not leak into the "host" SDK detection.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${goBin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  delete env.GOROOT;
  delete env.USE_BAZEL_VERSION;
  return env;
}

const BUILD_LIKE = new Set(['build', 'test', 'coverage', 'run', 'info', 'aquery', 'cquery']);

export function startBazelRun(): BazelRun {
  const root = mkdtempSync(join(tmpdir(), 'go-weave-bazel-'));
  const diskCache = join(root, 'disk-cache');
  const workspaces = new Set<string>();
  const run = (workspace: string, argv: string[]): Promise<BazelResult> =>
    new Promise((done, fail) => {
      workspaces.add(workspace);
      const child = spawn('bazel', [`--output_user_root=${join(root, 'out')}`, '--max_idle_secs=120', ...argv], {
        cwd: workspace,
        env: bazelEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    });
  return {
    root,
    diskCache,
    bazel(workspace, command, args, opts = {}) {
      const flags = BUILD_LIKE.has(command)
        ? ['--symlink_prefix=/', '--nosandbox_debug', `--disk_cache=${opts.diskCache === false ? '' : diskCache}`]
        : [];
      return run(workspace, [command, ...flags, ...args]);
    },
    async shutdown(workspace) {
      await run(workspace, ['shutdown']);
      workspaces.delete(workspace);
    },
    async dispose() {
      for (const ws of [...workspaces]) await run(ws, ['shutdown']);
      // Bazel leaves read-only trees behind.
      spawnSync('chmod', ['-R', 'u+w', root]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A copy of examples/bazel whose go_weave repository is the checkout itself, for tests that edit it. */
export function copyExample(into: string): string {
  const ws = join(into, 'example');
  cpSync(exampleDir, ws, { recursive: true });
  const wsFile = join(ws, 'WORKSPACE');
  const text = readFileSync(wsFile, 'utf8');
  if (!text.includes('path = "../.."')) throw new Error(`${wsFile}: expected local_repository path "../.."`);
  writeFileSync(wsFile, text.replace('path = "../.."', `path = ${JSON.stringify(repoRoot)}`));
  return ws;
}

export function mustSucceed(what: string, r: BazelResult): BazelResult {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr.slice(-6000)}`);
  return r;
}

/** sha256 of every regular file under dir, keyed by relative path. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export interface Spawn { mnemonic: string; outputs: string[] }

/**
 * Reads --execution_log_json_file output: concatenated pretty-printed SpawnExec objects.
 * Only spawns that actually ran are logged, so an empty list means nothing was executed.
 */
export function readExecLog(file: string): Spawn[] {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const spawns: Spawn[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) {
      const obj = JSON.parse(text.slice(start, i + 1)) as {
        mnemonic?: string;
        actualOutputs?: { path: string }[];
        listedOutputs?: string[];
      };
      spawns.push({
        mnemonic: obj.mnemonic ?? '',
        outputs: obj.listedOutputs ?? (obj.actualOutputs ?? []).map((o) => o.path),
      });
    }
  }
  return spawns;
}
