import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { WeaveCache } from './cache.js';
import { goFileNames, type GoEnv, type ListedPackage } from './golist.js';
import { sha256 } from './hash.js';
import { goListing, visitedDir } from './listing.js';
import { readJsonFile } from './parsed-json.js';
import { skipSpaceAndComments } from '../parse/gotext.js';

/**
 * Remembers `go list -deps` results between builds. go list costs as much as a no-op build
 * itself, and its answer only changes when a file that decides the package graph changes:
 * go.mod/go.sum/go.work, a Go file or directory of a package outside GOROOT and the module cache
 * (both immutable for a given toolchain and module version), or a new directory in the module.
 * Each of those is recorded with its mtime and size and checked before reuse.
 */
/**
 * For .go files, the hash of the part that decides the graph (see goHeader); for directories,
 * the hash of their Go files and subdirectories (see goListing); '' otherwise.
 */
type Stamp = [path: string, mtimeMs: number, size: number, header: string];

interface PlanEntry {
  stamps: Stamp[];
  packages: ListedPackage[];
}

function stampOf(path: string): Stamp {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return [path, st.mtimeMs, -1, goListing(path).hash];
    return [path, st.mtimeMs, st.size, path.endsWith('.go') ? headerHash(path) : ''];
  } catch {
    return [path, -1, -1, ''];
  }
}

function headerHash(path: string): string {
  try {
    const src = readFileSync(path, 'utf8');
    // //go:embed lines sit beside the variables they fill, below the imports; go list reports
    // their patterns (EmbedPatterns), which say what a build reads (uptodate.ts).
    return sha256(goHeader(src), ...(src.match(EMBED_LINE) ?? []));
  } catch {
    return '';
  }
}

const EMBED_LINE = /^[ \t]*\/\/go:embed[ \t].*$/gm;

/**
 * The start of a Go file up to its last import: build constraints, package clause, imports and
 * cgo preambles. Only this part changes what go list reports, so an edit of a function body
 * (the usual edit) keeps the cached plan. Comments are kept whole, which errs on the safe side.
 */
export function goHeader(src: string): string {
  const n = src.length;
  let i = skipSpaceAndComments(src, 0);
  let end = 0;
  if (!src.startsWith('package', i)) return src;
  const pkgEnd = src.indexOf('\n', i);
  i = pkgEnd < 0 ? n : pkgEnd + 1;
  end = i;
  for (;;) {
    i = skipSpaceAndComments(src, i);
    if (!/^import[\s("`]/.test(src.slice(i, i + 7))) break;
    i += 6;
    i = skipSpaceAndComments(src, i);
    if (src[i] === '(') {
      // Import paths are plain strings: a ')' can only close the group.
      const close = src.indexOf(')', i);
      if (close < 0) return src;
      i = close + 1;
    } else {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    }
    end = i;
  }
  return src.slice(0, end);
}

/**
 * Whether each of some .go files still has the header it had when the graph was listed (an edit
 * below the imports leaves the graph as it was); false for a file the graph was not listed with.
 */
export type HeadersHold = (files: string[]) => boolean;

function headersHoldFor(stamps: Stamp[]): HeadersHold {
  // Made on first use: every plan gets one, and only a plan the weave server makes again asks.
  let listed: Map<string, string> | undefined;
  return (files) => {
    listed ??= new Map(stamps.filter((st) => st[3] !== '' && st[0].endsWith('.go')).map((st) => [st[0], st[3]]));
    const known = listed;
    return files.every((f) => {
      const header = known.get(f);
      return header !== undefined && headerHash(f) === header;
    });
  };
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
    if (!e.isDirectory() || !visitedDir(e.name)) continue;
    moduleDirs(join(root, e.name), out);
  }
}

function collectStamps(pkgs: ListedPackage[], ge: GoEnv, extraFiles: string[]): Stamp[] {
  const paths = new Set<string>(extraFiles);
  const roots = new Set<string>();
  for (const p of pkgs) {
    if (!p.Dir || immutable(p.Dir, ge)) continue;
    paths.add(p.Dir);
    for (const f of goFileNames(p)) paths.add(join(p.Dir, f));
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

  /** The cached graph and the files it depends on. */
  get(key: string): { packages: ListedPackage[]; files: string[]; headersHold: HeadersHold } | undefined {
    let e: PlanEntry;
    try {
      e = readJsonFile<PlanEntry>(this.path(key));
    } catch {
      return undefined;
    }
    for (const st of e.stamps) {
      const [p, mtime, size, header] = st;
      let cur: { mtimeMs: number; size: number; dir: boolean };
      try {
        const x = statSync(p);
        cur = { mtimeMs: x.mtimeMs, size: x.isDirectory() ? -1 : x.size, dir: x.isDirectory() };
      } catch {
        cur = { mtimeMs: -1, size: -1, dir: false };
      }
      if (cur.mtimeMs === mtime && cur.size === size) continue;
      // A changed .go file whose header is the same leaves the graph as it was, and so does a
      // directory that only gained other files (the binary of a `go build` in it).
      if (!header || cur.mtimeMs < 0 || cur.dir !== (size === -1)) return undefined;
      // The entry is not rewritten with the new stamps: that costs more (the whole graph) than
      // reading the few edited files again on the next check.
      if ((cur.dir ? goListing(p).hash : headerHash(p)) !== header) return undefined;
    }
    return { packages: e.packages, files: e.stamps.map((st) => st[0]), headersHold: headersHoldFor(e.stamps) };
  }

  /** Returns the files the graph depends on (what get() checks). */
  put(key: string, packages: ListedPackage[], ge: GoEnv, extraFiles: string[]): { files: string[]; headersHold: HeadersHold } {
    // Stamps are taken after go list ran; an edit racing with it is caught by the next check of
    // the file's mtime only if it lands later, so a file changed during go list is stamped
    // pessimistically (its mtime is compared, not the content go list saw).
    const entry: PlanEntry = { stamps: collectStamps(packages, ge, extraFiles), packages };
    writeFileAtomic(this.path(key), JSON.stringify(entry));
    return { files: entry.stamps.map((st) => st[0]), headersHold: headersHoldFor(entry.stamps) };
  }
}
