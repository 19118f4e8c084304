import { main } from './main.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`go-weave: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 3;
});
