// Weaving many packages from an empty weave cache (the Go standard library of the installed
// toolchain, every function body woven) on the main thread alone and with the worker pool, as
// `go-weave build` does on a cold cache; prints pool ÷ single-thread time. Worker start-up is
// included: a build pays it too.
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test/support/go-tool.ts';
import { unitsOf, weaveWithCore } from '../test/support/pool-fixture.ts';
import { poolSize } from '../weaver/src/gocmd/realcore.ts';
import { stdPackages } from '../test/support/std-packages.ts';

const dir = tempDir('bench-pool');
const configPath = join(dir, 'all.yml');
writeFileSync(configPath, `aspects:
  - id: all
    join-point: {function-body: {function: []}}
    advice: [{prepend-statements: {template: 'if false { println({{ printf "%q" .Function.Name }}) }'}}]
`);
const units = unitsOf(stdPackages().filter((p) => p.files.length));
const workers = Math.max(1, poolSize(process.env));
const ROUNDS = Number(process.env.ROUNDS ?? 1);

let single = Infinity;
let pooled = Infinity;
for (let r = 0; r < ROUNDS; r++) {
  const a = await weaveWithCore(units, join(dir, `single-${r}`), { configPath });
  const b = await weaveWithCore(units, join(dir, `pool-${r}`), { configPath }, workers);
  single = Math.min(single, a.ms);
  pooled = Math.min(pooled, b.ms);
  const differing = [...new Set([...a.cache.keys(), ...b.cache.keys()])].filter((k) => a.cache.get(k) !== b.cache.get(k));
  const same = differing.length === 0;
  if (!same) console.log(`  differing cache entries: ${differing.slice(0, 10).join(', ')}`);
  for (const [label, w] of [['single thread', a], ['pool', b]] as const) {
    for (const e of w.outcome.errors) console.log(`  ${label} error: ${e.message.split('\n')[0]}`);
  }
  console.log(`round ${r + 1}: single thread ${(a.ms / 1000).toFixed(2)} s, pool ${(b.ms / 1000).toFixed(2)} s (${b.stats?.byMain} packages on the main thread while workers started, ${b.stats?.byWorkers} on ${b.stats?.workers} workers), caches identical: ${same}`);
}
console.log(`corpus: ${units.length} packages, ${availableParallelism()} cores, ${workers} worker thread(s)`);
console.log(`ratio pool ÷ single thread: ${(pooled / single).toFixed(2)}x`);
