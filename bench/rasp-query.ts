// Added latency of run-time protection per database query, as ratios measured
// in one run. examples/rasp is built three ways with `go-weave build`:
//   protected  its go-weave.yml (built-in tracing + go-weave:rasp, which brings go-weave:gls)
//   gls        built-in tracing + go-weave:gls (the same woven runtime, no RASP checks)
//   woven      built-in tracing only (the unprotected woven build)
// and each binary serves GET /bench/users, which runs the vulnerable
// usersByName query N times inside one request and reports ns per query, so
// HTTP costs do not dilute the comparison. On Linux the handler's thread CPU
// time is used (time descheduled by other processes does not count), else
// wall time. Rounds alternate between the
// binaries so that load from other processes hits all of them alike; ratios
// are taken within each round (neighbouring samples) and their median is
// printed, with the median time per binary.
// Run: node --import tsx bench/rasp-query.ts [-rounds N] [-n QUERIES]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, tempDir } from '../test/support/go-tool.ts';
import { startDemo, type Demo } from '../test/support/rasp-demo.ts';
import { startReceiver } from '../test/support/otlp-receiver.ts';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const rounds = arg('-rounds', 21);
const perRequest = arg('-n', 1000);
const work = tempDir('rasp-bench');
const example = join(REPO, 'examples', 'rasp');

function build(name: string, config: string): string {
  const out = join(work, name);
  const t0 = performance.now();
  const r = goWeave(['build', '-o', out, '.'], { cwd: example, env: { GOWEAVE_CONFIG: config } });
  if (r.code !== 0) throw new Error(`go-weave build (${name}) failed:\n${r.stdout}\n${r.stderr}`);
  console.log(`built ${name.padEnd(10)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

const glsOnly = join(work, 'gls.yml');
writeFileSync(glsOnly, 'extends: [go-weave:gls]\n');
const builtinsOnly = join(work, 'builtins.yml');
writeFileSync(builtinsOnly, 'aspects: []\n');

const binaries: [string, string][] = [
  ['protected', build('protected', join(example, 'go-weave.yml'))],
  ['gls', build('gls', glsOnly)],
  ['woven', build('woven', builtinsOnly)],
];

// Spans go to a receiver, as in production; its decoding cost is off the
// measured path (export runs on the batch goroutine).
const receiver = await startReceiver();
const demos: [string, Demo][] = [];
for (const [name, bin] of binaries) {
  const dir = join(work, `data-${name}`);
  mkdirSync(dir, { recursive: true });
  demos.push([name, await startDemo(bin, { dir, mode: 'block', otlp: receiver.endpoint })]);
}

let clock = 'wall';
async function nsPerQuery(demo: Demo, n: number): Promise<number> {
  const res = await fetch(`${demo.url}/bench/users?name=alice&n=${n}`);
  if (res.status !== 200) throw new Error(`bench request: ${res.status} ${await res.text()}`);
  const r = (await res.json()) as { nsPerQuery: number; cpuNsPerQuery?: number };
  if (r.cpuNsPerQuery !== undefined) { clock = 'thread CPU'; return r.cpuNsPerQuery; }
  return r.nsPerQuery;
}

try {
  for (const [, d] of demos) await nsPerQuery(d, 200); // warm-up: connections, page cache
  const samples = new Map<string, number[]>(demos.map(([n]) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, d] of demos) samples.get(name)!.push(await nsPerQuery(d, perRequest));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = new Map([...samples].map(([k, v]) => [k, median(v)]));
  const ratio = (a: string, b: string) => median(samples.get(a)!.map((x, i) => x / samples.get(b)![i]));
  console.log(`\n${clock} time per query (median of ${rounds} rounds x ${perRequest} queries, benign input, block mode):`);
  for (const [name] of demos) console.log(`  ${name.padEnd(10)} ${(m.get(name)! / 1000).toFixed(2).padStart(8)} µs`);
  const p = m.get('protected')!;
  console.log(`protected / woven  ${ratio('protected', 'woven').toFixed(3)}x  (medians differ by ${((p - m.get('woven')!) / 1000).toFixed(2)} µs)`);
  console.log(`protected / gls    ${ratio('protected', 'gls').toFixed(3)}x  (RASP checks alone; medians differ by ${((p - m.get('gls')!) / 1000).toFixed(2)} µs)`);
  console.log(`gls / woven        ${ratio('gls', 'woven').toFixed(3)}x  (goroutine-local span)`);
} finally {
  for (const [, d] of demos) await d.stop();
  await receiver.close();
}
