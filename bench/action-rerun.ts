// Time to a built woven binary through the GitHub Action, first job (nothing cached:
// toolchain download, cold caches) vs. second job on a fresh disk (toolchain from the
// tool cache, module/build/weave caches restored from a loopback cache service), with the
// plain toolchain's cold and warm `go build` of the same program measured in the same run.
//   node --import tsx bench/action-rerun.ts
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Job, rmTree, run } from '../test/support/action-runner.ts';
import { machineGoroot, sharedToolchain } from '../test/support/action-toolchain.ts';
import { startDlServer } from '../test/support/action-dl-server.ts';
import { startCacheServer } from '../test/support/action-cache-server.ts';
import { writePinger } from '../test/support/action-example.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-action-bench-'));
const tc = sharedToolchain();
const dl = await startDlServer(tc);
const cs = await startCacheServer(path.join(tmp, 'store'));
const root = path.join(tmp, 'job');

function must(r: { code: number; stdout: string; stderr: string }, what: string): void {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** One job: main, then the woven build; post (cache upload) is timed separately. */
async function job(): Promise<{ toBinary: number; post: number }> {
  for (const d of ['home', 'runner-temp']) rmTree(path.join(root, d));
  const j = new Job({ root, env: { ...cs.env, OTEL_TRACES_EXPORTER: 'none' } });
  writePinger(j.workspace);
  const inputs = { 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl };
  const toBinary = await timed(async () => {
    must(await j.main(inputs), 'main');
    must(await j.sh('go build -o pinger .'), 'woven go build');
  });
  const out = await j.sh('./pinger');
  if (!/status 200/.test(out.stdout)) throw new Error(`the woven binary did not work: ${out.stdout}${out.stderr}`);
  const post = await timed(async () => must(await j.post(inputs), 'post'));
  return { toBinary, post };
}

async function plainBuild(cache: string): Promise<number> {
  const dir = path.join(tmp, 'plain');
  writePinger(dir);
  const env = { PATH: process.env.PATH ?? '', HOME: tmp, GOCACHE: cache, GOTOOLCHAIN: 'local', GOFLAGS: '' };
  return timed(async () => must(await run(path.join(machineGoroot(), 'bin', 'go'), ['build', '-o', 'pinger', '.'], { env, cwd: dir }), 'plain go build'));
}

const loadStart = os.loadavg()[0].toFixed(1);
try {
  const plainCold = await plainBuild(path.join(tmp, 'plain-cache'));
  const plainWarm = await plainBuild(path.join(tmp, 'plain-cache'));
  const first = await job();
  const second = await job();
  const row = (label: string, s: number) => console.log(`${label.padEnd(52)} ${s.toFixed(2).padStart(7)} s   ${(s / plainCold).toFixed(2)}× plain cold`);
  // Other work on the machine skews single runs; the load shows how much to trust them.
  const load = os.loadavg()[0].toFixed(1);
  console.log(`program: std-only net/http client+server; Go ${tc.goName}; ${os.cpus().length} CPUs; load average ${loadStart} at start, ${load} at end`);
  row('plain go build, empty GOCACHE', plainCold);
  row('plain go build, warm GOCACHE', plainWarm);
  row('action job 1: download + woven build (caches cold)', first.toBinary);
  row('action job 2: tool cache + caches hit + woven build', second.toBinary);
  console.log(`post step (trim + save caches): job 1 ${first.post.toFixed(2)} s, job 2 ${second.post.toFixed(2)} s`);
  console.log(`ratio second/first run, time to a built woven binary: ${(second.toBinary / first.toBinary).toFixed(3)} (${(first.toBinary / second.toBinary).toFixed(1)}× faster)`);
} finally {
  await dl.close();
  await cs.close();
  rmTree(tmp);
}
