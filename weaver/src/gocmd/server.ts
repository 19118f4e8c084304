import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { isVersionedInstall, parseGoArgs, WOVEN_SUBCOMMANDS } from './args.js';
import { assetPath } from '../assets.js';
import type { Env } from './env.js';
import { goEnv, type GoEnv } from './golist.js';
import { isAbsolute, resolve } from 'node:path';
import { describeOutcome, timingsLine } from './outcome.js';
import { prepare } from './pipeline.js';
import { loadRealCore } from './realcore.js';
import { absoluteGo, moduleLookups, replayRecord, withoutEntryVars, writeReplayRecord } from './replay.js';

/**
 * The weave server: a Node process that stays up between builds (for GOWEAVE_SERVER_IDLE
 * seconds, 600 by default) so that a build after an edit does not pay for Node's start, loading
 * the core and the grammar. The launcher sends it the command line it could not replay; the
 * server plans and weaves exactly as the command line would (same code, the request's
 * environment and directory, every cache on disk), writes the replay record, and the launcher
 * replays it. Anything it cannot do (an error to report, another GOWEAVE_ASSETS) it declines, and
 * the launcher runs Node as usual. It keeps nothing between requests but loaded code.
 *
 * Wire format, one JSON line each way over a Unix socket beside the launcher:
 *   request  {"argv": [...], "cwd": "...", "env": ["K=V", ...], "record": "<path>"}
 *   reply    {"ok": true, "verbose": "..."} or {"ok": false}
 */
export interface ServerRequest {
  argv: string[];
  cwd: string;
  env: string[];
  record: string;
}

export interface ServerReply {
  ok: boolean;
  verbose?: string;
}

/** Handles one request; never throws (a decline sends the launcher to Node). */
export async function handleRequest(req: ServerRequest): Promise<ServerReply> {
  const startNs = BigInt(Date.now()) * 1_000_000n;
  const env: Env = {};
  for (const kv of req.env) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  // Data files (aspects, runtime, grammar) are found once per process, through GOWEAVE_ASSETS.
  if ((env.GOWEAVE_ASSETS ?? '') !== (process.env.GOWEAVE_ASSETS ?? '')) return { ok: false };
  // The server runs in /: paths the command line would take from its directory are made whole.
  for (const k of ['GOWEAVE_CACHE', 'GOWEAVE_GO'] as const) {
    const v = env[k];
    if (v && !isAbsolute(v) && (k === 'GOWEAVE_CACHE' || v.includes('/'))) env[k] = resolve(req.cwd, v);
  }
  const argv = req.argv[0] === 'go' ? req.argv.slice(1) : req.argv;
  const [sub, ...args] = argv;
  if (!WOVEN_SUBCOMMANDS.has(sub) || isVersionedInstall(parseGoArgs(sub, args))) return { ok: false };
  try {
    // One thread: an edit re-weaves a package or two, less than a worker costs to start.
    const runner = { core: await loadRealCore(), goEnv: rememberedGoEnv };
    const p = await prepare(runner, sub, args, env, () => assetPath('runtime'), req.cwd);
    p.goEnv = withoutEntryVars(p.goEnv);
    const { warnings, report, summary } = describeOutcome(p);
    const r = replayRecord(p, env, { stderr: warnings, report, summary, startNs });
    if (!r) return { ok: false };
    writeReplayRecord(req.record, r);
    return { ok: true, verbose: `${p.outcome.weavedNow} woven now; ${timingsLine(p)}` };
  } catch {
    // The command line reports errors in full (go list output, aspect file:line).
    return { ok: false };
  }
}

/** go env answers by go binary, directory and environment, with stamps of what they were read from. */
const goEnvs = new Map<string, { around: string; envFile: string; ge: GoEnv }>();
const MAX_GO_ENVS = 64;

