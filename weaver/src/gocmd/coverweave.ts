/**
 * Coverage builds (go build/test -cover, -coverpkg, -covermode, go test -coverprofile).
 *
 * The go command hands its cover tool each covered package's files by their own paths, not the
 * overlay's (golang/go#73802): the covered packages would compile from the plain sources, with
 * no woven code in them, and nothing would say so. go-weave puts itself in front of the tools
 * with -toolexec: every tool but cover runs as it is, and after cover go-weave weaves what cover
 * wrote for the files it had woven. Coverage counts the user's own statements, as plain go counts
 * them (cover never sees woven code), and the compiled package is woven.
 *
 * -toolexec leaves the go command's action IDs alone (they hold each tool's `-V=full` answer,
 * not the -toolexec text), so uncovered packages share the build cache with every other build.
 * The cover tool's answer gains go-weave's fingerprint, so covered packages compile again when the
 * weaver changes.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boolFlagOn, goflagsOf, type ParsedArgs } from './args.js';
import { writeFileAtomic } from './atomic.js';
import { WeaveCache } from './cache.js';
import { asLocated, type Core, type PackageRef } from './core.js';
import { sha256 } from './hash.js';
import { LazyConfig } from './lazyconfig.js';
import type { WeaveUnit } from './plan.js';
import { existsMarked } from './trim.js';

/** What a cover step needs to weave a package's covered files as the plan wove the originals. */
export interface CoverPlan {
  cacheDir: string;
  config: { configPath?: string; moduleRoot?: string; watch: string[]; salt: string };
  /** The configuration's hash when the plan was made; a different one fails the build. */
  aspectHash: string;
  units: { ref: PackageRef; files: string[] }[];
  /** Path the go command hands cover → its unit, for every non-test file the plan wove. */
  woven: Record<string, number>;
  /** Files whose content is not on disk at their path (the user's overlay, go-weave's stubs). */
  sources: Record<string, string>;
  /**
   * Files the overlay adds to a package (an executable's zz_goweave_linkdeps.go): cover opens
   * what it is handed, so it gets their content's path instead.
   */
  added: Record<string, string>;
}

/** Whether the go command will run cover on some packages (go help testflag, go help build). */
export function covers(parsed: ParsedArgs, goflags: string | undefined): boolean {
  const given = [...goflagsOf(goflags), ...parsed.flags].map((f) => f.name);
  if (given.includes('coverpkg') || given.includes('covermode')) return true;
  if (parsed.subcommand === 'test' && given.includes('coverprofile')) return true;
  return boolFlagOn('cover', parsed, goflags);
}

/** The plan's woven non-test files, by the unit that wove them; none: nothing for cover to lose. */
export function coverPlan(units: WeaveUnit[], overlay: ReadonlyMap<string, string>, at: (original: string) => string | undefined): { units: CoverPlan['units']; woven: CoverPlan['woven'] } {
  const out: { units: CoverPlan['units']; woven: CoverPlan['woven'] } = { units: [], woven: {} };
  for (const u of units) {
    const mine = u.targets.filter((f) => overlay.has(f) && !f.endsWith('_test.go'));
    if (mine.length === 0) continue;
    let placed = false;
    for (const f of mine) {
      const path = at(f);
      if (path === undefined) continue;
      if (!placed) out.units.push({ ref: u.ref, files: u.files });
      placed = true;
      out.woven[path] = out.units.length - 1;
    }
  }
  return out;
}

const quoteSh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The -toolexec program: a shell script, since the go command runs it for every compile and
 * link of the build; only cover steps start Node.
 */
export function toolexecScript(self: string[], fingerprint: string): string {
  return `#!/bin/sh
# go-weave's -toolexec for a build that covers packages: the go command hands cover the original
# files, not the overlay's woven ones, so go-weave weaves what cover writes. Other tools run as
# they are. Arguments: PLAN N, the N words of the user's own -toolexec, the tool, its arguments.
plan=$1 n=$2
shift 2
eval "tool=\\\${$((n + 1))}"
case \${tool##*/} in
cover | cover.exe) ;;
*) exec "$@" ;;
esac
eval "first=\\\${$((n + 2)):-}"
if [ "$first" = -V=full ]; then
  # The go command puts this answer into the action ID of every covered package.
  line=$("$@") || exit
  case $line in
  *buildID=*) printf '%s\\n' "$line" ;;
  *) printf '%s go-weave/%s\\n' "$line" ${quoteSh(fingerprint.slice(0, 16))} ;;
  esac
  exit 0
fi
exec ${self.map(quoteSh).join(' ')} __cover-weave "$plan" "$n" "$@"
`;
}

/** Writes the script and the plan into the weave cache; returns them, content-addressed. */
export function writeCoverFiles(cache: WeaveCache, self: string[], fingerprint: string, plan: CoverPlan): { script: string; plan: string } {
  const script = toolexecScript(self, fingerprint);
  const scriptPath = join(cache.root, 'toolexec', sha256('toolexec', script).slice(0, 32), 'go-weave-toolexec');
  if (!existsMarked(scriptPath)) {
    writeFileAtomic(scriptPath, script, 0o755);
    chmodSync(scriptPath, 0o755);
  }
  return { script: scriptPath, plan: cache.putGenerated('coverplan', 'plan.json', JSON.stringify(plan)) };
}

