// Shared driver of the build benchmarks: the same module built by the plain go command and by
// go-weave, in one run, printing woven ÷ plain ratios for a cold build (empty GOCACHE and weave
// cache), a warm no-op rebuild and rebuilds after editing one file (a comment and code, at once
// and after a pause; the paused ones again with the weave server's building ahead off).
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../test/support/go-fixture.ts';
import { goPhases, type GoPhases } from './go-phases.ts';
import { GO, REPO } from '../test/support/go-shop.ts';

export interface Target {
  name: string;
  /** Module root; copied to a temp dir so the edit scenario never touches it. */
  dir: string;
  packages: string[];
  /** A file (relative to dir) edited in the one-file scenario. */
  editFile: string;
}

/**
 * go-weave as users run it: the generated entry script, which replays unchanged builds through
 * the native launcher and otherwise starts the esbuild bundle (node start-up matters for the
 * warm numbers), built fresh from this checkout so the benchmark never measures a stale dist/.
 */
export async function bundleGoWeave(work: string): Promise<{ cmd: string[]; env: NodeJS.ProcessEnv }> {
  const outDir = join(work, 'go-weave');
  // @ts-expect-error: a plain ES module of the repository's scripts, without type declarations.
  const { bundleWeaverTo } = (await import('../scripts/bundle.mjs')) as { bundleWeaverTo: (dir: string, o: { assets: boolean }) => Promise<void> };
  await bundleWeaverTo(outDir, { assets: false });
  const assets = join(work, 'assets');
  mkdirSync(assets);
  symlinkSync(join(REPO, 'node_modules', 'tree-sitter-go', 'tree-sitter-go.wasm'), join(assets, 'tree-sitter-go.wasm'));
  symlinkSync(join(REPO, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'), join(assets, 'web-tree-sitter.wasm'));
  symlinkSync(process.env.GOWEAVE_ASSETS ? join(process.env.GOWEAVE_ASSETS, 'aspects') : join(REPO, 'weaver', 'aspects'), join(assets, 'aspects'));
  symlinkSync(join(REPO, 'runtime'), join(assets, 'runtime'));
  symlinkSync(join(REPO, 'launcher'), join(assets, 'launcher'));
  return { cmd: [join(outDir, 'go-weave')], env: { GOWEAVE_ASSETS: assets, GOWEAVE_NODE: process.execPath } };
}

interface Timing {
  /** Wall-clock milliseconds. */
  ms: number;
  /** User + system CPU milliseconds of the command and every process it waited for. */
  cpuMs: number;
}

/**
 * Runs the command under bash, whose `times` reports the CPU its children used (to the
 * millisecond, where dash counts 10 ms clock ticks): unlike wall time, that barely moves when
 * other work shares the machine. A weave server, detached, is not counted, so only builds that
 * need none report it: cold builds, which start none, and no-op rebuilds, which the launcher
 * replays alone.
 */
async function timedCpu(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Timing> {
  // No start-up files: a bash started without a terminal from a remote shell reads ~/.bashrc,
  // whose work (and any PATH it sets, which changes go-weave's record) would be counted.
  const { ms, stderr } = await timedRun('/bin/bash', ['--norc', '--noprofile', '-c', '"$@"; s=$?; times >&2; exit $s', 'sh', cmd, ...args], cwd, { ...env, BASH_ENV: undefined, ENV: undefined });
  // The last line of `times`: children's user and system time, as 1m2.345s.
  const last = stderr.trim().split('\n').pop() ?? '';
  const secs = [...last.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (secs.length !== 2) throw new Error(`cannot read the CPU time of ${cmd} from: ${last}`);
  return { ms, cpuMs: (secs[0] + secs[1]) * 1000 };
}

async function timedRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; stderr: string }> {
  const t0 = performance.now();
  const r = await run(cmd, args, { cwd, env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}${r.stderr}`);
  return { ms, stderr: r.stderr };
}

/** Wall-clock time alone, with nothing in between: a shell would add its start-up to both sides. */
export async function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return (await timedRun(cmd, args, cwd, env)).ms;
}

/**
 * n rounds of a then b, each round in the other order than the one before: the second build of a
 * round shares the machine with the first's cache write-back. beforeRound runs first in each.
 */
export async function interleaved<T>(n: number, a: () => Promise<T>, b: () => Promise<T>, beforeRound?: () => void): Promise<[T[], T[]]> {
  const as: T[] = [];
  const bs: T[] = [];
  for (let i = 0; i < n; i++) {
    beforeRound?.();
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return [as, bs];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
// On a build of a tenth of a second, a ratio hides what a user feels: the time added.
export const delta = (ms: number) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(0)} ms`;

export async function benchBuild(t: Target): Promise<void> {
  const warmRuns = Number(process.env.BENCH_WARM_RUNS ?? 21);
  // The first edit after a build goes through Node, which starts the weave server; the next may
  // wait for it to warm up; later ones show the steady state of an edit loop.
  const editRuns = Number(process.env.BENCH_EDIT_RUNS ?? 21);
  const work = mkdtempSync(join(tmpdir(), `gw-bench-${t.name}-`));
  // One copy each: the weave server reacts to saves in the trees it builds, and must not spend
  // its CPU on the plain build's edits.
  const src = { plain: join(work, 'src-plain'), woven: join(work, 'src-woven') };
  for (const dir of Object.values(src)) {
    cpSync(t.dir, dir, { recursive: true });
    // The module cache is read-only; the edit scenario appends to a file of the copy.
    await run('chmod', ['-R', 'u+w', dir]);
  }
  const gw = await bundleGoWeave(work);
  const base: NodeJS.ProcessEnv = { GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' };
  // Dependencies come from the module cache in both cases; downloading is not what we measure.
  await timed(GO, ['mod', 'download'], src.plain, base);
  const plainEnv = { ...base, GOCACHE: join(work, 'gocache-plain') };
  const wovenEnv = { ...base, ...gw.env, GOCACHE: join(work, 'gocache-woven'), GOWEAVE_CACHE: join(work, 'weave-cache') };
  const plainArgs: [string, string[]] = [GO, ['build', '-o', join(work, 'out-plain') + '/', ...t.packages]];
  const wovenArgs: [string, string[]] = [gw.cmd[0], [...gw.cmd.slice(1), 'build', '-o', join(work, 'out-woven') + '/', ...t.packages]];
  const plainBuildCpu = () => timedCpu(...plainArgs, src.plain, plainEnv);
  const wovenBuildCpu = () => timedCpu(...wovenArgs, src.woven, wovenEnv);
  const plainBuild = () => timed(...plainArgs, src.plain, plainEnv);
  const wovenBuild = () => timed(...wovenArgs, src.woven, wovenEnv);
  mkdirSync(join(work, 'out-plain'));
  mkdirSync(join(work, 'out-woven'));

  console.log(`${t.name}: ${t.packages.join(' ')} (Go: ${(await run(GO, ['version'])).stdout.trim()})`);
  // Cold builds vary by several percent from run to run on a shared machine: run both per round
  // and keep each one's fastest, with every cache emptied before each round.
  const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 2);
  const best = (ts: Timing[]): Timing => ({ ms: Math.min(...ts.map((x) => x.ms)), cpuMs: Math.min(...ts.map((x) => x.cpuMs)) });
  const clean = () => {
    for (const c of ['gocache-plain', 'gocache-woven', 'weave-cache']) rmSync(join(work, c), { recursive: true, force: true });
  };
  const [coldPlains, coldWovens] = await interleaved(coldRuns, plainBuildCpu, wovenBuildCpu, clean);
  const coldPlain = best(coldPlains);
  const coldWoven = best(coldWovens);
  console.log(`  cold build           plain ${fmt(coldPlain.ms)}  woven ${fmt(coldWoven.ms)}  ratio ${(coldWoven.ms / coldPlain.ms).toFixed(3)}×  (target ≤ 1.15×; best of ${coldRuns}; CPU ${fmt(coldPlain.cpuMs)} → ${fmt(coldWoven.cpuMs)}, ${(coldWoven.cpuMs / coldPlain.cpuMs).toFixed(3)}×)`);
  // The linker's time grows with the program it writes, and an edit of code links again: what
  // the woven program carries (the runtime, its exporter) is part of every such rebuild.
  for (const name of readdirSync(join(work, 'out-plain')).sort()) {
    const [p, w] = [statSync(join(work, 'out-plain', name)).size, statSync(join(work, 'out-woven', name)).size];
    console.log(`  executable ${name.padEnd(13)} plain ${(p / 1e6).toFixed(2)} MB  woven ${(w / 1e6).toFixed(2)} MB  ${((w / p - 1) * 100).toFixed(1)}% larger`);
  }

  // Warm builds take a tenth of a second: other work on the machine moves single runs by ±10%.
  // The median and the best of each are printed.
  const [wp, ww] = await interleaved(warmRuns, plainBuild, wovenBuild);
  console.log(`  warm no-op rebuild   plain ${fmt(median(wp))}  woven ${fmt(median(ww))}  ratio ${(median(ww) / median(wp)).toFixed(3)}×  (target ≤ 1.02×; median of ${warmRuns}; best ${(Math.min(...ww) / Math.min(...wp)).toFixed(3)}×; ${delta(median(ww) - median(wp))} per build)`);
  // A few milliseconds on a tenth of a second drown in the machine's noise; the CPU the builds
  // use moves far less with other work. A no-op starts no weave server, so all of it is counted.
  const [plainCpu, wovenCpu] = await interleaved(warmRuns, plainBuildCpu, wovenBuildCpu);
  const cp = plainCpu.map((x) => x.cpuMs);
  const cw = wovenCpu.map((x) => x.cpuMs);
  console.log(`  warm no-op CPU       plain ${median(cp).toFixed(0)} ms  woven ${median(cw).toFixed(0)} ms  ratio ${(median(cw) / median(cp)).toFixed(3)}×  (user + system time of every process; median of ${warmRuns}; ${delta(median(cw) - median(cp))} per build)`);
  // The same no-op with go run every time, as before the launcher could leave it out: what a
  // build that go must see (a flag such as -x, a package that asks pkg-config) costs over the
  // plain one.
  const noSkip = { ...wovenEnv, GOWEAVE_NO_SKIP: '1' };
  // A record of its own (go-weave's variables are part of a record's key), made first by Node,
  // which starts a weave server: its training rounds (at most 3 s) would share the CPU with the
  // first timed builds, whose CPU column does not count the detached server.
  await timed(...wovenArgs, src.woven, noSkip);
  await sleep(3500);
  const [rp, rw] = await interleaved(warmRuns, plainBuildCpu, () => timedCpu(...wovenArgs, src.woven, noSkip));
  const [rpm, rwm] = [median(rp.map((x) => x.ms)), median(rw.map((x) => x.ms))];
  const [rpc, rwc] = [median(rp.map((x) => x.cpuMs)), median(rw.map((x) => x.cpuMs))];
  console.log(`  warm no-op, go run   plain ${fmt(rpm)}  woven ${fmt(rwm)}  ratio ${(rwm / rpm).toFixed(3)}×  (GOWEAVE_NO_SKIP=1: the launcher replays go; ${delta(rwm - rpm)} per build; CPU ${(rwc / rpc).toFixed(3)}×, ${delta(rwc - rpc)})`);

  // Right after the edit (a script, a watch tool), and after a pause as when a person saves in
  // an editor and then starts the build: the weave server weaves a save as soon as it sees it.
  // A comment leaves the package's object as it was, so plain go compiles the package and links
  // nothing; in a woven file go-weave leaves such comments out, so the woven file is the same
  // bytes and go compiles nothing either. Code (here a new function) changes the object, and
  // every command importing it is linked again, which on most edits takes longer than anything
  // else.
  // Given the pause, the server also builds the save ahead (a build or install of executables),
  // and the build installs that result; the same edits with GOWEAVE_BUILD_AHEAD=0 show what the
  // build costs when it has to run go itself.
  const pauseMs = Number(process.env.BENCH_EDIT_PAUSE_MS ?? 500);
  const comment = (id: string) => `\n// bench edit ${id}\n`;
  const code = (id: string) => `\nfunc benchEdit${id}() string { return "${id}" }\n`;
  const edits: { what: string; pause: number; text: (id: string) => string; ahead: boolean }[] = [
    { what: 'a comment', pause: 0, text: comment, ahead: true },
    { what: 'code', pause: 0, text: code, ahead: true },
    { what: 'a comment', pause: pauseMs, text: comment, ahead: true },
    { what: 'code', pause: pauseMs, text: code, ahead: true },
    { what: 'a comment', pause: pauseMs, text: comment, ahead: false },
    { what: 'code', pause: pauseMs, text: code, ahead: false },
  ];
  const noAheadEnv = { ...wovenEnv, GOWEAVE_BUILD_AHEAD: '0' };
  const wovenNoAhead = () => timed(...wovenArgs, src.woven, noAheadEnv);
  // The first build with building ahead off has a record of its own to make.
  await wovenNoAhead();
  for (const [k, e] of edits.entries()) {
    let n = 0;
    const editThen = async (side: 'plain' | 'woven', build: () => Promise<number>) => {
      appendFileSync(join(src[side], t.editFile), e.text(`${side}${k}x${n++}`));
      await sleep(e.pause);
      return build();
    };
    const [ep, ew] = await interleaved(editRuns, () => editThen('plain', plainBuild), () => editThen('woven', e.ahead ? wovenBuild : wovenNoAhead));
    const when = `${e.pause === 0 ? 'at once' : `${e.pause} ms later`}${e.ahead ? '' : ', GOWEAVE_BUILD_AHEAD=0'}`;
    console.log(`  edit ${t.editFile} (${e.what}), build ${when}: plain ${fmt(median(ep))}  woven ${fmt(median(ew))}  ratio ${(median(ew) / median(ep)).toFixed(3)}×  (target ≤ 1.05×; median of ${editRuns}; best ${(Math.min(...ew) / Math.min(...ep)).toFixed(3)}×; ${delta(median(ew) - median(ep))} per edit)`);
  }

  // BENCH_GO_PHASES=n: n more code edits, built with go's own trace on both sides (building
  // ahead off, so the woven build runs go), to tell go-weave's time from go's, and go's loading
  // from compiling and linking.
  const phaseRuns = Number(process.env.BENCH_GO_PHASES ?? 0);
  if (phaseRuns > 0) {
    const traceOf = (side: 'plain' | 'woven') => join(work, `trace-${side}.json`);
    // go itself, through a script that notes when each go build starts: plain go's own start-up
    // and go-weave's work before it (launcher, weave server) are told apart from go's run.
    const goStarted = join(work, 'go-started');
    const goTimed = join(work, 'go-timed');
    writeFileSync(goTimed, `#!/bin/bash\nif [ "$1" = build ]; then printf '%s\\n' "$EPOCHREALTIME" > '${goStarted}'; fi\nexec '${GO}' "$@"\n`, { mode: 0o755 });
    let phaseN = 0;
    // One trace file each: the woven command line stays the same from edit to edit.
    const traced = (side: 'plain' | 'woven', [cmd, args]: [string, string[]], env: NodeJS.ProcessEnv) => async () => {
      appendFileSync(join(src[side], t.editFile), code(`${side}phases${phaseN++}`));
      const startMs = performance.timeOrigin + performance.now();
      const ms = await timed(cmd, [...args.slice(0, -t.packages.length), `-debug-trace=${traceOf(side)}`, ...t.packages], src[side], env);
      const beforeGo = Number(readFileSync(goStarted, 'utf8')) * 1000 - startMs;
      return { ms, beforeGo, ...goPhases(readFileSync(traceOf(side), 'utf8')) };
    };
    const plainTimed: [string, string[]] = [goTimed, plainArgs[1]];
    const wovenTimedEnv = { ...noAheadEnv, GOWEAVE_GO: goTimed };
    // A record of its own to make (GOWEAVE_GO is part of its key), and a weave server to warm.
    for (let i = 0; i < 2; i++) await traced('woven', wovenArgs, wovenTimedEnv)();
    const [pp, pw] = await interleaved(phaseRuns, traced('plain', plainTimed, plainEnv), traced('woven', wovenArgs, wovenTimedEnv));
    const row = (what: string, f: (x: GoPhases & { ms: number; beforeGo: number }) => number) => {
      const [a, b] = [median(pp.map(f)), median(pw.map(f))];
      console.log(`    ${what.padEnd(34)} plain ${a.toFixed(1).padStart(7)} ms  woven ${b.toFixed(1).padStart(7)} ms  ${delta(b - a)}`);
    };
    console.log(`  code edit, go's own trace (-debug-trace; GOWEAVE_BUILD_AHEAD=0; medians of ${phaseRuns}):`);
    row('wall', (x) => x.ms);
    row('until go starts (go-weave\'s part)', (x) => x.beforeGo);
    row('outside go\'s traced build', (x) => x.ms - x.total);
    row('go build, traced', (x) => x.total);
    row('  loading packages', (x) => x.load);
    row('  first compile or link starts at', (x) => x.firstWork);
    row('  compiling', (x) => x.compile);
    row('  linking', (x) => x.link);
    // Only the executables that import the edited package link again: their size is what counts.
    const linked = (xs: GoPhases[]) => [...new Set(xs.flatMap((x) => x.linked))].sort().join(', ') || 'nothing';
    console.log(`    linked                             plain ${linked(pp)}  woven ${linked(pw)}`);
  }
  console.log(`  (work dir ${work}; remove it when done: rm -rf ${work})`);
}
