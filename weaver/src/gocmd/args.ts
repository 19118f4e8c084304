/**
 * Just enough of the go command's flag grammar to find the packages, the flags that change the
 * package graph, and the user's own -overlay/-modfile (which go-weave must merge with its own).
 * Everything else is passed to the go command untouched, in its original order.
 */

/** Flags (of `go help build` and `go help testflag`) that consume the next argument. */
const VALUE_FLAGS = new Set([
  'C', 'p', 'covermode', 'coverpkg', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags',
  'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'o',
  'exec', 'bench', 'benchtime', 'blockprofile', 'blockprofilerate', 'count', 'coverprofile', 'cpu',
  'cpuprofile', 'fuzz', 'fuzzminimizetime', 'fuzztime', 'list', 'memprofile', 'memprofilerate',
  'mutexprofile', 'mutexprofilefraction', 'outputdir', 'parallel', 'run', 'skip', 'shuffle',
  'timeout', 'trace', 'vet', 'vettool', 'debug-actiongraph', 'debug-deriveshash', 'debug-trace',
  'debug-runtime-trace',
]);

/** Build flags that change which packages or files `go list` reports; they go to the planner too. */
const GRAPH_FLAGS = new Set([
  'tags', 'race', 'msan', 'asan', 'cover', 'covermode', 'coverpkg', 'mod', 'pgo', 'buildmode',
  'compiler', 'linkshared',
]);

export interface Flag {
  name: string;
  /** The argv entries the flag occupied (one, or two when its value was separate). */
  raw: string[];
  value?: string;
}

export interface ParsedArgs {
  subcommand: string;
  flags: Flag[];
  packages: string[];
  /** -C dir, which must stay first on the command line. */
  chdir?: string;
  userOverlay?: string;
  userModfile?: string;
  /** The user's arguments with -C, -overlay and -modfile removed (go-weave re-adds them). */
  rest: string[];
  /** Flags to repeat on the planning `go list`. */
  graphFlags: string[];
}

function flagName(arg: string): { name: string; inline?: string } | undefined {
  if (!arg.startsWith('-') || arg === '-' || arg === '--') return undefined;
  const body = arg.replace(/^--?/, '');
  const eq = body.indexOf('=');
  if (eq >= 0) return { name: body.slice(0, eq), inline: body.slice(eq + 1) };
  return { name: body };
}

/**
 * Parses the arguments of `go <subcommand>`. For `run`, the first package (or run of .go files)
 * ends the go flags: later arguments belong to the program. For `test`, arguments after the
 * packages may still be flags, and everything after `-args` belongs to the test binary.
 */
export function parseGoArgs(subcommand: string, args: string[]): ParsedArgs {
  const flags: Flag[] = [];
  const packages: string[] = [];
  const rest: string[] = [];
  const out: ParsedArgs = { subcommand, flags, packages, rest, graphFlags: [] };
  let i = 0;
  let seenPackages = false;
  let packagesDone = false;
  while (i < args.length) {
    const arg = args[i];
    if (arg === '-args' || arg === '--args') {
      rest.push(...args.slice(i));
      break;
    }
    const f = flagName(arg);
    if (subcommand === 'run' && seenPackages && (f || !arg.endsWith('.go') || !packages.every((q) => q.endsWith('.go')))) {
      // Everything after `go run`'s package belongs to the program.
      rest.push(...args.slice(i));
      break;
    }
    if (!f) {
      if (arg === '--') {
        rest.push(...args.slice(i));
        break;
      }
      if (packagesDone) {
        // A positional after flags that followed the packages: go test hands it to the binary.
        rest.push(arg);
        i++;
        continue;
      }
      packages.push(arg);
      seenPackages = true;
      rest.push(arg);
      i++;
      continue;
    }
    if (seenPackages) packagesDone = true;
    const name = f.name.startsWith('test.') ? f.name.slice(5) : f.name;
    const raw = [arg];
    let value = f.inline;
    if (value === undefined && VALUE_FLAGS.has(name) && i + 1 < args.length) {
      value = args[i + 1];
      raw.push(value);
    }
    i += raw.length;
    const flag: Flag = { name, raw, value };
    flags.push(flag);
    if (name === 'C' && flags.length === 1) out.chdir = value;
    else if (name === 'overlay') out.userOverlay = value;
    else if (name === 'modfile') out.userModfile = value;
    else {
      if (GRAPH_FLAGS.has(name)) out.graphFlags.push(...raw);
      rest.push(...raw);
    }
  }
  return out;
}

/** The go subcommands that compile packages, and so get woven sources. */
export const WOVEN_SUBCOMMANDS: ReadonlySet<string> = new Set(['build', 'install', 'run', 'test', 'vet']);

/** GOFLAGS as flags (space-separated, each -name or -name=value). */
export function goflagsOf(s: string | undefined): Flag[] {
  return (s ?? '').split(/\s+/).filter(Boolean).map((raw) => {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(raw);
    return m ? { name: m[1], raw: [raw], value: m[2] } : { name: raw, raw: [raw] };
  });
}

/**
 * Whether a boolean build flag (`-trimpath`, `-trimpath=false`) is on: GOFLAGS first, then the
 * command line, the last one winning, as the go command reads them.
 */
export function boolFlagOn(name: string, parsed: ParsedArgs, goflags: string | undefined): boolean {
  let on = false;
  const set = (value: string | undefined) => {
    on = value === undefined || value === 'true' || value === '1' || value === 't' || value === 'T' || value === 'TRUE' || value === 'True';
  };
  for (const f of (goflags ?? '').split(/\s+/)) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(f);
    if (m && m[1] === name) set(m[2]);
  }
  for (const f of parsed.flags) if (f.name === name) set(f.value);
  return on;
}