/** A word of -toolexec as the go command splits it (quoted fields). */
function quoteWord(s: string): string {
  if (!/[\s'"]/.test(s)) return s;
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  throw new Error(`go-weave: cannot pass the path ${s} to -toolexec (it holds both kinds of quote)`);
}

/** Splits a -toolexec value into words: spaces separate, single or double quotes group. */
export function splitQuoted(s: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/**
 * The -toolexec flag that sends cover steps through go-weave, and the user's arguments without
 * their own -toolexec, which runs inside it (a -toolexec in GOFLAGS too: the command line's wins
 * over it, as it would over the user's).
 */
export function toolexecFlag(parsed: ParsedArgs, goflags: string | undefined, script: string, plan: string): { flag: string; rest: string[] } {
  const theirs = [...goflagsOf(goflags), ...parsed.flags].filter((f) => f.name === 'toolexec');
  const words = splitQuoted(theirs.at(-1)?.value ?? '');
  const rest = [...parsed.rest];
  for (const f of parsed.flags.filter((x) => x.name === 'toolexec')) {
    const i = rest.findIndex((_, j) => f.raw.every((r, k) => rest[j + k] === r));
    if (i >= 0) rest.splice(i, f.raw.length);
  }
  return { flag: `-toolexec=${[script, plan, String(words.length), ...words].map(quoteWord).join(' ')}`, rest };
}

interface CoverArgs {
  outfileList: string;
  infiles: string[];
}

/** The cover command line of the go command's coverage builds: flags, then the input files. */
export function parseCoverArgs(args: string[]): CoverArgs | undefined {
  let outfileList: string | undefined;
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) {
    const [name, inline] = args[i].replace(/^--?/, '').split(/=(.*)/s, 2);
    const value = inline ?? args[i + 1];
    if (name === 'outfilelist') outfileList = value;
    i += inline === undefined && ['pkgcfg', 'mode', 'var', 'outfilelist', 'o'].includes(name) ? 2 : 1;
  }
  return outfileList === undefined ? undefined : { outfileList, infiles: args.slice(i) };
}

/**
 * `go-weave __cover-weave PLAN N [N words] COVER ARGS…`, from the -toolexec script: runs cover,
 * then weaves its output for each file the plan wove. Any failure fails the build: a covered
 * package must never compile unwoven without a word.
 */
export async function coverWeave<A>(core: Core<A>, argv: string[]): Promise<number> {
  try {
    return await coverAndWeave(core, argv);
  } catch (err) {
    // A WeaveError's message starts with its file:line:col already.
    const { message } = asLocated(err);
    process.stderr.write(`${message.startsWith('go-weave:') ? '' : 'go-weave: '}${message}\n`);
    return 1;
  }
}

async function coverAndWeave<A>(core: Core<A>, argv: string[]): Promise<number> {
  const [planPath, n, ...command] = argv;
  // The user's -toolexec words and the cover tool, then cover's arguments.
  const toolAt = Number(n);
  const coverArgs = command.slice(toolAt + 1);
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as CoverPlan;
  const parsed = parseCoverArgs(coverArgs);
  const inputsAt = parsed ? coverArgs.length - parsed.infiles.length : coverArgs.length;
  const run = [...command.slice(0, toolAt + 1), ...coverArgs.map((a, i) => (i >= inputsAt ? plan.added[a] ?? a : a))];
  const r = spawnSync(run[0], run.slice(1), { stdio: 'inherit' });
  if (r.error) throw new Error(`go-weave: cannot run ${run[0]}: ${r.error.message}`);
  if (r.status !== 0) return r.status ?? 1;
  if (!parsed) return 0;
  // The first output holds cover's variables; then one per input file, in order.
  const outputs = readFileSync(parsed.outfileList, 'utf8').split('\n').filter(Boolean).slice(1);
  if (outputs.length !== parsed.infiles.length) throw new Error(`go-weave: cover wrote ${outputs.length} files for ${parsed.infiles.length} inputs (${parsed.outfileList})`);
  const outputOf = new Map(parsed.infiles.map((f, i) => [f, outputs[i]]));
  const byUnit = new Map<number, string[]>();
  for (const f of parsed.infiles) {
    const u = plan.woven[f];
    if (u !== undefined) byUnit.set(u, [...(byUnit.get(u) ?? []), f]);
  }
  if (byUnit.size === 0) return 0;
  const cache = new WeaveCache(plan.cacheDir);
  const config = new LazyConfig(core, { configPath: plan.config.configPath, moduleRoot: plan.config.moduleRoot }, cache, plan.config.watch, plan.config.salt);
  if ((await config.hash()) !== plan.aspectHash) throw new Error('go-weave: the aspect configuration changed while the build ran; build again');
  const aspects = await config.aspects();
  for (const [u, files] of byUnit) {
    const unit = plan.units[u];
    const source = (p: string) => readFileSync(outputOf.get(p) ?? plan.sources[p] ?? p, 'utf8');
    const result = await core.weavePackage(aspects, { ...unit.ref, files: unit.files.map((p) => ({ path: p, source: source(p) })) });
    for (const f of files) {
      const woven = result.files.find((x) => x.path === f);
      if (!woven?.changed) throw new Error(`go-weave: ${f}: its coverage-instrumented form matched none of the join points its own form did`);
      writeFileAtomic(outputOf.get(f) as string, woven.source);
    }
  }
  return 0;
}
