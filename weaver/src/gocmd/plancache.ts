import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { WeaveCache } from './cache.js';
import type { GoEnv, ListedPackage } from './golist.js';
import { sha256 } from './hash.js';

/**
 * Remembers `go list -deps` results between builds. go list costs as much as a no-op build
 * itself, and its answer only changes when a file that decides the package graph changes:
 * go.mod/go.sum/go.work, a Go file or directory of a package outside GOROOT and the module cache
 * (both immutable for a given toolchain and module version), or a new directory in the module.
 * Each of those is recorded with its mtime and size and checked before reuse.
 */
type Stamp = [path: string, mtimeMs: number, size: number];

interface PlanEntry {
  stamps: Stamp[];
  packages: ListedPackage[];
}

function stampOf(path: string): Stamp {
  try {
    const st = statSync(path);
    return [path, st.mtimeMs, st.isDirectory() ? -1 : st.size];
  } catch {
    return [path, -1, -1];
  }
}

function immutable(dir: string, ge: GoEnv): boolean {
  return (!!ge.GOROOT && dir.startsWith(ge.GOROOT + '/')) || (!!ge.GOMODCACHE && dir.startsWith(ge.GOMODCACHE + '/'));
}

/** Directories of a module tree, as `go list ./...` would visit them. */
function moduleDirs(root: string, out: string[]): void {
  out.push(root);
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.') || e.name.startsWith('_') || e.name === 'testdata') continue;
    moduleDirs(join(root, e.name), out);
  }
}

function collectStamps(pkgs: ListedPackage[], ge: GoEnv, extraFiles: string[]): Stamp[] {
  const paths = new Set<string>(extraFiles);
  const roots = new Set<string>();
  for (const p of pkgs) {
    if (!p.Dir || immutable(p.Dir, ge)) continue;
    paths.add(p.Dir);
    for (const list of [p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles, p.IgnoredGoFiles]) for (const f of list ?? []) paths.add(join(p.Dir, f));
    if (p.Module?.Dir && !immutable(p.Module.Dir, ge)) roots.add(p.Module.Dir);
  }
  for (const r of roots) {
    const dirs: string[] = [];
    moduleDirs(r, dirs);
    for (const d of dirs) paths.add(d);
  }
  return [...paths].sort().map(stampOf);
}

export class PlanCache {
  constructor(private readonly cache: WeaveCache) {}

  key(parts: string[]): string {
    return sha256('plan', ...parts);
  }

  private path(key: string): string {
    return join(this.cache.root, 'plan', key.slice(0, 2), key + '.json');
  }

  get(key: string): ListedPackage[] | undefined {
    let e: PlanEntry;
    try {
      e = JSON.parse(readFileSync(this.path(key), 'utf8')) as PlanEntry;
    } catch {
      return undefined;
    }
    for (const [p, mtime, size] of e.stamps) {
      const [, m, s] = stampOf(p);
      if (m !== mtime || s !== size) return undefined;
    }
    return e.packages;
  }

  put(key: string, packages: ListedPackage[], ge: GoEnv, extraFiles: string[]): void {
    // Stamps are taken after go list ran; an edit racing with it is caught by the next check of
    // the file's mtime only if it lands later, so a file changed during go list is stamped
    // pessimistically (its mtime is compared, not the content go list saw).
    const entry: PlanEntry = { stamps: collectStamps(packages, ge, extraFiles), packages };
    writeFileAtomic(this.path(key), JSON.stringify(entry));
  }
}
