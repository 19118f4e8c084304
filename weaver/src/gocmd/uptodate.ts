import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { goflagsOf, type Flag } from './args.js';
import type { ListedPackage } from './golist.js';
import { otherInput } from './listing.js';
import type { Prepared } from './pipeline.js';
import { absoluteGo } from './env.js';
import { isDirectory, moduleSources, readdirOrEmpty } from './dirs.js';

/**
 * What lets the launcher leave out the go command of a `go build` that nothing changed since
 * (launcher/uptodate.go): such a go command only reads, finds every output up to date, and
 * prints nothing. Besides the record's stamps (the plan's inputs), go reads a few more things
 * whose change makes it build again; they are named here and stamped by the launcher itself, the
 * first time it runs the go command for the record and sees it succeed silently.
 *
 * Read by launcher/record.go; absent when the build is not one the launcher can vouch for.
 */
export interface SkipGuard {
  /** The directory go runs in (after -C): where its VCS stamping looks for a repository. */
  dir: string;
  /** The files go build writes, each with the import path of the main package linked into it. */
  outputs: { path: string; pkg: string }[];
  /**
   * Files go reads beyond the plan's: go.sum and go.work.sum, default.pgo, the C compiler, the
   * runtime module's sources, and the C, assembly and .syso files of the user's packages. Which
   * of the last are there is the record's to vouch for: its directory listings count them.
   */
  files: string[];
  /**
   * Where //go:embed patterns can match: each pattern's leading literal path (a file, or a
   * directory whose whole tree the launcher stamps, every name and file in it).
   */
  embeds: string[];
}

/**
 * Build flags after which a no-op go build writes and prints nothing and reads nothing else.
 * -x, -n, -v, -work, -json, -a, -toolexec, -debug-* and the like are left out: those print, act
 * or read beyond what is stamped; so is -modcacherw, with which the module cache, taken as
 * read-only here, may be edited.
 */
const QUIET_FLAGS = new Set([
  'o', 'tags', 'ldflags', 'gcflags', 'asmflags', 'trimpath', 'race', 'msan', 'asan', 'mod', 'pgo',
  'buildvcs', 'p', 'cover', 'covermode', 'coverpkg', 'buildmode', 'compiler', 'C',
  'overlay', 'modfile', 'installsuffix',
]);

/** The guard for a prepared build, or undefined when go must run every time. */
export function skipGuard(p: Prepared): SkipGuard | undefined {
  if (p.parsed.subcommand !== 'build' && p.parsed.subcommand !== 'install') return undefined;
  const flags = [...goflagsOf(p.ge.GOFLAGS), ...p.parsed.flags];
  if (!flags.every(quiet)) return undefined;
  const targets = p.packages.filter((pkg) => !pkg.DepOnly && !pkg.ForTest);
  if (targets.length === 0 || targets.some((t) => t.ImportPath === 'command-line-arguments' || t.Error)) return undefined;
  const immutable = [p.ge.GOROOT, p.ge.GOMODCACHE].filter(Boolean).map((d) => d + sep);
  const mutable = (d: string | undefined): d is string => !!d && !immutable.some((i) => d.startsWith(i));
  const files: string[] = [];
  const embeds = new Set<string>();
  const byDir = new Map<string, ListedPackage[]>();
  for (const pkg of p.packages) {
    // pkg-config answers are read again by every build.
    if (pkg.CgoPkgConfig?.length || pkg.Error) return undefined;
    if (pkg.Standard || !mutable(pkg.Dir)) continue;
    byDir.set(pkg.Dir, [...(byDir.get(pkg.Dir) ?? []), pkg]);
    for (const pattern of pkg.EmbedPatterns ?? []) embeds.add(embedRoot(pkg.Dir, pattern));
  }
  // A tree too large to stamp on every build costs more than the go command it saves.
  let budget = MAX_EMBED_ENTRIES;
  for (const root of embeds) if ((budget -= treeSize(root, budget)) < 0) return undefined;
  for (const [dir, pkgs] of byDir) {
    const names = readdirOrEmpty(dir).filter((n) => otherInput(n) && n !== 'default.pgo');
    // A name go list did not account for came after the plan: its lists are out of date.
    const listed = new Set(pkgs.flatMap(otherFiles));
    if (names.some((n) => !listed.has(n)) || [...listed].some((n) => !names.includes(n))) return undefined;
    files.push(...names.map((n) => join(dir, n)));
  }
  for (const pkg of p.packages) {
    if (pkg.Module?.Main && pkg.Module.Dir && mutable(pkg.Module.Dir)) files.push(join(pkg.Module.Dir, 'go.sum'));
  }
  if (p.ge.GOWORK && p.ge.GOWORK !== 'off') files.push(join(dirname(p.ge.GOWORK), 'go.work.sum'));
  if (p.ge.CGO_ENABLED === '1') {
    // go asks the C compiler for its version on every build that compiles cgo, which woven
    // builds mostly do (the runtime's exporter reaches net).
    const cc = p.ge.CC ? absoluteGo(p.ge.CC.split(/\s+/)[0], p.goEnv) : undefined;
    if (!cc) return undefined;
    files.push(cc);
  }
  // The runtime module go-weave brings in is outside the plan (go list saw the user's graph).
  if (p.runtimeDir) {
    const rt = moduleSources(p.runtimeDir);
    files.push(...rt.dirs, ...rt.files);
  }
  const outputs = outputsOf(p, targets, flags);
  if (!outputs) return undefined;
  for (const t of targets) if (t.Name === 'main' && t.Dir && mutable(t.Dir)) files.push(join(t.Dir, 'default.pgo'));
  return { dir: p.cwd, outputs, files: [...new Set(files)].sort(), embeds: [...embeds].sort() };
}

