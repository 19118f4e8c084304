import { spawn, type ChildProcess } from 'node:child_process';
import { aheadArgs, aheadDir, aheadStarting, buildAheadWanted, launcherOfRecord } from './ahead.js';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { parseGoArgs, WOVEN_SUBCOMMANDS } from './args.js';
import { versionedArgs } from './versioned.js';
import { assetPath } from '../assets.js';
import { absoluteGo, type Env } from './env.js';
import { goEnv, type GoEnv } from './golist.js';
import { basename, dirname, isAbsolute, resolve, sep } from 'node:path';
import { describeOutcome, timingsLine } from './outcome.js';
import { prepare, type CoreRunner, type Prepared } from './pipeline.js';
import type { AspectSet } from '../index.js';
import { planUnitsAsync } from './plan.js';
import { loadRealCore, selfCommand } from './realcore.js';
import { SourceWatch, type WatchMark } from './server-watch.js';
import { firmedRecord, firmFromNs, moduleLookups, racyPaths, replayRecord, withoutEntryVars, writeReplayRecord, type ReplayRecord } from './replay.js';
import type { WriteLater } from './weaving.js';

/**
 * The weave server: a Node process that stays up between builds (for GOWEAVE_SERVER_IDLE
 * seconds, 600 by default) so that a build after an edit does not pay for Node's start, loading
 * the core and the grammar. The launcher sends it the command line it could not replay; the
 * server plans and weaves exactly as the command line would (same code, the request's
 * environment and directory, every cache on disk), writes the replay record, and the launcher
 * replays it. Anything it cannot do (an error to report, another GOWEAVE_ASSETS) it declines, and
 * the launcher runs Node as usual. Between requests it keeps loaded code, checked memos (go env,
 * parsed cache entries) and the last few requests, which it plans again when a source they read
 * is saved (server-watch.ts) and answers at once when they come again with nothing changed.
 *
 * Wire format, one JSON line each way over a Unix socket beside the launcher (or in a private
 * directory of TMPDIR when that path is too long, launcher/server.go serverSocketPath):
 *   request  {"argv": [...], "cwd": "...", "env": ["K=V", ...], "record": "<path>", "pid": <launcher>}
 *   reply    {"ok": true, "verbose": "..."} or {"ok": false}
 * and one line without a reply from a launcher that builds from its record alone:
 *   notice   {"used": "<record path>", "pid": <launcher>}
 */
export interface ServerRequest {
  argv: string[];
  cwd: string;
  env: string[];
  record: string;
  /** The launcher's process, which runs go next (exec keeps the id). */
  pid?: number;
}

export interface ServerReply {
  ok: boolean;
  verbose?: string;
}

/** Bytes of a Unix socket's path, its NUL included, that every platform's sun_path holds. */
const MAX_SOCKET_PATH = 104;

/** A plan's outcome; never throws (a decline sends the launcher to Node). */
interface Answer {
  reply: ServerReply;
  /** The record the launcher replays, written once the server watches what the plan read. */
  record?: ReplayRecord;
  /** What the plan read from the user's tree, for the server to watch. */
  sources?: WatchedSources;
  /** Paths the record stamped as too recent to vouch for later builds. */
  racy?: RacyPath[];
  /** What the plan did, for a reply: how many packages it wove now, and its timings. */
  work?: { weavedNow: number; timings: string };
  /** The plan itself, which the next one starts from when only some of its Go files changed. */
  prepared?: Prepared;
}

/** A path stamped as too recent, with what it was just after the plan (files only). */
interface RacyPath {
  path: string;
  seen?: string;
}

function fileStamp(path: string): string | undefined {
  return fileStat(path)?.stamp;
}

function fileStat(path: string): { stamp: string; mtimeNs: bigint; size: bigint } | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return st.isFile() ? { stamp: `${st.mtimeNs} ${st.size} ${st.ino}`, mtimeNs: st.mtimeNs, size: st.size } : undefined;
  } catch {
    return undefined;
  }
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

