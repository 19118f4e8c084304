import { isWeaveError, WeaveError } from '../errors.js';
import * as gocmd from '../gocmd/index.js';
import { GO_WEAVE_VERSION } from '../version.js';

const USAGE = `go-weave: compile-time instrumentation for Go

Usage:
  go-weave build|install|run|test|vet [go flags] [packages]   the go command, woven
  go-weave go <go args>                                       any go command; build-like ones are woven
  go-weave diff [packages]                                    show woven changes as a unified diff
  go-weave weave [-c ASPECTS.yml]… [-p IMPORT_PATH] [-o OUT_DIR] [--report FILE] [--main-module] FILE.go…
  go-weave aspects [-c ASPECTS.yml]… [--hash]                 list aspects and what they select
  go-weave cache clean                                        empty the weave cache (shellenv's PATH entries stay)
  go-weave shellenv [--go]                                    print the line that puts go-weave (--go: and a woven go) on PATH
  go-weave version
`;

export async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s);
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      // Loaded on demand: the go-command path must not pay for the core at start-up.
      case 'weave': return await (await import('./weave-command.js')).weaveCommand(rest, out);
      case 'aspects': return (await import('./aspects-command.js')).aspectsCommand(rest, out);
      case 'shellenv': return (await import('./shellenv-command.js')).shellenvCommand(rest, process.env, out);
      case 'version': case '--version': out(`go-weave ${GO_WEAVE_VERSION}\n`); return 0;
      case undefined: case 'help': case '-h': case '--help': out(USAGE); return cmd === undefined ? 2 : 0;
    }
    if (gocmd.WOVEN_SUBCOMMANDS.has(cmd)) return await gocmd.runGo(cmd, rest, process.env, argv);
    if (cmd === 'go') {
      if (rest.length === 0) throw new WeaveError('go-weave go needs a go subcommand, e.g. go-weave go build ./...');
      return await gocmd.runGo(rest[0], rest.slice(1), process.env, argv);
    }
    if (cmd === 'diff') return await gocmd.runDiff(rest);
    if (cmd === 'cache' && rest[0] === 'clean') { await gocmd.cleanCache(); return 0; }
    // Started in the background by go-weave itself (gocmd/server.ts), never by users.
    if (cmd === '__weave-server' && (rest.length === 1 || rest.length === 2)) {
      await gocmd.serve(rest[0], gocmd.serverIdleMs(process.env), rest[1] ? gocmd.startingCommand(rest[1]) : undefined);
      return 0;
    }
    // The go command's cover steps in a coverage build, through go-weave's -toolexec script.
    if (cmd === '__cover-weave' && rest.length >= 3) return await gocmd.runCoverWeave(rest);
    process.stderr.write(`go-weave: unknown command "${cmd}"\n\n${USAGE}`);
    return 2;
  } catch (e) {
    if (isWeaveError(e)) { process.stderr.write(`go-weave: ${e.message}\n`); return 1; }
    // Its message names go-weave already.
    if (e instanceof gocmd.UsageError) { process.stderr.write(`${e.message}\n`); return 1; }
    throw e;
  }
}
