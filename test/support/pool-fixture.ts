// Weaves a set of packages through the go-command pipeline's unit weaver (weaveUnits), either on
// the main thread only or with the worker pool, into a fresh weave cache, and reads back what
// ended up in the cache: shared by test/gocmd-pool.test.ts and bench/weave-pool.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AspectSet } from '../../weaver/src/index.ts';
import { WeaveCache } from '../../weaver/src/gocmd/cache.ts';
import type { ConfigOpts } from '../../weaver/src/gocmd/pipeline.ts';
import type { WeaveUnit } from '../../weaver/src/gocmd/plan.ts';
import { WeavePool, type PoolOptions, type PoolStats } from '../../weaver/src/gocmd/pool.ts';
import { loadRealCore, poolConcurrency } from '../../weaver/src/gocmd/realcore.ts';
import { weaveUnits, type WeaveOutcome } from '../../weaver/src/gocmd/weaving.ts';
import type { StdPackage } from './std-packages.ts';

/** One unit per package, every file a target, as plan.ts makes them for a plain build. */
export function unitsOf(pkgs: StdPackage[], facts: { standard?: boolean; mainModule?: boolean } = { standard: true }): WeaveUnit[] {
  return pkgs.map((p) => {
    const files = p.files.map((f) => f.path);
    return { id: p.importPath, ref: { importPath: p.importPath, name: p.name, ...facts }, files, targets: files };
  });
}

export interface Woven {
  outcome: WeaveOutcome;
  /** Original path → woven text. */
  files: Map<string, string>;
  /** Every file of the weave cache (manifests by key, woven sources by content hash) → its text. */
  cache: Map<string, string>;
  ms: number;
  stats?: PoolStats;
}

/** Weaves `units` into an empty cache at `cacheDir`; without `workers`, on the main thread only (no pool). */
export async function weaveWithCore(units: WeaveUnit[], cacheDir: string, configOpts: ConfigOpts, workers?: number, poolOpts: PoolOptions = {}): Promise<Woven> {
  const core = await loadRealCore();
  const aspects: AspectSet = await core.loadConfig(configOpts);
  const pool = workers === undefined ? undefined : new WeavePool(core, workers, process.env, poolOpts);
  const weave = pool ? pool.weaveWith(aspects, configOpts) : (input: Parameters<typeof core.weavePackage>[1]) => core.weavePackage(aspects, input);
  const t0 = performance.now();
  try {
    const outcome = await weaveUnits(units, {
      cache: new WeaveCache(cacheDir),
      fingerprint: core.fingerprint,
      aspectHash: core.aspectSetHash(aspects),
      weave,
      concurrency: workers === undefined ? availableParallelism() : poolConcurrency(workers),
    });
    const ms = performance.now() - t0;
    const files = new Map([...outcome.overlay].map(([orig, woven]) => [orig, readFileSync(woven, 'utf8')]));
    return { outcome, files, cache: readTree(cacheDir), ms, stats: pool?.stats };
  } finally {
    await pool?.close();
  }
}

function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return; // nothing woven, nothing cached
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      // Manifests name woven files by absolute path: compare caches with their root taken out.
      else out.set(relative(root, p), readFileSync(p, 'utf8').split(root).join('<cache>'));
    }
  };
  walk(root);
  return out;
}