/**
 * Which of a plan's racy files can be stamped now, for a record that still holds: those as they
 * were right after the plan and modified long enough ago that a later write moves their mtime.
 * `rest` are the others, and `waitNs` how long until the last of them can be.
 */
function firming(racy: RacyPath[], now: bigint): { firm: Map<string, { mtimeNs: bigint; size: bigint }>; rest: RacyPath[]; waitNs?: bigint } {
  const firm = new Map<string, { mtimeNs: bigint; size: bigint }>();
  const rest: RacyPath[] = [];
  let waitNs: bigint | undefined;
  for (const r of racy) {
    const st = fileStat(r.path);
    const from = st && st.stamp === r.seen ? firmFromNs(r.path, st.mtimeNs) : undefined;
    if (st && from !== undefined && from <= now) {
      firm.set(r.path, st);
      continue;
    }
    rest.push(r);
    if (from !== undefined && (waitNs === undefined || from - now > waitNs)) waitNs = from - now;
  }
  return { firm, rest, waitNs };
}

/** A file dated further ahead than this (a clock set wrong) stays racy. */
const MAX_FIRM_WAIT_NS = 10_000_000_000n;

/**
 * The record of the last plan holds for the same request again: nothing relevant changed
 * since that plan started (the watch), every directory it read was watched before it started
 * (a plan that began a watch could miss an edit made between its stamps and the watch), and the
 * files it found too recent to stamp are as they were right after it (a second line of defence
 * where events can be missed, FUSE or NFS).
 */
function stillHolds(sources: SourceWatch, known: Recent): boolean {
  const { mark, racy } = known;
  return (
    racy.every((r) => r.seen !== undefined && fileStamp(r.path) === r.seen) &&
    sources.holds(mark, racy.map((r) => r.path)) &&
    sources.watchedBefore(mark, known.sources?.dirs ?? [])
  );
}

function sameRequest(a: ServerRequest, b: ServerRequest): boolean {
  return a === b || (a.cwd === b.cwd && a.record === b.record && sameStrings(a.argv, b.argv) && sameStrings(a.env, b.env));
}

function sameStrings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A request's environment ("K=V" entries) as variables. */
function envOf(entries: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of entries) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

/**
 * A request's answer. `after` is the last plan of the very same request and the Go files the
 * watch saw change since it began: that plan is made again for those files alone when it can be
 * (Prepared.again), and whole otherwise.
 */
async function answer(req: ServerRequest, after?: { prepared: Prepared; changed: string[]; record?: ReplayRecord }, later?: WriteLater): Promise<Answer> {
  const startNs = nowNs();
  const env: Env = envOf(req.env);
  const no = { reply: { ok: false } };
  // Data files (aspects, runtime, grammar) are found once per process, through GOWEAVE_ASSETS.
  if ((env.GOWEAVE_ASSETS ?? '') !== (process.env.GOWEAVE_ASSETS ?? '')) return no;
  // The server runs in /: paths the command line would take from its directory are made whole.
  for (const k of ['GOWEAVE_CACHE', 'GOWEAVE_GO'] as const) {
    const v = env[k];
    if (v && !isAbsolute(v) && (k === 'GOWEAVE_CACHE' || v.includes('/'))) env[k] = resolve(req.cwd, v);
  }
  const cmd = wovenCommand(req.argv);
  if (!cmd) return no;
  try {
    // One thread: an edit re-weaves a package or two, less than a worker costs to start.
    const again = after && (await after.prepared.again?.(after.changed, later));
    const p = again || (await plan({ core: await loadRealCore(), goEnv: rememberedGoEnv, coverCommand: selfCommand() }, cmd, env, req.cwd));
    p.goEnv = withoutEntryVars(p.goEnv);
    const { warnings, report, summary } = describeOutcome(p);
    const earlier = again && after.record ? { record: after.record, edited: new Set(after.changed) } : undefined;
    const r = replayRecord(p, env, { stderr: warnings, report, summary, startNs }, earlier);
    if (!r) return no;
    const racy = racyPaths(r).map((path) => ({ path, seen: fileStamp(path) }));
    const work = { weavedNow: p.outcome.weavedNow, timings: timingsLine(p) };
    return { reply: { ok: true, verbose: `${work.weavedNow} woven now; ${work.timings}` }, record: r, sources: watchedSources(p), racy, work, prepared: p };
  } catch {
    // The command line reports errors in full (go list output, aspect file:line).
    return no;
  }
}

