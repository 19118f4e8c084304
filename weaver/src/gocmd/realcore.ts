import { availableParallelism } from 'node:os';
import { aspectSetHash, loadConfig, packageMayMatch, weavePackage, type AspectSet } from '../index.js';
import type { Core } from './core.js';
import type { Env } from './env.js';
import { weaverFingerprint } from './fingerprint.js';
import type { CoreRunner } from './pipeline.js';
import { WeavePool } from './pool.js';

/** The weaving core of this checkout or bundle, behind the interface gocmd needs. */
export async function loadRealCore(): Promise<Core<AspectSet>> {
  return {
    loadConfig: async (opts) => loadConfig(opts),
    packageMayMatch,
    weavePackage,
    aspectSetHash,
    fingerprint: weaverFingerprint(),
    // An aspect set is plain data (templates are kept as source text), so JSON carries it whole.
    revive: (json) => json as AspectSet,
  };
}

/** A runner that may own a weaving pool, which must be closed once weaving is done. */
export type PooledRunner<A> = CoreRunner<A> & { pool?: WeavePool };

/**
 * The real core with a pool of weaving threads: one worker per core (the main thread weaves only
 * while none is ready, then feeds them), none on a single core, or GOWEAVE_WORKERS of them; 0
 * weaves on the main thread only, as before the pool.
 */
export async function loadRealRunner(env: Env): Promise<PooledRunner<AspectSet>> {
  const core = await loadRealCore();
  const workers = poolSize(env);
  if (workers === 0) return { core };
  const pool = new WeavePool(core, workers, env);
  return { core, pool, weaveWith: (aspects, opts) => pool.weaveWith(aspects, opts), concurrency: poolConcurrency(workers) };
}

export function poolSize(env: Env): number {
  const asked = env.GOWEAVE_WORKERS ? Number.parseInt(env.GOWEAVE_WORKERS, 10) : NaN;
  if (Number.isInteger(asked) && asked >= 0) return asked;
  const cores = availableParallelism();
  return cores > 1 ? cores : 0;
}

/** Units in flight: enough that cache lookups and file reads never leave a weaving thread idle. */
export function poolConcurrency(workers: number): number {
  return Math.max(availableParallelism(), 4 * (workers + 1));
}
