// Cost of the tracing runtime on the caller's side: Go benchmarks wrap one
// small workload (a 256-step FNV loop, ~0.5 µs) with and without a span, run
// in this same invocation, and the ratio to the plain workload is printed.
// Run: node --import tsx bench/runtime-overhead.ts [-count N]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const runtimeDir = join(fileURLToPath(new URL("..", import.meta.url)), "runtime");
const countArg = process.argv.indexOf("-count");
const count = countArg > 0 ? Number(process.argv[countArg + 1]) : 5;

// Rounds of the whole set, rather than -count, interleave the benchmarks so
// load from other processes on a shared machine hits all of them alike.
const samples = new Map<string, number[]>();
let output = "";
for (let round = 0; round < count; round++) {
  const r = spawnSync(
    process.env.GOWEAVE_GO ?? "go",
    ["test", "-run", "^$", "-bench", ".", "-benchtime=200000x", "-count=1", "./trace"],
    { cwd: runtimeDir, encoding: "utf8", env: { ...process.env, GOTOOLCHAIN: "local", GOPROXY: "off" } },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.exit(1);
  }
  output += r.stdout;
  for (const m of r.stdout.matchAll(/^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op/gm)) {
    const list = samples.get(m[1]) ?? [];
    list.push(Number(m[2]));
    samples.set(m[1], list);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = samples.get("Plain");
if (!plain) throw new Error(`no BenchmarkPlain result in:\n${output}`);
const base = median(plain);

console.log(`runtime overhead (median of ${count}; workload alone = ${base.toFixed(0)} ns)`);
console.log("benchmark".padEnd(18) + "ns/op".padStart(10) + "ratio".padStart(9) + "  added ns");
for (const [name, xs] of samples) {
  const ns = median(xs);
  console.log(name.padEnd(18) + ns.toFixed(0).padStart(10) + (ns / base).toFixed(2).padStart(8) + "x" + (ns - base).toFixed(0).padStart(10));
}
