import type { Worker } from 'node:worker_threads';
import type { AspectSet } from '../index.js';
import { fileMemoIn } from './cache.js';
import type { Core, LocatedError, PackageInput, PackageResult } from './core.js';
import type { Env } from './env.js';
import type { ConfigOpts } from './pipeline.js';
import { POOL_WORKER_KIND, type PoolWorkerData, type WorkerMessage } from './pool-protocol.js';
import { startWorker } from './pool-spawn.js';
import type { WeaveFn } from './weaving.js';

/**
 * Packages sent ahead to a worker: one being woven and one waiting, so a worker does not sit idle
 * for the round trip of its last result.
 */
const DEPTH = 2;

interface Task {
  id: number;
  input: PackageInput;
  memoDir?: string;
  resolve: (r: PackageResult) => void;
  reject: (e: Error) => void;
}

interface Lane {
  worker: Worker;
  ready: boolean;
  inFlight: Map<number, Task>;
}

/** A weaving failure from a worker, with the location fields asLocated (core.ts) reads. */
export class WorkerWeaveError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;

  constructor(e: LocatedError) {
    super(e.message);
    this.file = e.file;
    this.line = e.line;
    this.col = e.col;
  }
}

export interface PoolOptions {
  /** false: every package goes to a worker (tests use it to make sure workers weave). */
  mainThread?: boolean;
  /** Starts a worker; tests start the bundle's entry from source with it. */
  spawn?: typeof startWorker;
  /** The weaver fingerprint workers must report (default: the core's). */
  fingerprint?: string;
  /** false: workers load the aspect set from the configuration files themselves. */
  shareAspects?: boolean;
}

export interface PoolStats {
  /** Worker threads started (none when every package came from the weave cache). */
  workers: number;
  byWorkers: number;
  byMain: number;
  /** Why the pool stopped using workers (a worker failed to start or died); the main thread wove the rest. */
  failure?: string;
}

/**
 * Weaves packages on worker threads. The core's parse is synchronous WASM, so concurrent promises
 * on one thread never use a second core. Workers start only when a package must actually be
 * woven, one more each time work is waiting beyond what starting workers will take, up to
 * `maxWorkers`; until the first is ready the main thread weaves, so a build with a miss or two
 * does not wait for a worker to start. Who wove a package does not show in its result: every
 * thread runs the same core on an aspect set loaded from the same files, and a worker whose set
 * or code hashes differently is refused.
 */
export class WeavePool {
  readonly stats: PoolStats = { workers: 0, byWorkers: 0, byMain: 0 };
  private readonly queue: Task[] = [];
  private readonly lanes: Lane[] = [];
  private mainBusy = false;
  private nextId = 0;
  private closed = false;
  private setup?: { aspects: AspectSet; hash: string; data: PoolWorkerData };

  constructor(
    private readonly core: Core<AspectSet>,
    private readonly maxWorkers: number,
    private readonly env: Env,
    private readonly opts: PoolOptions = {},
  ) {}

  /** For CoreRunner.weaveWith: the pipeline passes the same aspect set and options on every call. */
  weaveWith(aspects: AspectSet, configOpts: ConfigOpts, memoDir?: string): WeaveFn {
    this.setup ??= { aspects, hash: this.core.aspectSetHash(aspects), data: { kind: POOL_WORKER_KIND, configOpts, aspects: this.opts.shareAspects === false ? undefined : aspects } };
    return (input) => this.weave(input, memoDir);
  }

  weave(input: PackageInput, memoDir?: string): Promise<PackageResult> {
    if (this.closed) return Promise.reject(new Error('go-weave: weaving pool used after close'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, memoDir, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; none keeps the process alive afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('go-weave: weaving pool closed'));
    const lanes = this.lanes.splice(0);
    for (const l of lanes) for (const t of l.inFlight.values()) t.reject(new Error('go-weave: weaving pool closed'));
    // Not awaited: terminating a worker that is still starting may never settle, and an
    // awaited promise with no live handle behind it ends the process before the go command runs.
    for (const l of lanes) {
      l.worker.unref();
      l.worker.terminate().catch(() => undefined);
    }
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const lane = this.freeLane();
      if (lane) this.send(lane, this.queue.shift()!);
      // The main thread weaves only until a worker is ready: a synchronous parse here would hold
      // back every worker's next package (their results and requests go through this thread).
      // After a worker failure it also weaves when told not to, or the work would wait forever.
      else if (this.mayWeaveOnMain()) this.runOnMain(this.queue.shift()!);
      else break;
    }
    // Work is waiting beyond what starting workers will take: start another, within the limit.
    let starting = this.lanes.filter((l) => !l.ready).length;
    while (!this.stats.failure && !this.closed && this.lanes.length < this.maxWorkers && this.queue.length > starting * DEPTH) {
      this.startLane();
      starting++;
    }
  }

