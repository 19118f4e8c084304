// Request latency and CPU of the example service under load, three builds in one run:
//   plain  - go build, no tracing (reference)
//   woven  - go-weave build (spans for http server/client, database/sql, //weave:span)
//   otel   - the same service instrumented by hand with the OpenTelemetry Go SDK + otelhttp
//            (bench/latency-otel), exporting to the same receiver over OTLP/HTTP protobuf.
// Prints p50/p90/p99 latency and CPU per request of both processes, and the ratios woven ÷ otel
// (target ≤ 1.0×). Usage: node --import tsx bench/latency-example.ts
//   BENCH_REQUESTS (default 4000), BENCH_CONCURRENCY (8), BENCH_ROUNDS (2)
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../test/support/otlp-receiver.ts';
import { buildShop, startShop, REPO, GO, type Shop } from '../test/support/go-shop.ts';
import { run, removeTree } from '../test/support/go-fixture.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat counts in these ticks.

const work = mkdtempSync(join(tmpdir(), 'gw-bench-lat-'));
const dirs = { plain: join(work, 'plain'), woven: join(work, 'woven'), otel: join(work, 'otel') };

async function mustBuild(label: string, p: Promise<{ code: number; stdout: string; stderr: string }>): Promise<void> {
  const r = await p;
  if (r.code !== 0) throw new Error(`${label} build failed:\n${r.stdout}${r.stderr}`);
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command name start at index 3 (state); utime is 14, stime 15 (1-based).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolveP, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        else resolveP(Number(process.hrtime.bigint() - t0) / 1e6);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(shop: Shop, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(`${shop.frontend.url}/order?item=apple&qty=2`);
  const lat: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < n) lat.push(await get(agent, url));
  }));
  agent.destroy();
  return lat;
}

interface Sample { p50: number; p90: number; p99: number; cpuPerReq: number; rps: number }

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(dir: string): Promise<Sample> {
  const rcv = await startReceiver();
  const shop = await startShop(dir, { OTEL_EXPORTER_OTLP_ENDPOINT: rcv.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_BSP_SCHEDULE_DELAY: '1000' });
  try {
    await load(shop, 300);
    const pids = [shop.frontend.proc.pid!, shop.inventory.proc.pid!];
    const cpu0 = pids.reduce((s, p) => s + cpuMs(p), 0);
    const t0 = performance.now();
    const lat = (await load(shop, REQUESTS)).sort((a, b) => a - b);
    const wall = performance.now() - t0;
    const cpu1 = pids.reduce((s, p) => s + cpuMs(p), 0);
    return { p50: pct(lat, 50), p90: pct(lat, 90), p99: pct(lat, 99), cpuPerReq: (cpu1 - cpu0) / REQUESTS, rps: (REQUESTS * 1000) / wall };
  } finally {
    await shop.stop();
    await rcv.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

try {
  console.log('building plain, woven and hand-instrumented (otel) variants…');
  await mustBuild('plain', buildShop(dirs.plain, { woven: false }));
  await mustBuild('woven', buildShop(dirs.woven, { woven: true }));
  await mustBuild('otel', run(GO, ['build', '-o', dirs.otel + '/', './frontend', './inventory'], { cwd: join(REPO, 'bench', 'latency-otel') }));

  const samples: Record<keyof typeof dirs, Sample[]> = { plain: [], woven: [], otel: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so machine noise does not favour one variant.
    const order = (round % 2 === 0 ? ['plain', 'woven', 'otel'] : ['otel', 'woven', 'plain']) as (keyof typeof dirs)[];
    for (const v of order) samples[v].push(await measure(dirs[v]));
  }
  const agg = (v: keyof typeof dirs) => {
    const s = samples[v];
    return { p50: median(s.map((x) => x.p50)), p90: median(s.map((x) => x.p90)), p99: median(s.map((x) => x.p99)), cpu: median(s.map((x) => x.cpuPerReq)), rps: median(s.map((x) => x.rps)) };
  };
  const r = { plain: agg('plain'), woven: agg('woven'), otel: agg('otel') };
  console.log(`\n${REQUESTS} requests × ${ROUNDS} rounds, concurrency ${CONCURRENCY}, GET /order (frontend → inventory → SQLite)\n`);
  console.log('variant   p50 ms   p90 ms   p99 ms   CPU ms/req (both processes)   req/s');
  for (const v of ['plain', 'woven', 'otel'] as const) {
    const x = r[v];
    console.log(`${v.padEnd(8)} ${x.p50.toFixed(3).padStart(7)}  ${x.p90.toFixed(3).padStart(7)}  ${x.p99.toFixed(3).padStart(7)}  ${x.cpu.toFixed(4).padStart(10)}                    ${x.rps.toFixed(0).padStart(6)}`);
  }
  const ratio = (a: number, b: number) => (a / b).toFixed(3) + '×';
  console.log(`\nwoven ÷ otel: p50 ${ratio(r.woven.p50, r.otel.p50)}, p99 ${ratio(r.woven.p99, r.otel.p99)}, CPU/request ${ratio(r.woven.cpu, r.otel.cpu)}   (target ≤ 1.0×)`);
  console.log(`woven ÷ plain: p50 ${ratio(r.woven.p50, r.plain.p50)}, CPU/request ${ratio(r.woven.cpu, r.plain.cpu)};  otel ÷ plain: p50 ${ratio(r.otel.p50, r.plain.p50)}, CPU/request ${ratio(r.otel.cpu, r.plain.cpu)}`);
} finally {
  removeTree(work);
}