interface WatchedSources {
  dirs: Set<string>;
  names: Set<string>;
}

/** A request the server planned lately, kept to plan again on a save and to answer at once. */
interface Recent {
  req: ServerRequest;
  /** Where its last plan started: its record holds while nothing changed since. */
  mark: WatchMark;
  racy: RacyPath[];
  verbose: string;
  sources?: WatchedSources;
  /** The record as the server last wrote it, and its text (a record Node wrote since is left alone). */
  record?: ReplayRecord;
  written?: string;
  /** Planned on a save, and not asked for since: the build that follows may find it built ahead. */
  onSave: boolean;
  /** The plan behind the record (what a later plan of this request may start from). */
  prepared?: Prepared;
  asked?: boolean;
}

/** Requests planned again on every save: a save costs one plan each, mostly from the caches. */
const MAX_RECENT = 4;

function unionOf(all: (WatchedSources | undefined)[]): WatchedSources {
  const out: WatchedSources = { dirs: new Set(), names: new Set() };
  for (const w of all) {
    w?.dirs.forEach((d) => out.dirs.add(d));
    w?.names.forEach((n) => out.names.add(n));
  }
  return out;
}

/**
 * The directories a user edits (packages outside GOROOT and the module cache, and the main
 * modules' roots) and the names of the files the plan depends on.
 */
function watchedSources(p: Prepared): WatchedSources {
  const immutable = [p.ge.GOROOT, p.ge.GOMODCACHE].filter(Boolean).map((d) => d + sep);
  const dirs = new Set<string>();
  for (const pkg of p.packages) {
    for (const d of [pkg.Dir, pkg.Module?.Main ? pkg.Module.Dir : undefined]) {
      if (d && !pkg.Standard && !immutable.some((i) => d.startsWith(i))) dirs.add(d);
    }
  }
  if (p.configOpts.configPath) dirs.add(dirname(p.configOpts.configPath));
  return { dirs, names: new Set(p.inputs.map((f) => basename(f))) };
}

/** The go subcommand and its arguments of a woven go-weave command line, or undefined. */
function wovenCommand(argv: string[]): { sub: string; args: string[] } | undefined {
  const [sub, ...args] = argv[0] === 'go' ? argv.slice(1) : argv;
  return WOVEN_SUBCOMMANDS.has(sub) && versionedArgs(parseGoArgs(sub, args)).length === 0 ? { sub, args } : undefined;
}

/** Plans and weaves a command as the command line would, from directory cwd. */
function plan(runner: CoreRunner<AspectSet>, cmd: { sub: string; args: string[] }, env: Env, cwd: string): Promise<Prepared> {
  return prepare(runner, cmd.sub, cmd.args, env, () => assetPath('runtime'), cwd);
}

/** go env answers by go binary, directory and environment, with stamps of what they were read from. */
const goEnvs = new Map<string, { around: string; envFile: string; ge: GoEnv }>();
const MAX_GO_ENVS = 64;

/**
 * The variables go env reads. The launcher's record key (launcher/record.go plansWith) takes
 * these, go-weave's own GOWEAVE_ ones, which go never reads, and the OTEL_ ones that decide
 * whether a go test links the OTLP exporter.
 */
