import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join, relative, sep } from 'node:path';
import { parseGoArgs, WOVEN_SUBCOMMANDS, type ParsedArgs } from './args.js';
import { assetPath } from '../assets.js';
import { WeaveCache } from './cache.js';
import type { LocatedError } from './core.js';
import { unifiedDiff } from './diff.js';
import { goBinary, weaveCacheDir, type Env } from './env.js';
import { runAttached } from './exec.js';
import { goEnv } from './golist.js';
import { ensureModuleCopy } from './modcopy.js';
import { providingModule, versionedArgs, type VersionedArg } from './versioned.js';
import { GoCommandError } from './golist.js';
import { prepare, UsageError, type Prepared } from './pipeline.js';
import type { PoolStats } from './pool.js';
import { loadRealCore, loadRealRunner, type PooledRunner } from './realcore.js';
import { appendReport, appendReportLine } from './report.js';
import { rememberForReplay } from './launcher.js';
import { withoutEntryVars } from './replay.js';
import { describeOutcome, timingsLine } from './outcome.js';
import { startServer } from './server.js';
import { maybeTrimWeaveCache } from './trim.js';

export { UsageError };
export { serve, serverIdleMs, startingCommand } from './server.js';
export { WOVEN_SUBCOMMANDS } from './args.js';

/** `go-weave __cover-weave …`: a cover step of a woven coverage build (coverweave.ts). */
export async function runCoverWeave(args: string[]): Promise<number> {
  const { coverWeave } = await import('./coverweave.js');
  return coverWeave(await loadRealCore(), args);
}

/**
 * `go-weave <subcommand> …`: weaves what the go command is about to compile and runs the real go
 * command on the woven files. Other subcommands pass through.
 */
export async function runGo(subcommand: string, args: string[], env: Env = process.env, argv?: string[]): Promise<number> {
  if (!WOVEN_SUBCOMMANDS.has(subcommand)) {
    return runAttached(goBinary(env), [subcommand, ...args], { env: withoutEntryVars(env) });
  }
  const parsed = parseGoArgs(subcommand, args);
  const versioned = versionedArgs(parsed);
  if (versioned.length > 0) return runVersionedWith(await loadRealRunner(env), parsed, versioned, env);
  return runGoWith(await loadRealRunner(env), subcommand, args, env, argv);
}

/**
 * `go-weave install pkg@version` and `go-weave run pkg@version [args]` (versioned.ts): the
 * providing module is copied into the weave cache and built there as the main module, install
 * into GOBIN as go would, run from a temporary directory. No replay record: `@latest` may name
 * another version tomorrow.
 */