  private mayWeaveOnMain(): boolean {
    if (this.mainBusy || this.lanes.some((l) => l.ready)) return false;
    return this.opts.mainThread !== false || !!this.stats.failure;
  }

  private freeLane(): Lane | undefined {
    let best: Lane | undefined;
    for (const l of this.lanes) {
      if (l.ready && l.inFlight.size < DEPTH && (!best || l.inFlight.size < best.inFlight.size)) best = l;
    }
    return best;
  }

  private send(lane: Lane, task: Task): void {
    lane.inFlight.set(task.id, task);
    lane.worker.ref();
    lane.worker.postMessage({ id: task.id, input: task.input, memoDir: task.memoDir });
  }

  private runOnMain(task: Task): void {
    const setup = this.setup;
    if (!setup) throw new Error('go-weave: weaving pool used before weaveWith');
    this.mainBusy = true;
    // Deferred so this pump finishes handing work to workers before the thread goes busy.
    setImmediate(() => {
      this.core.weavePackage(setup.aspects, task.input, fileMemoIn(task.memoDir, this.opts.fingerprint ?? this.core.fingerprint)).then(
        (r) => task.resolve(r),
        (e: unknown) => task.reject(e instanceof Error ? e : new Error(String(e))),
      ).finally(() => {
        this.stats.byMain++;
        this.mainBusy = false;
        this.pump();
      });
    });
  }

  private startLane(): void {
    const setup = this.setup;
    if (!setup) return;
    const lane: Lane = { worker: (this.opts.spawn ?? startWorker)(setup.data, this.env), ready: false, inFlight: new Map() };
    this.lanes.push(lane);
    this.stats.workers++;
    lane.worker.on('message', (m: WorkerMessage) => this.onMessage(lane, m));
    lane.worker.on('error', (e: Error) => this.fail(lane, `a weaving worker failed: ${e.message}`));
    lane.worker.on('exit', (code) => this.fail(lane, `a weaving worker exited with code ${code}`));
  }

  private onMessage(lane: Lane, m: WorkerMessage): void {
    switch (m.type) {
      case 'ready':
        if (m.aspectHash !== this.setup?.hash) return this.fail(lane, 'a weaving worker loaded a different aspect set (did an aspect file change during the build?)');
        // Its results are stored under this thread's fingerprint: a go-weave replaced on disk
        // since this process started must not weave them.
        if (m.fingerprint !== (this.opts.fingerprint ?? this.core.fingerprint)) return this.fail(lane, 'a weaving worker runs different weaver code (was go-weave changed during the build?)');
        lane.ready = true;
        break;
      case 'failed':
        return this.fail(lane, `a weaving worker could not load the aspects: ${m.error.message}`);
      case 'done':
      case 'error': {
        const task = lane.inFlight.get(m.id);
        if (!task) return;
        lane.inFlight.delete(m.id);
        this.stats.byWorkers++;
        if (m.type === 'done') task.resolve(m.result);
        else task.reject(new WorkerWeaveError(m.error));
        break;
      }
    }
    // An idle worker must not keep the process alive; one with work must (see send).
    if (lane.inFlight.size === 0) lane.worker.unref();
    this.pump();
  }

  /** Drops a broken worker; its packages go back to the queue and no further worker is started. */
  private fail(lane: Lane, reason: string): void {
    const i = this.lanes.indexOf(lane);
    if (i < 0 || this.closed) return;
    this.lanes.splice(i, 1);
    this.stats.failure ??= reason;
    this.queue.unshift(...lane.inFlight.values());
    lane.inFlight.clear();
    void lane.worker.terminate();
    this.pump();
  }
}