function goEnvInputs(env: Env): [string, string][] {
  const named = new Set(['PATH', 'HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'CC', 'CXX', 'FC', 'AR', 'GCCGO', 'PKG_CONFIG']);
  return Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('GOWEAVE_') && (named.has(e[0]) || e[0].startsWith('GO') || e[0].startsWith('CGO_')))
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
export async function serve(socketPath: string, idleMs: number, start?: StartingCommand): Promise<void> {
  // libuv would cut a path too long for sun_path short and listen elsewhere; the launcher never
  // hands one over (launcher/server.go serverSocketPath).
  if (Buffer.byteLength(socketPath) >= MAX_SOCKET_PATH) return;
  if (await answers(socketPath)) return;
  rmSync(socketPath, { force: true });
  // Requests run one at a time, in arrival order; the idle clock runs while none is pending.
  let tail = Promise.resolve();
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;
  const sources = new SourceWatch(() => weaveOnSave());
  // The requests planned lately, by the record they write, least recent first: each is planned
  // again when a source is saved, and answered at once when sent again while its `mark` holds.
  // The record's path stands for everything that can change a plan (the launcher's recordKey:
  // directory, arguments, the variables go and go-weave plan with), so a request that differs
  // only in others (GOWEAVE_VERBOSE, a terminal's) is the same one. More than one, because
  // builds often come in pairs (build, then test).
  const recent = new Map<string, Recent>();
  let saveQueued = false;
  // Saves left unplanned because a request came first: planned once requests stop.
  let savesLeft = false;
  // Connections accepted whose first line has not been read yet: most are requests, which go
  // before a save's plans of other command lines.
  let arriving = 0;
  // A build waits for its answer, or has connected and will: save plans and builds ahead give way.
  const buildsComing = () => pending > 0 || arriving > 0;
  // The builds answered lately run go now, each in its launcher's process (which execs go): the
  // plans they put off wait until those processes are gone rather than take the CPU from go's
  // compiles and links (a build of another command line that comes meanwhile plans for itself).
  const building = new GoProcesses();
  let resumeTimer: NodeJS.Timeout | undefined;
  const resumeSaves = () => {
    clearTimeout(resumeTimer);
    const resume = () => {
      if (buildsComing() || !savesLeft) return;
      if (building.anyRunning(Date.now())) {
        resumeTimer = setTimeout(resume, GO_POLL_MS);
        resumeTimer.unref();
        return;
      }
      savesLeft = false;
      planSaves();
    };
    resume();
  };

  // Work no build waits for (cache entries for later plans, firming a record), done in the
  // queue of requests and plans once the builds that have asked are answered: a build that
  // connected while a save was planned reads its answer first. A failure must not stop the queue.
  let later: (() => void)[] = [];
  const flush = async (): Promise<void> => {
    // A plan from memory reads nothing asynchronously: a build that connected meanwhile is seen
    // once the event loop has polled.
    await polled();
    if (pending > 0) {
      tail = tail.then(flush);
      return;
    }
    const works = later;
    later = [];
    for (const work of works) {
      try {
        work();
      } catch {
        // A cache entry left unwritten is woven again by a later plan; a record left unfirmed is
        // planned again by the next build.
      }
    }
  };
  const queued = (work: () => void): void => {
    later.push(work);
    if (later.length === 1) tail = tail.then(flush);
  };
  const planRequest = async (req: ServerRequest, onSave = false): Promise<ServerReply> => {
    const mark = sources.mark();
    // Cache entries for later plans are written once the builds that asked have their answer
    // (queued), as is the firming below.
    const a = await answer(req, startingPoint(recent.get(req.record), req), queued);
    // What the same request sent again is told: the work a save did, or that there was none.
    const verbose = onSave && a.work ? `${a.work.weavedNow} woven on save; ${a.work.timings}` : 'nothing changed since the last plan';
    // A request moves to the most recent place; a save's plan keeps it where it was.
    if (!onSave || !a.reply.ok) recent.delete(req.record);
    const known: Recent = { req, mark, racy: a.racy ?? [], verbose, sources: a.sources, record: a.record, onSave, prepared: a.prepared };
    if (a.reply.ok) recent.set(req.record, known);
    for (const old of recent.keys()) if (recent.size > MAX_RECENT) recent.delete(old);
    const watched = unionOf([...recent.values()].map((r) => r.sources));
    sources.update(watched.dirs, watched.names);
    // Once the record is there, an edit is seen by the watch: a save after it is woven on save.
    try {
      if (a.record) known.written = writeReplayRecord(req.record, a.record);
    } catch {
      recent.delete(req.record);
      return { ok: false };
    }
    if (a.reply.ok) queued(() => firm(req.record, known));
    return a.reply;
  };
  // The last plan of this very request (same command line, directory and environment), and what
  // changed since it began, when the watch can tell: it has watched every directory the plan
  // read since before then, and saw Go files change and nothing else.
  const startingPoint = (known: Recent | undefined, req: ServerRequest): { prepared: Prepared; changed: string[]; record?: ReplayRecord } | undefined => {
    if (!known?.prepared || !sameRequest(known.req, req) || !sources.watchedBefore(known.mark, known.sources?.dirs ?? [])) return undefined;
    const changed = sources.changedSince(known.mark);
    return changed && changed.length > 0 ? { prepared: known.prepared, changed, record: known.record } : undefined;
  };
  // A record stamps the files its plan found too recent (a save a moment ago) as racy, so every
  // build asks the server about it. Once they have aged unchanged past the racy window, the
  // server, which watched them all along, stamps them after all: later builds replay from the
  // launcher alone, without a round trip.
  const firmTimers = new Map<string, NodeJS.Timeout>();
  const firm = (key: string, known: Recent): void => {
    clearTimeout(firmTimers.get(key));
    firmTimers.delete(key);
    if (recent.get(key) !== known || !known.record || known.written === undefined || !stillHolds(sources, known)) return;
    if (known.racy.length === 0) return buildAhead(key, known);
    const { firm: firmNow, rest, waitNs } = firming(known.racy, nowNs());
    if (firmNow.size > 0) {
      try {
        // Only over what this server wrote: a Node run may have written a newer plan since.
        if (readFileSync(key, 'utf8') !== known.written) return;
        const record = firmedRecord(known.record, firmNow);
        known.written = writeReplayRecord(key, record);
        known.record = record;
        known.racy = rest;
      } catch {
        return;
      }
    }
    if (rest.length === 0) return buildAhead(key, known);
    if (waitNs === undefined || waitNs > MAX_FIRM_WAIT_NS) return;
    const t = setTimeout(() => {
      queued(() => firm(key, known));
    }, Number(waitNs / 1_000_000n) + 10);
    t.unref();
    firmTimers.set(key, t);
  };
  // Once the save's plan of the last command line is firm (nothing left racy: the launcher
  // replays it alone), a go build or install of executables is run ahead of the user's, into
  // private outputs the user's build then installs (launcher/ahead.go). Not when the user asked
  // for it since the save (their build runs go right now), nor while any request waits, and
  // never two at once.
  let ahead: { child: ChildProcess; key: string } | undefined;
  const stopAhead = () => {
    ahead?.child.kill('SIGTERM');
    ahead = undefined;
  };
  // The command line run last, by its record: asked for, or built by the launcher alone (its
  // notice). Only that one is built ahead.
  let lastRun: string | undefined;
  // Decided once the event loop has polled: a build that connected while the plan ran (a plan
  // from memory and the weave cache reads nothing asynchronously, so connections wait until it
  // is done) is counted by then, as a request or as a connection not read yet, and most likely
  // it is the user's build of this very command line.
  const buildAhead = (key: string, known: Recent): void => {
    void polled().then(() => startAhead(key, known));
  };
  const startAhead = (key: string, known: Recent): void => {
    if (!server.listening || recent.get(key) !== known || !known.onSave || known.asked || buildsComing() || !known.record || lastRun !== key) return;
    const env = envOf(known.req.env);
    const args = buildAheadWanted(env) ? aheadArgs(known.record, aheadDir(key)) : undefined;
    if (!args) return;
    stopAhead();
    // A build that reads the record from now on waits for the build ahead's lock.
    const starting = aheadStarting(key);
    const started = () => rmSync(starting, { force: true });
    try {
      writeFileSync(starting, '');
      const child = spawn(launcherOfRecord(key), ['-goweave-ahead', key, ...args], { cwd: known.req.cwd, env, stdio: 'ignore' });
      child.on('error', started);
      const running = { child, key };
      child.on('exit', () => {
        started();
        if (ahead === running) ahead = undefined;
      });
      ahead = running;
    } catch {
      // The build that follows runs go itself.
      started();
    }
  };
  // A save re-plans the recent builds at once, the latest first: the builds that follow find
  // their work done. A build ahead of what the save changed is stopped.
  const weaveOnSave = () => {
    stopAhead();
    planSaves();
  };
  // Plans the recent builds a save left stale (not a save itself: plans put off by a build
  // resume through here, and leave a build ahead of a later save running).
  const planSaves = () => {
    if (recent.size === 0 || saveQueued) return;
    saveQueued = true;
    tail = tail.then(async () => {
      // One plan each for the burst of events an editor's save makes.
      await eventsSeen();
      saveQueued = false;
      for (const [record, r] of [...recent].reverse()) {
        // A request waiting (or arriving) does its own work first, and a build answered runs go
        // without the server's plans beside it.
        if (buildsComing() || building.anyRunning(Date.now())) {
          savesLeft = true;
          resumeSaves();
          return;
        }
        if (recent.get(record) !== r || sources.holds(r.mark, [])) continue;
        await planRequest(r.req, true);
        // A plan from the weave cache reads nothing asynchronously: a build that connected
        // meanwhile is seen only after a turn of the event loop that polls for I/O.
        await polled();
      }
      // Someone is editing: builds will follow.
      if (pending === 0) armIdle();
    });
  };
  // A command line arrives (a request, or a launcher's notice that it builds from the record
  // alone): it is the one run last now, and it comes first when the next save is planned; a
  // build ahead of another one would compete with it.
  const used = (record: string): void => {
    lastRun = record;
    const known = recent.get(record);
    if (known) {
      recent.delete(record);
      recent.set(record, known);
    }
    if (ahead && ahead.key !== record) stopAhead();
  };
  const reply = async (conn: Socket, req: ServerRequest | undefined): Promise<void> => {
    let out: ServerReply = { ok: false };
    try {
      if (req) {
        // Every edit made before this build started has been seen now.
        await eventsSeen();
        const known = recent.get(req.record);
        // The user builds this one now: a build ahead of it would only compete.
        if (known) known.asked = true;
        if (known && stillHolds(sources, known)) {
          // Answered from a save's plan: `used` put it first for the next save on its arrival.
          out = { ok: true, verbose: known.verbose };
        } else {
          out = await planRequest(req);
        }
      }
    } catch {
      out = { ok: false };
    }
    // Answered or declined (Node then plans, in the same process), the build goes on there.
    if (req?.pid !== undefined) building.add(req.pid, Date.now());
    conn.end(JSON.stringify(out) + '\n');
  };

  const server = createServer((conn) => {
    arriving++;
    let counted = true;
    // Once its first line is read (or never will be), a connection no longer holds saves back.
    const arrived = () => {
      if (!counted) return;
      counted = false;
      arriving--;
      resumeSaves();
    };
    conn.once('close', arrived);
    setTimeout(arrived, FIRST_LINE_MS).unref();
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('error', () => conn.destroy());
    conn.on('data', (chunk: string) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = '';
      const notice = usedNotice(line);
      if (notice !== undefined) {
        used(notice.record);
        if (notice.pid !== undefined) building.add(notice.pid, Date.now());
        conn.end();
        arrived();
        return;
      }
      const req = serverRequest(line);
      // Known on arrival, before the plans queued ahead of it run: none of them may start a
      // build ahead that this build would compete with.
      if (req) used(req.record);
      pending++;
      arrived();
      clearTimeout(timer);
      tail = tail.then(() => reply(conn, req)).finally(() => {
        if (--pending > 0) return;
        armIdle();
        resumeSaves();
      });
    });
  });
  let ino = 0;
  // The idle clock starts again, unless the server has stopped already.
  const armIdle = () => {
    clearTimeout(timer);
    if (server.listening) timer = setTimeout(stop, idleMs);
  };
  const stop = () => {
    clearInterval(socketCheck);
    clearTimeout(timer);
    clearTimeout(resumeTimer);
    firmTimers.forEach((t) => clearTimeout(t));
    stopAhead();
    sources.close();
    server.close();
    if (inodeOf(socketPath) === ino) rmSync(socketPath, { force: true });
  };
  const socketCheck = setInterval(() => {
    if (inodeOf(socketPath) !== ino) stop();
  }, 5000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  ino = inodeOf(socketPath);
  armIdle();
  // The command whose Node run started this server, as its launcher would have sent it: planned
  // first (its record is written again, the same), so that its sources are watched and the first
  // save is woven before the build that follows it.
  const first = start?.request === undefined ? undefined : serverRequest(start.request);
  if (first) {
    lastRun = first.record;
    tail = tail.then(async () => {
      if (!recent.has(first.record)) await planRequest(first);
    });
  }
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  // Training rounds queue behind requests and give way to any that is waiting.
  const train = await trainer(start);
  for (let round = 0; round < TRAINING_ROUNDS && server.listening; round++) {
    tail = tail.then(() => (pending === 0 ? train() : undefined));
    await tail;
  }
  await closed;
}

/**
 * Resolves after the I/O callbacks of this turn of the event loop: a file-system event queued
 * before a request's bytes arrived has been delivered by then.
 */
function eventsSeen(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves after the event loop has polled for I/O at least once: an immediate set from an I/O
 * callback runs before the next poll, one set from an immediate after it.
 */
function polled(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** A connection that sends no line within this long holds no save back any more. */
const FIRST_LINE_MS = 1000;
/** How often the server looks whether the builds it answered have ended. */
const GO_POLL_MS = 20;
/**
 * The longest the plans a build put off wait for it: a go run of a server, or a long go test, is
 * still running when the user saves again, and its other command lines should be ready by then.
 */
const PUT_OFF_MAX_MS = 10_000;

/**
 * The processes of the builds the server answered, by process id, until they end or have run
 * for PUT_OFF_MAX_MS. A process id is read again only while its build can still run, and a
 * process that ended is waited for no more, so a reused id costs at most that wait.
 */
class GoProcesses {
  private readonly since = new Map<number, number>();

  add(pid: number, nowMs: number): void {
    this.since.set(pid, nowMs);
  }

  anyRunning(nowMs: number): boolean {
    for (const [pid, since] of this.since) {
      if (nowMs - since >= PUT_OFF_MAX_MS || !processExists(pid)) this.since.delete(pid);
    }
    return this.since.size > 0;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // Another user's process (the launcher runs as the user, so hardly ever): it exists.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The woven command whose Node run started the server: what the next requests will look like. */
export interface StartingCommand {
  argv: string[];
  cwd: string;
  /** The request the launcher would have sent for it (GOWEAVE_SERVER_REQUEST), when known. */
  request?: string;
}

const isStringArray = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string');

/** The record path and process of a launcher's notice line, or undefined. */
function usedNotice(line: string): { record: string; pid?: number } | undefined {
  try {
    const v = JSON.parse(line) as { used?: unknown; pid?: unknown };
    return typeof v.used === 'string' ? { record: v.used, pid: processId(v.pid) } : undefined;
  } catch {
    return undefined;
  }
}

/** A launcher's process id, as a request or notice gives it, or undefined. */
function processId(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined;
}

/** A request line as the launcher writes it, or undefined. */
function serverRequest(line: string): ServerRequest | undefined {
  try {
    const v = JSON.parse(line) as Partial<ServerRequest>;
    if (isStringArray(v.argv) && isStringArray(v.env) && typeof v.cwd === 'string' && typeof v.record === 'string') {
      return { argv: v.argv, cwd: v.cwd, env: v.env, record: v.record, pid: processId(v.pid) };
    }
  } catch {
    // Not from the launcher.
  }
  return undefined;
}

/**
 * The first requests after an edit would otherwise run in V8's interpreter and take several
 * times longer than later ones. Enough rounds for the hot loops (per package, per stamp) to be
 * compiled; each costs what a warm no-op plan costs.
 */
const TRAINING_ROUNDS = 12;
/** Training stops after this long (a large module plans slowly even from its caches)... */
const TRAINING_MAX_MS = 3000;
/** ...and weaves the smallest woven packages of the main module up to this much source. */
const TRAINING_MAX_SOURCE = 256 * 1024;

/**
 * Loads the core, the grammar and the aspects, then returns one round of training: the starting
 * command planned again (every cache hits, so nothing is written; go env answers are remembered
 * for the requests), its record computed but not written, and the main module's smaller woven
 * packages woven again in memory, the path an edit takes.
 */
async function trainer(start: StartingCommand | undefined): Promise<() => Promise<void>> {
  const none = async () => undefined;
  try {
    const core = await loadRealCore();
    const cmd = start && wovenCommand(start.argv);
    if (!start || !cmd) {
      const aspects = await core.loadConfig({});
      await core.weavePackage(aspects, { importPath: 'example.com/warmup', files: [{ path: '/warmup/warmup.go', source: 'package warmup\n\nfunc F() {}\n' }] });
      return none;
    }
    const env = withoutEntryVars(process.env);
    const runner = { core, goEnv: rememberedGoEnv };
    const first = await plan(runner, cmd, env, start.cwd);
    const aspects = await core.loadConfig(first.configOpts);
    const woven = new Set(first.outcome.wovenPackages);
    // Small packages first, and no more source than a few of them: a large package (woven whole
    // here, without the per-file memo) would cost seconds per round.
    const sized = (await planUnitsAsync(first.packages, async () => true))
      .filter((u) => u.ref.mainModule && woven.has(u.ref.importPath))
      .map((u) => ({ ...u.ref, files: u.files.map((path) => ({ path, source: readFileSync(path, 'utf8') })) }))
      .map((input) => ({ input, size: input.files.reduce((n, f) => n + f.source.length, 0) }))
      .sort((a, b) => a.size - b.size);
    let budget = TRAINING_MAX_SOURCE;
    const inputs = sized.filter((x) => (budget -= x.size) >= 0).map((x) => x.input);
    const deadline = Date.now() + TRAINING_MAX_MS;
    let changing = false;
    return async () => {
      if (changing || Date.now() > deadline) return;
      try {
        const p = await plan(runner, cmd, env, start.cwd);
        // The tree changed since the starting command (the user is editing): planning it is what
        // the next request does anyway, and further rounds would only compete with it.
        changing = !p.planCached || p.outcome.weavedNow > 0;
        if (changing) return;
        replayRecord(p, env, { stderr: '', report: '', summary: '', startNs: 0n });
        for (const input of inputs) await core.weavePackage(aspects, input);
      } catch {
        // Training only: a request meets the same problem and declines.
        changing = true;
      }
    };
  } catch {
    // A request will report the same problem by declining.
    return none;
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
export function startServer(script: string, socketPath: string, env: Env, start: StartingCommand): void {
  const serverEnv = withoutEntryVars(env);
  try {
    const child = spawn(process.execPath, [script, '__weave-server', socketPath, JSON.stringify(start)], { detached: true, stdio: 'ignore', cwd: '/', env: serverEnv as NodeJS.ProcessEnv });
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

/** The starting command as startServer passes it; anything else trains on a stand-in package. */
export function startingCommand(json: string): StartingCommand | undefined {
  try {
    const v = JSON.parse(json) as Partial<StartingCommand>;
    if (isStringArray(v.argv) && typeof v.cwd === 'string') {
      return { argv: v.argv, cwd: v.cwd, ...(typeof v.request === 'string' ? { request: v.request } : {}) };
    }
  } catch {
    // Not from startServer.
  }
  return undefined;
}