/** Entries of embedded trees stamped on each build at the most (a few milliseconds). */
const MAX_EMBED_ENTRIES = 2000;

/**
 * The part of a //go:embed pattern before its first wildcard, in the package's directory: a
 * pattern can only match there or below (`all:` only adds hidden names, which the launcher
 * stamps anyway).
 */
export function embedRoot(dir: string, pattern: string): string {
  const elems = pattern.replace(/^all:/, '').split('/');
  const wild = elems.findIndex((e) => /[*?[\\]/.test(e));
  return join(dir, ...(wild < 0 ? elems : elems.slice(0, wild)));
}

/** Entries in the tree at root (1 for a file), counting no further than limit + 1. */
function treeSize(root: string, limit: number): number {
  let n = 1;
  let entries;
  try {
    if (!statSync(root).isDirectory()) return 1;
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return 1;
  }
  for (const e of entries) {
    if (n > limit) break;
    n += e.isDirectory() ? treeSize(join(root, e.name), limit - n) : 1;
  }
  return n;
}

function otherFiles(pkg: ListedPackage): string[] {
  return [pkg.CFiles, pkg.CXXFiles, pkg.MFiles, pkg.HFiles, pkg.FFiles, pkg.SFiles, pkg.SwigFiles, pkg.SwigCXXFiles, pkg.SysoFiles, pkg.IgnoredOtherFiles].flatMap((l) => l ?? []);
}

function quiet(f: Flag): boolean {
  if (!QUIET_FLAGS.has(f.name)) return false;
  if (f.name === 'buildmode') return ['exe', 'pie', 'default'].includes(f.value ?? '');
  if (f.name === 'compiler') return f.value === 'gc';
  return true;
}

/**
 * Where go install writes: each command's Target. Where go build writes: -o's file, or one file
 * per main package in -o's directory; without -o, a single main package's executable in the
 * directory go runs in, and nothing for several packages or a non-main one. Undefined for what
 * the launcher cannot vouch for (-o with a package that is not a command: go writes an archive).
 */
function outputsOf(p: Prepared, targets: ListedPackage[], flags: Flag[]): SkipGuard['outputs'] | undefined {
  if (p.parsed.subcommand === 'install') {
    // Commands go to their Target (GOBIN, or GOPATH's bin); a library installs nothing.
    const commands = targets.filter((t) => t.Name === 'main');
    if (commands.some((t) => !t.Target)) return undefined;
    return commands.map((t) => ({ path: t.Target!, pkg: t.ImportPath }));
  }
  const o = [...flags].reverse().find((f) => f.name === 'o')?.value;
  const exe = (t: ListedPackage) => execName(t.ImportPath) + (p.ge.GOOS === 'windows' ? '.exe' : '');
  if (o === undefined) {
    if (targets.length !== 1 || targets[0].Name !== 'main') return [];
    return [{ path: join(p.cwd, exe(targets[0])), pkg: targets[0].ImportPath }];
  }
  if (o === '/dev/null') return [];
  if (targets.some((t) => t.Name !== 'main')) return undefined;
  const path = resolve(p.cwd, o);
  if (o.endsWith('/') || o.endsWith(sep) || isDirectory(path)) return targets.map((t) => ({ path: join(path, exe(t)), pkg: t.ImportPath }));
  return targets.length === 1 ? [{ path, pkg: targets[0].ImportPath }] : undefined;
}

/** The go command's name for a command's executable: its last path element, skipping a major version. */
export function execName(importPath: string): string {
  const elems = importPath.split('/');
  const last = elems[elems.length - 1];
  // v2 and later; v0, v1 and v01 name themselves.
  return /^v([2-9]|[1-9][0-9]+)$/.test(last) && elems.length > 1 ? elems[elems.length - 2] : basename(last);
}
