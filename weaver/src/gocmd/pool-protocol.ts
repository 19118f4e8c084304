import type { LocatedError, PackageInput, PackageResult } from './core.js';
import type { ConfigOpts } from './pipeline.js';

/** Marks a worker thread as a weaving worker, so the bundle's entry runs the loop instead of the CLI. */
export const POOL_WORKER_KIND = 'go-weave-weaving-worker';

export interface PoolWorkerData {
  kind: typeof POOL_WORKER_KIND;
  configOpts: ConfigOpts;
  /**
   * The main thread's aspect set, as plain data: a worker takes it as is instead of reading and
   * parsing the YAML again (most of its start-up after loading the code). Without it, the worker
   * loads the set from configOpts.
   */
  aspects?: unknown;
}

/** Main thread → worker: one package to weave. */
export interface WeaveRequest {
  id: number;
  input: PackageInput;
  /** The weave cache directory whose per-file memo the worker uses, if any. */
  memoDir?: string;
}

/**
 * Worker → main thread. `ready` comes first, once the worker has loaded the aspect set itself; it
 * names the weaver code it runs (the bundle or sources are read again from disk by each thread).
 */
export type WorkerMessage =
  | { type: 'ready'; aspectHash: string; fingerprint: string }
  | { type: 'failed'; error: LocatedError }
  | { type: 'done'; id: number; result: PackageResult }
  | { type: 'error'; id: number; error: LocatedError };

export function isPoolWorkerData(d: unknown): d is PoolWorkerData {
  return !!d && typeof d === 'object' && (d as { kind?: unknown }).kind === POOL_WORKER_KIND;
}
