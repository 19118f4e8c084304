import { chmodSync, cpSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { WeaveCache } from './cache.js';
import { existsMarked } from './trim.js';
import { sha256 } from './hash.js';
import type { ServedVersion } from './modproxy.js';

/** A module from the module cache, as go list describes it. */
export interface CachedModule {
  /** The module path the build requires (the left side of a replace). */
  path: string;
  version: string;
  /** Where its files are: a directory beneath GOMODCACHE. */
  dir: string;
  /** The go.mod the go command uses for it (synthesised for modules that have none). */
  goMod?: string;
}

/**
 * A module with woven files, and where the build takes it from: a writable directory copy, or a
 * version of its own served by go-weave's module proxy (modproxy.ts).
 */
export type ModuleCopy = CachedModule & ({ copy: string; served?: undefined } | { copy?: undefined; served: ServedVersion });

/**
 * The go command will not let -overlay replace a file beneath GOMODCACHE, so a dependency with
 * woven files is built from a copy of its module in the weave cache, selected by a `replace` in
 * the go.mod (or go.work) copy. Module versions are immutable, so one copy per module version
 * serves every later build; it is made in a temporary directory and renamed into place, so a
 * racing build sees either no copy or a whole one.
 *
 * With `lines`, each Go file of the copy starts with a line directive naming the module cache's
 * file (nameOriginals), so that stack traces, callers and debuggers see the module cache's files
 * and lines, as for the woven files. Without (-trimpath builds, whose rule for the copy rewrites
 * its directory to module@version, which no absolute directive would get; tests of the module's
 * own packages), the files are the module's own. The two kinds live apart: modlines/, modsrc/.
 */
export function ensureModuleCopy(cache: WeaveCache, gomodcache: string, mod: CachedModule, opts: { lines: boolean }): CachedModule & { copy: string } {
  // The module cache's own layout (escaped path@version) keeps copy paths readable in errors.
  const rel = relative(gomodcache, mod.dir);
  const name = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : join('_', sha256(mod.dir).slice(0, 32));
  const copy = join(cache.root, opts.lines ? 'modlines' : 'modsrc', name);
  // The copy's directory carries its last use (trim.ts): its files may be links into GOMODCACHE.
  if (existsSync(join(copy, 'go.mod')) && existsMarked(copy)) return { ...mod, copy };
  const tmp = `${copy}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    cpSync(mod.dir, tmp, { recursive: true, preserveTimestamps: true });
    // The module cache is read-only; a copy that stays so could never be cleaned.
    makeWritable(tmp);
    if (opts.lines) nameOriginals(tmp, mod.dir);
    // Old modules have no go.mod; a replacement directory needs one, the same the go command used.
    if (!existsSync(join(tmp, 'go.mod'))) writeFileSync(join(tmp, 'go.mod'), goModText(mod));
    renameSync(tmp, copy);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Another build renamed its copy first: identical content, keep theirs.
    if (!existsSync(join(copy, 'go.mod'))) throw err;
  }
  return { ...mod, copy };
}

/**
 * The go.mod the go command uses for a module: the one it downloaded (cache/download/…/<v>.mod),
 * else the module's own, else what the go command synthesises for a module without one.
 */
export function goModText(mod: CachedModule): string {
  for (const p of [mod.goMod, join(mod.dir, 'go.mod')]) {
    if (!p) continue;
    try {
      return readFileSync(p, 'utf8');
    } catch {
      // Next.
    }
  }
  return `module ${mod.path}\n`;
}

/**
 * Prefixes every Go file below dir with `//line <its path below original>:1:1`: the next line is
 * line 1 of the module cache's file, the rest follows. A line comment may stand before a build
 * constraint and the package clause. cgo files are left as they are: cgo writes directives of its
 * own naming the file it was given.
 */
function nameOriginals(dir: string, original: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) {
      nameOriginals(p, join(original, name));
    } else if (st.isFile() && name.endsWith('.go')) {
      const text = readFileSync(p, 'utf8');
      const named = lineNamed(text, join(original, name));
      if (named !== text) writeFileSync(p, named);
    }
  }
}

/** text with a first line naming original's line 1, unless it is a cgo file (see nameOriginals). */
export function lineNamed(text: string, original: string): string {
  if (/^\s*(import\s+)?"C"\s*$/m.test(text)) return text;
  return `//line ${original}:1:1\n${text}`;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) makeWritable(p);
    else if (st.isFile()) chmodSync(p, (st.mode & 0o777) | 0o600);
  }
}

/** The copy path of a file in a copied module, or undefined when it is in none. */
export function relocate(copies: ModuleCopy[], file: string): string | undefined {
  for (const c of copies) {
    if (c.copy !== undefined && file.startsWith(c.dir + sep)) return c.copy + file.slice(c.dir.length);
  }
  return undefined;
}

/**
 * With -trimpath the compiler rewrites the file names it records by the go command's rules, one
 * per package: a copied module's directory becomes module@version. The line directives of a woven
 * file name the module cache's file, which no rule covers, so that path would stay in the binary
 * as it is. For such a build they name the file in the copy instead: both are then recorded as
 * module@version/file.go, as in the plain build.
 */
export function directivesNamingCopy(text: string, original: string, copy: string): string {
  const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(//line |/\\*line )${escaped}(?=:\\d)`, 'g'), (_m, lead: string) => lead + copy);
}
