import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Env } from './env.js';
import type { PoolWorkerData } from './pool-protocol.js';

/**
 * Starts one weaving worker. The bundle (dist/weaver/go-weave.cjs) is its own worker entry:
 * cli/run.ts runs the weaving loop instead of the CLI in a pool thread, and the wasm and aspect
 * lookups (assets.ts) see the same __dirname as the main thread. From source, a worker does not
 * inherit the tsx loader of the main thread (Node 20 keeps module hooks per thread), so a short
 * bootstrap registers tsx in the worker before importing the TypeScript worker module.
 */
export function startWorker(data: PoolWorkerData, env: Env): Worker {
  const opts = { workerData: data, env: { ...env } };
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) return new Worker(__filename, opts);
  const entry = new URL('./pool-worker.ts', import.meta.url).href;
  // An eval'd worker defines __dirname and __filename as globals; the ES modules it imports
  // would take them for the bundle's (assets.ts, fingerprint.ts), so they go first.
  const boot = `delete globalThis.__dirname; delete globalThis.__filename;\nimport(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).then((m) => m.runPoolWorker());`;
  return new Worker(boot, { ...opts, eval: true });
}

/**
 * The ESM build of tsx's register API, as a file URL. The eval'd bootstrap has no module of its
 * own to resolve a bare name from, and require.resolve would pick the CommonJS build, whose
 * register() cannot find its ESM hooks from a worker; tsx's export map names the ESM file.
 */
function tsxEsmApi(): string {
  const req = createRequire(import.meta.url);
  const manifest = req.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> };
  const api = pkg.exports?.['./esm/api'] as { import?: string | { default?: string } } | undefined;
  const file = typeof api?.import === 'string' ? api.import : api?.import?.default;
  if (!file) throw new Error('go-weave: the installed tsx has no ESM register API (tsx/esm/api)');
  return pathToFileURL(join(dirname(manifest), file)).href;
}
