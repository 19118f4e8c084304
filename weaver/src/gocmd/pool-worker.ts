import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AspectSet } from '../index.js';
import { fileMemoIn } from './cache.js';
import { asLocated } from './core.js';
import { weaverFingerprint } from './fingerprint.js';
import { isPoolWorkerData, type WeaveRequest, type WorkerMessage } from './pool-protocol.js';

/** True in a thread the weaving pool started (the bundle's entry asks before running the CLI). */
export function isPoolWorker(): boolean {
  return !isMainThread && isPoolWorkerData(workerData);
}

/**
 * The worker side of the pool: loads the aspect set from the same configuration as the main
 * thread, reports the set's hash and its own code's fingerprint so the main thread can refuse a
 * worker that read different files, then weaves one package per message, in arrival order.
 */
export function runPoolWorker(): void {
  const port = parentPort;
  if (!port || !isPoolWorkerData(workerData)) throw new Error('go-weave: runPoolWorker outside a weaving worker');
  const post = (m: WorkerMessage) => port.postMessage(m);
  const opts = workerData.configOpts;
  // Imported here, not at the top: the bundle's main thread shares this module and must not load the core early.
  const core = import('../index.js');
  // The set is plain data (templates are source text), so the structured clone is the set itself.
  const shared = workerData.aspects as AspectSet | undefined;
  let chain: Promise<AspectSet | undefined> = core.then(({ loadConfig }) => shared ?? loadConfig(opts)).then(
    async (aspects) => {
      post({ type: 'ready', aspectHash: (await core).aspectSetHash(aspects), fingerprint: weaverFingerprint() });
      return aspects;
    },
    (err: unknown) => {
      post({ type: 'failed', error: asLocated(err) });
      return undefined;
    },
  );
  port.on('message', (req: WeaveRequest) => {
    // One package at a time: parsing is synchronous, so interleaving would only add memory.
    chain = chain.then(async (aspects) => {
      if (!aspects) return aspects;
      try {
        post({ type: 'done', id: req.id, result: await (await core).weavePackage(aspects, req.input, fileMemoIn(req.memoDir, weaverFingerprint())) });
      } catch (err) {
        post({ type: 'error', id: req.id, error: asLocated(err) });
      }
      return aspects;
    });
  });
}
