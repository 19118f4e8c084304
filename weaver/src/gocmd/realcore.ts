import { availableParallelism } from 'node:os';
import type { AspectSet } from '../index.js';
import type { Core } from './core.js';
import type { Env } from './env.js';
import { weaverFingerprint } from './fingerprint.js';
import type { CoreRunner } from './pipeline.js';
import { WeavePool } from './pool.js';

type CoreModule = typeof import('../index.js');
let coreModule: CoreModule | undefined;

/**
 * The core (parser, YAML, templates) is most of the bundle's start-up work, and a no-op build
 * never needs it: it is imported on first use. Its synchronous methods take an aspect set, and
 * only the asynchronous loadConfig and revive hand one out, so the module is loaded by then.
 */
async function core(): Promise<CoreModule> {
  coreModule ??= await import('../index.js');
  return coreModule;
}

function loaded(): CoreModule {
  if (!coreModule) throw new Error('go-weave: the weaving core was used before an aspect set was loaded');
  return coreModule;
}

/** The weaving core of this checkout or bundle, behind the interface gocmd needs. */
export async function loadRealCore(): Promise<Core<AspectSet>> {
  return {
    loadConfig: async (opts) => (await core()).loadConfig(opts),
    packageMayMatch: (a, ref) => loaded().packageMayMatch(a, ref),
    weavePackage: async (a, input, memo) => (await core()).weavePackage(a, input, memo),
    aspectSetHash: (a) => loaded().aspectSetHash(a),
    testMainOnlyAspects: (a) => loaded().testMainOnlyAspects(a),
    withoutOmittedComments: async (path, source) => (await core()).withoutOmittedComments(path, source),
    fingerprint: weaverFingerprint(),
    // An aspect set is plain data (templates are kept as source text), so JSON carries it whole.
    revive: async (json) => {
      await core();
      return json as AspectSet;
    },
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
  const coverCommand = selfCommand();
  const workers = poolSize(env);
  if (workers === 0) return { core, coverCommand };
  const pool = new WeavePool(core, workers, env);
  return { core, coverCommand, pool, weaveWith: (aspects, opts, memoDir) => pool.weaveWith(aspects, opts, memoDir), concurrency: poolConcurrency(workers) };
}

/** This go-weave as a command (node and its script), for the go command to start (coverweave.ts). */
export function selfCommand(): string[] | undefined {
  return process.argv[1] ? [process.execPath, process.argv[1]] : undefined;
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