/** The variables go env reads (the launcher's record key takes the same, launcher/record.go plansWith). */
function goEnvInputs(env: Env): [string, string][] {
  const named = new Set(['PATH', 'HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'CC', 'CXX', 'FC', 'AR', 'GCCGO', 'PKG_CONFIG']);
  return Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined && (named.has(e[0]) || e[0].startsWith('GO') || e[0].startsWith('CGO_')))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `go env` through a memo: its answer depends on the environment, the toolchain (the go
 * binary), go's env file and which go.mod and go.work the directory finds, all re-checked.
 */
async function rememberedGoEnv(go: string, opts: { cwd?: string; env: Env }): Promise<GoEnv> {
  const cwd = opts.cwd ?? process.cwd();
  const key = JSON.stringify([go, cwd, goEnvInputs(opts.env)]);
  const around = () => stampsOf([absoluteGo(go, opts.env) ?? go, ...moduleLookups(cwd)]);
  const known = goEnvs.get(key);
  if (known && known.around === around() && known.envFile === stampsOf([known.ge.GOENV])) return known.ge;
  // Stamped before go env runs: a change while it runs makes the next check miss.
  const before = around();
  const ge = await goEnv(go, opts);
  if (goEnvs.size >= MAX_GO_ENVS) goEnvs.clear();
  goEnvs.set(key, { around: before, envFile: stampsOf([ge.GOENV]), ge });
  return ge;
}

function stampsOf(paths: string[]): string {
  return paths.map((p) => {
    try {
      const st = statSync(p, { bigint: true });
      return `${st.mtimeNs} ${st.size}`;
    } catch {
      return '-';
    }
  }).join('\n');
}

/**
 * Runs the server on socketPath until it has been idle for idleMs, or until its socket is
 * removed or taken over (a cleaned cache, a newer server).
 */
export async function serve(socketPath: string, idleMs: number): Promise<void> {
  if (await answers(socketPath)) return;
  rmSync(socketPath, { force: true });
  // Requests run one at a time, in arrival order; the idle clock runs while none is pending.
  let tail = Promise.resolve();
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;
  const server = createServer((conn) => {
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('error', () => conn.destroy());
    conn.on('data', (chunk: string) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = '';
      pending++;
      clearTimeout(timer);
      tail = tail.then(() => reply(conn, line)).finally(() => {
        if (--pending === 0) timer = setTimeout(stop, idleMs);
      });
    });
  });
  let ino = 0;
  const stop = () => {
    clearInterval(watch);
    clearTimeout(timer);
    server.close();
    if (inodeOf(socketPath) === ino) rmSync(socketPath, { force: true });
  };
  const watch = setInterval(() => {
    if (inodeOf(socketPath) !== ino) stop();
  }, 5000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  ino = inodeOf(socketPath);
  timer = setTimeout(stop, idleMs);
  await warmUp();
  await new Promise<void>((resolve) => server.once('close', () => resolve()));
}

async function reply(conn: Socket, line: string): Promise<void> {
  let out: ServerReply;
  try {
    out = await handleRequest(JSON.parse(line) as ServerRequest);
  } catch {
    out = { ok: false };
  }
  conn.end(JSON.stringify(out) + '\n');
}

/** Loads the core, the grammar and the built-in aspects before the first request needs them. */
async function warmUp(): Promise<void> {
  try {
    const core = await loadRealCore();
    const aspects = await core.loadConfig({});
    await core.weavePackage(aspects, { importPath: 'example.com/warmup', files: [{ path: '/warmup/warmup.go', source: 'package warmup\n\nfunc F() {}\n' }] });
  } catch {
    // A request will report the same problem by declining.
  }
}

function inodeOf(path: string): number {
  try {
    return statSync(path).ino;
  } catch {
    return -1;
  }
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection(socketPath);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/**
 * Starts a server in the background for later builds: detached, without the caller's terminal,
 * so the command that started it ends as usual. `script` is the go-weave.cjs running now.
 */
export function startServer(script: string, socketPath: string, env: Env): void {
  const serverEnv = withoutEntryVars(env);
  try {
    const child = spawn(process.execPath, [script, '__weave-server', socketPath], { detached: true, stdio: 'ignore', cwd: '/', env: serverEnv as NodeJS.ProcessEnv });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No server: builds after an edit start Node, as without one.
  }
}

export function serverIdleMs(env: Env): number {
  const s = Number(env.GOWEAVE_SERVER_IDLE);
  return (Number.isFinite(s) && s > 0 ? s : 600) * 1000;
}
