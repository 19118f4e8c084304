import { basename, dirname, join } from 'node:path';
import { parseGoArgs, type ParsedArgs } from './args.js';
import type { Env } from './env.js';
import type { ReplayRecord } from './replay.js';

/**
 * Building ahead (launcher/ahead.go): after a save, the weave server has the launcher run the
 * last go build again with its outputs redirected to a private directory beside the record, and
 * the build that follows installs them instead of running go. Only a `go build` or `go install`
 * of executables that the launcher may vouch for (its record has a skip guard naming them)
 * qualifies; an install is built ahead as a build. An executable is the same whatever its file's
 * name, and go install links what go build does, so the redirected build writes what the user's
 * would.
 *
 * A `go run` is built ahead through go's own cache instead: go (1.24 and later) keeps the
 * executables it links for go run there, by the link's action ID, which `-exec` is no part of.
 * The same go run with `-exec=true` compiles and links what the user's would, then starts
 * `true` rather than the program; the go run that follows finds the executable and starts it
 * without linking. A `go test` the same way (`-exec=true -count=1`): go caches no test binary,
 * so the go test that follows links again, but every compile (the packages, their tests, the
 * test mains) and vet's checks are in the cache; no test runs ahead, and no result is cached
 * (-count=1), so the user's go test runs every test as it would have. A `go vet` is simply run
 * ahead: go keeps its findings in the cache, and the user's go vet prints them from there.
 */

/** The private directory of a record's builds ahead (launcher/ahead.go aheadOutput). */
export function aheadDir(recordPath: string): string {
  return recordPath + '.ahead-out';
}

/**
 * Written before a build ahead starts, and removed by it once it holds its lock (or by the
 * server when it ends): a build that finds it waits for the lock to be taken (launcher/ahead.go).
 */
export function aheadStarting(recordPath: string): string {
  return recordPath + '.ahead-starting';
}

/** The launcher that wrote a record: v1/launcher/<id>/go-weave-launch for v1/replay/<id>/<key>.json. */
export function launcherOfRecord(recordPath: string): string {
  const dir = dirname(recordPath);
  return join(dirname(dirname(dir)), 'launcher', basename(dir), 'go-weave-launch');
}

/**
 * The go arguments of the record's build writing into `dir` instead, or undefined when the
 * record is not one to build ahead. The new -o replaces the user's and goes right before the
 * packages, after every other flag (-C stays first): one executable is written to dir under its
 * output's name, several into dir under their own, as into the user's -o directory. A go run,
 * test or vet is built ahead into go's cache instead (below), and writes nothing into dir.
 */
export function aheadArgs(r: ReplayRecord, dir: string): string[] | undefined {
  const [sub, ...args] = r.args;
  if (sub === 'run') return runAheadArgs(args);
  if (sub === 'test') return testAheadArgs(args);
  // go caches vet's findings (a failing vet's too) by the vet action's ID: the same go vet ahead
  // leaves the user's nothing to run, and it writes no file.
  if (sub === 'vet') return ['vet', ...args];
  const outputs = r.skip?.outputs ?? [];
  if ((sub !== 'build' && sub !== 'install') || outputs.length === 0) return undefined;
  const output = outputs.length === 1 ? join(dir, basename(outputs[0].path)) : dir + '/';
  const parsed = parseGoArgs(sub, args);
  const flags = parsed.flags.filter((f) => f.name !== 'o').flatMap((f) => f.raw);
  // Anything parseGoArgs set aside ("--", a positional between flags) is not a plain build line.
  if (!flagsAndPackagesOnly(parsed, args.length)) return undefined;
  return ['build', ...flags, '-o', output, ...parsed.packages];
}

/** The arguments go to the flags and the packages parseGoArgs found, and to nothing else. */
function flagsAndPackagesOnly(parsed: ParsedArgs, argCount: number): boolean {
  return flagArgCount(parsed) + parsed.packages.length === argCount;
}

/** How many arguments the flags took (two for a flag whose value was separate). */
function flagArgCount(parsed: ParsedArgs): number {
  return parsed.flags.reduce((n, f) => n + f.raw.length, 0);
}

/**
 * The go run that links the user's program into go's cache and starts `true` in its place: the
 * same go flags, `-exec=true` after them (the last -exec wins), then the package and the
 * program's arguments. Not with -a (the user's go run rebuilds everything anyway) or -n (it runs
 * nothing).
 */
function runAheadArgs(args: string[]): string[] | undefined {
  // go run's flags all come before its package (parseGoArgs hands what follows to the program).
  const parsed = parseGoArgs('run', args);
  if (parsed.packages.length === 0 || parsed.flags.some((f) => f.name === 'a' || f.name === 'n')) return undefined;
  const flagArgs = flagArgCount(parsed);
  return ['run', ...args.slice(0, flagArgs), '-exec=true', ...args.slice(flagArgs)];
}

/**
 * Flags of a go test that write files (a test binary, profiles, coverage) or run something
 * other than the tests: a go test ahead with them would overwrite the user's files or do
 * different work, so such a command line is not built ahead.
 */
const TEST_AHEAD_REFUSED = new Set(['c', 'o', 'a', 'n', 'i', 'fuzz', 'coverprofile', 'cpuprofile', 'memprofile', 'blockprofile', 'mutexprofile', 'trace', 'outputdir']);

/**
 * The go test that compiles (and links) what the user's would and starts `true` in place of
 * each test binary: `-exec=true -count=1` after the user's go test flags (the last -exec and
 * -count win), before `-args` and what follows it.
 */
function testAheadArgs(args: string[]): string[] | undefined {
  const at = args.findIndex((a) => a === '-args' || a === '--args');
  const head = at < 0 ? args : args.slice(0, at);
  const parsed = parseGoArgs('test', head);
  if (parsed.flags.some((f) => TEST_AHEAD_REFUSED.has(f.name))) return undefined;
  // Anything else set aside (a positional after the flags, "--") goes to the test binary in a
  // way this does not follow: not built ahead.
  if (!flagsAndPackagesOnly(parsed, head.length)) return undefined;
  return ['test', ...head, '-exec=true', '-count=1', ...args.slice(head.length)];
}

/** GOWEAVE_BUILD_AHEAD=0 turns building ahead off for a command line. */
export function buildAheadWanted(env: Env): boolean {
  return env.GOWEAVE_BUILD_AHEAD !== '0';
}