export async function runVersionedWith<A>(runner: PooledRunner<A>, parsed: ParsedArgs, versioned: VersionedArg[], env: Env): Promise<number> {
  const go = goBinary(env);
  const { module, packages } = await providingModule(go, env, versioned);
  // As go install pkg@version builds: outside any workspace.
  const buildEnv: Env = { ...env, GOWORK: 'off' };
  const ge = await goEnv(go, { env: buildEnv });
  const copy = ensureModuleCopy(new WeaveCache(weaveCacheDir(env)), ge.GOMODCACHE, module, { lines: false }).copy;
  const byArg = new Map(versioned.map((v, i) => [v.arg, packages[i]]));
  if (parsed.subcommand === 'install') {
    return runGoWith(runner, 'install', ['-C', copy, ...parsed.rest.map((a) => byArg.get(a) ?? a)], buildEnv);
  }
  // go run: everything after the package belongs to the program; -exec names what starts it.
  const execFlag = parsed.flags.find((f) => f.name === 'exec');
  const buildFlags = parsed.flags.filter((f) => !['exec', 'C', 'overlay', 'modfile'].includes(f.name)).flatMap((f) => f.raw);
  const programArgs = parsed.rest.slice(parsed.rest.indexOf(versioned[0].arg) + 1);
  const tmp = mkdtempSync(join(tmpdir(), 'go-weave-run-'));
  try {
    const exe = join(tmp, programName(versioned[0].path) + (process.platform === 'win32' ? '.exe' : ''));
    const built = await runGoWith(runner, 'build', ['-C', copy, ...buildFlags, '-o', exe, packages[0]], buildEnv);
    if (built !== 0) return built;
    const [cmd, ...pre] = execFlag?.value ? execFlag.value.split(/\s+/).filter(Boolean) : [];
    const code = await runAttached(cmd ?? exe, cmd ? [...pre, exe, ...programArgs] : programArgs, { env: withoutEntryVars(env) });
    // As go run reports a program's failure.
    if (code !== 0) {
      process.stderr.write(`exit status ${code}\n`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The executable's name go gives a package: its last element, or the one before a major version suffix. */
function programName(pkg: string): string {
  const parts = pkg.split('/');
  const last = parts[parts.length - 1];
  return /^v[2-9]\d*$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}

/**
 * runGo with an explicit core; tests use it to drive the pipeline with a small fake weaver.
 * argv: go-weave's own command line, which names the launcher's record of this command.
 */
export async function runGoWith<A>(runner: PooledRunner<A>, subcommand: string, args: string[], env: Env = process.env, argv?: string[]): Promise<number> {
  // Process start: files modified after it may have changed under the weaver (see replay.ts).
  const startNs = BigInt(Math.floor(performance.timeOrigin)) * 1_000_000n;
  const r = await prepareReported(runner, subcommand, args, env);
  if (typeof r === 'number') return r;
  const { p, stderr, report } = r;
  p.goEnv = withoutEntryVars(p.goEnv);
  const remember = () => rememberForReplay(p, env, argv ?? [], { stderr, report, summary: describeOutcome(p).summary, startNs }, () => assetPath('launcher'));
  // Through the launcher: the record is written first, so that a long `go-weave run` is
  // replayable while it runs. Without one, it is built after the go command, from its build cache.
  if (argv && env.GOWEAVE_REPLAY_RECORD) await remember();
  const code = await runAttached(p.go, p.goArgs, { env: p.goEnv });
  if (argv && !env.GOWEAVE_REPLAY_RECORD && env.GOWEAVE_LAUNCHER) await remember();
  // The launcher found no weave server: one is started for the builds that follow.
  // With the request the launcher would have sent: the server plans it first and weaves the next save.
  if (argv && env.GOWEAVE_SERVER_SOCKET && process.argv[1]) startServer(process.argv[1], env.GOWEAVE_SERVER_SOCKET, env, { argv, cwd: process.cwd(), request: env.GOWEAVE_SERVER_REQUEST });
  // After the go command, which it must never delay; a day passes between trims.
  maybeTrimWeaveCache(new WeaveCache(weaveCacheDir(env)).root);
  return code;
}

interface Reported {
  p: Prepared;
  /** The warnings printed, and the report line written: a replay repeats both. */
  stderr: string;
  report: string;
}

async function prepareReported<A>(runner: PooledRunner<A>, subcommand: string, args: string[], env: Env): Promise<Reported | number> {
  let p: Prepared;
  try {
    p = await prepare(runner, subcommand, args, env, () => assetPath('runtime'));
  } catch (err) {
    const located: LocatedError[] = [];
    if (err instanceof GoCommandError) {
      process.stderr.write(err.output.endsWith('\n') || err.output === '' ? err.output : err.output + '\n');
      if (!err.output) process.stderr.write(`go-weave: ${err.message}\n`);
      located.push({ message: err.output.trim() || err.message });
    } else if (err instanceof UsageError) {
      process.stderr.write(err.message + '\n');
      located.push(err.located ?? { message: err.message });
    } else {
      throw err;
    }
    appendReport(env.GOWEAVE_REPORT, { wovenPackages: 0, joinPoints: 0, aspects: [], errors: located });
    return 1;
  } finally {
    // Weaving is over before the go command starts: its threads would only hold memory.
    await runner.pool?.close();
  }
  const { warnings, report } = describeOutcome(p);
  process.stderr.write(warnings);
  if (env.GOWEAVE_VERBOSE) {
    const o = p.outcome;
    process.stderr.write(`go-weave: ${o.wovenPackages.length} woven packages (${o.weavedNow} woven now, the rest from the weave cache), ${o.joinPoints} join points; ${timingsLine(p)}${threads(runner.pool?.stats)}\n`);
    if (runner.pool?.stats.failure) process.stderr.write(`go-weave: ${runner.pool.stats.failure}; the main thread wove the rest\n`);
  }
  appendReportLine(env.GOWEAVE_REPORT, report);
  return { p, stderr: warnings, report };
}

/** How many threads wove the packages woven now, for the verbose line. */
function threads(stats: PoolStats | undefined): string {
  if (!stats?.workers) return ' on the main thread';
  return ` on the main thread + ${stats.workers} worker thread${stats.workers === 1 ? '' : 's'} (${stats.byMain} + ${stats.byWorkers} packages)`;
}

/**
 * `go-weave diff [-deps] [build flags] [packages]`: the woven changes as a unified diff. Without
 * -deps only the named packages are shown; with it, every woven file of the build (std included).
 */
export async function runDiff(args: string[], env: Env = process.env): Promise<number> {
  return runDiffWith(await loadRealRunner(env), args, env);
}

export async function runDiffWith<A>(runner: PooledRunner<A>, args: string[], env: Env = process.env, write: (s: string) => void = (s) => void process.stdout.write(s)): Promise<number> {
  const deps = args.includes('-deps') || args.includes('--deps');
  const rest = args.filter((a) => a !== '-deps' && a !== '--deps');
  const r = await prepareReported(runner, 'build', rest, env);
  if (typeof r === 'number') return r;
  const { p } = r;
  const shown = new Set<string>();
  for (const pkg of p.packages) {
    if (!pkg.Dir || (!deps && pkg.DepOnly)) continue;
    for (const f of pkg.GoFiles ?? []) shown.add(join(pkg.Dir, f));
  }
  // Overlay keys are the original files (module-cache dependencies included: their copies only
  // exist for the go command's sake).
  const entries = [...p.outcome.overlay.entries()].filter(([orig]) => shown.has(orig)).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [orig, woven] of entries) {
    // Files of the module read as a/… b/… like git; others (GOROOT, module cache) keep their absolute path.
    const inside = orig.startsWith(p.cwd + sep);
    const name = inside ? relative(p.cwd, orig) : orig;
    const before = readFileSync(p.userOverlay.get(orig) || orig, 'utf8');
    // Compared without the comments weaving leaves out, shown with them: the lines aspects changed.
    const compared = (await runner.core.withoutOmittedComments?.(orig, before)) ?? before;
    write(unifiedDiff(inside ? `a/${name}` : name, inside ? `b/${name}` : `${name} (woven)`, before, readFileSync(woven, 'utf8'), { compared }));
  }
  return 0;
}

/** `go-weave cache clean`: removes every woven file and generated go.mod/overlay. */
export async function cleanCache(env: Env = process.env): Promise<void> {
  new WeaveCache(weaveCacheDir(env)).clean();
}
