import { isPoolWorker, runPoolWorker } from '../gocmd/pool-worker.js';
import { main } from './main.js';

// The bundle is also the entry of its weaving worker threads (gocmd/pool-spawn.ts): there it
// serves the pool instead of running the command line again.
if (isPoolWorker()) {
  runPoolWorker();
} else {
  // `go-weave diff | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  let settled = false;
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`go-weave: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 3;
  }).finally(() => { settled = true; });
  // Node ends a process whose pending promises have nothing left to wait on with status 0: a build
  // that never ran must not look like one that succeeded.
  process.on('beforeExit', () => {
    if (settled) return;
    process.stderr.write('go-weave: internal error: stopped with work unfinished (a pending operation was abandoned)\n');
    process.exitCode = 3;
  });
}
