import { lstatSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';

/**
 * The weave cache only grows: every edit of a woven file leaves a woven copy, a manifest and an
 * overlay behind. Like the go command's build cache, it forgets what no build used for a while:
 * reading an entry marks it used (its mtime, refreshed at most once an hour so reads rarely
 * write), and once a day a woven command removes entries unused for five days. The launcher
 * marks what a replay uses the same way (launcher/record.go freshen).
 */
export const UNUSED_FOR_MS = 5 * 24 * 3600_000;
export const TRIM_EVERY_MS = 24 * 3600_000;
export const MARK_AFTER_MS = 3600_000;

/** Marks a cache entry used, given the mtime just read from it; never fails. */
export function markUsed(path: string, mtimeMs: number | bigint, now = Date.now()): void {
  if (now - Number(mtimeMs) < MARK_AFTER_MS) return;
  try {
    const t = new Date(now);
    utimesSync(path, t, t);
  } catch {
    // Read-only or gone: at worst the entry is woven again after a trim.
  }
}

/** Stats path and marks it used; false when it does not exist. */
export function existsMarked(path: string): boolean {
  try {
    markUsed(path, statSync(path).mtimeMs);
    return true;
  } catch {
    return false;
  }
}

/**
 * How entries are laid out beneath v1/, by directory: `sharded` ones are <kind>/<xx>/<entry>
 * (a file, or a directory holding one), `flat` ones <kind>/<entry>, and `nested` ones are
 * copies of trees (module versions, toolchains) found by the file that marks a whole copy.
 * Directories not listed here belong to a later layout and are left alone.
 */
const SHARDED = new Set(['pkg', 'memo', 'src', 'file', 'config', 'plan', 'overlay', 'testmain', 'linkdeps', 'replay', 'coverplan']);
const FLAT = new Set(['mod', 'work', 'vendorws', 'launcher', 'toolexec']);
const NESTED: Record<string, string> = { modsrc: 'go.mod', modlines: 'go.mod', goroot: 'bin' };
/**
 * The module proxy (modproxy.ts): <escaped module path>/@v/<version>.{info,mod,sums,zip}, one
 * entry per version, whose zip carries its last use (a replay stamps the zip).
 */
const SERVED = 'modproxy';
const SERVED_FILES = ['.info', '.mod', '.sums', '.zip'];

export interface TrimResult {
  removed: number;
  kept: number;
}

/** When an entry was last used: its own mtime, or for a directory the newest of it and its children. */
function lastUsed(path: string): number {
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    try {
      newest = Math.max(newest, lstatSync(join(path, name)).mtimeMs);
    } catch {
      // Removed meanwhile.
    }
  }
  return newest;
}

function entriesOf(kindDir: string, kind: string): string[] {
  const list = (dir: string) => {
    try {
      return readdirSync(dir).map((n) => join(dir, n));
    } catch {
      return [];
    }
  };
  if (SHARDED.has(kind)) return list(kindDir).flatMap(list);
  if (FLAT.has(kind)) return list(kindDir);
  // A copy's path mirrors the module cache's (host/owner/repo@version): deep, but bounded.
  // Left half-made by a build that died (modcopy.ts, atomic.ts): goes like any unused entry.
  const tmp = (name: string) => /\.tmp-\d+-[0-9a-f]+$/.test(name);
  if (kind === SERVED) return entriesBelow(kindDir, (_p, e, dir) => !e.isDirectory() && dir.endsWith('@v') && (e.name.endsWith('.zip') || tmp(e.name)));
  const marker = NESTED[kind];
  return entriesBelow(kindDir, (p, e) => e.isDirectory() && (holds(p, marker) || tmp(e.name)));
}

/** What isEntry picks beneath root, not looking inside what it picks; at most 12 levels down. */
function entriesBelow(root: string, isEntry: (path: string, e: Dirent, dir: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (isEntry(p, e, dir)) out.push(p);
      else if (e.isDirectory() && depth < 12) walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** Removes an entry: a served version goes with its other files. */
function removeEntry(kind: string, entry: string): void {
  if (kind === SERVED && entry.endsWith('.zip')) {
    const base = entry.slice(0, -'.zip'.length);
    // The zip last, as it was written last: a version without it is served again in full.
    for (const ext of SERVED_FILES) rmSync(base + ext, { force: true });
    return;
  }
  rmSync(entry, { recursive: true, force: true });
}

function holds(dir: string, name: string): boolean {
  try {
    lstatSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/** Removes every entry of the weave cache at root (its v1/) unused since now - UNUSED_FOR_MS. */
export function trimWeaveCache(root: string, now = Date.now()): TrimResult {
  const cutoff = now - UNUSED_FOR_MS;
  const res: TrimResult = { removed: 0, kept: 0 };
  let kinds: string[];
  try {
    kinds = readdirSync(root);
  } catch {
    return res;
  }
  for (const kind of kinds) {
    if (!SHARDED.has(kind) && !FLAT.has(kind) && !(kind in NESTED) && kind !== SERVED) continue;
    for (const entry of entriesOf(join(root, kind), kind)) {
      let used: number;
      try {
        used = lastUsed(entry);
      } catch {
        continue;
      }
      if (used >= cutoff) {
        res.kept++;
        continue;
      }
      // A module or toolchain copy is read-only inside only if it was made before go-weave made
      // copies writable; rmSync reports that, and the entry simply stays.
      try {
        removeEntry(kind, entry);
        res.removed++;
      } catch {
        res.kept++;
      }
    }
  }
  return res;
}

/**
 * Trims the cache at root if the last trim was a day ago or more. The first call only starts
 * the clock. trim.txt is rewritten before trimming, so builds running at once trim only once.
 */
export function maybeTrimWeaveCache(root: string, now = Date.now()): TrimResult | undefined {
  const stamp = join(root, 'trim.txt');
  let last: number;
  try {
    last = Number.parseInt(readFileSync(stamp, 'utf8'), 10) * 1000;
  } catch {
    last = NaN;
  }
  if (Number.isFinite(last) && now - last < TRIM_EVERY_MS) return undefined;
  try {
    writeFileAtomic(stamp, `${Math.floor(now / 1000)}\n`);
  } catch {
    return undefined;
  }
  return Number.isFinite(last) ? trimWeaveCache(root, now) : undefined;
}
