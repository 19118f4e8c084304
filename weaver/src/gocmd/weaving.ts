import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { WeaveCache, Manifest } from './cache.js';
import { asLocated, type LocatedError, type PackageInput, type PackageResult } from './core.js';
import type { WeaveUnit } from './plan.js';

export type WeaveFn = (input: PackageInput) => Promise<PackageResult>;

/** Takes writes no waiting build needs, to do them later. */
export type WriteLater = (write: () => void) => void;

export interface WeaveOpts {
  cache: WeaveCache;
  fingerprint: string;
  aspectHash: string;
  weave: WeaveFn;
  /** The user's -overlay: a replaced file is woven from its replacement. */
  readSource?: (path: string) => string | undefined;
  /**
   * Read files in this thread: for the few units of a plan after an edit, where a trip through
   * the I/O threads (asleep after a pause) costs more than the read.
   */
  readSync?: boolean;
  /**
   * Takes the cache entries that only later plans look up (a unit's manifest and memo), to write
   * once the build waiting for this plan has its answer; without it they are written at once.
   */
  later?: WriteLater;
}

export interface WeaveOutcome {
  /** Original file → woven file, for the overlay. */
  overlay: Map<string, string>;
  addedImports: Set<string>;
  linkDeps: Set<string>;
  /** Import paths of packages with at least one woven file. */
  wovenPackages: string[];
  joinPoints: number;
  aspects: Set<string>;
  errors: LocatedError[];
  /** Units the core actually ran on (cache misses); the rest came from the weave cache. */
  weavedNow: number;
}

/** One unit's share of a plan: its manifest, or why it stays unwoven. */
export type UnitResult = Manifest | { error: LocatedError };

/**
 * Weaves every unit, reusing cached results. Units are independent, so misses run concurrently;
 * `weave` decides where the CPU work happens (in this thread or a worker pool).
 */
export async function weaveUnits(units: WeaveUnit[], opts: WeaveOpts & { concurrency: number }): Promise<WeaveOutcome> {
  const { results, weavedNow } = await weaveEach(units, opts);
  return mergeOutcome(results, weavedNow);
}

/**
 * The result of each unit, in plan order. With `previous` (the results of the same units in an
 * earlier plan), only the units in `only` are looked at again: a plan after an edit to files the
 * server saw change, where every other unit is known to be as it was.
 */
export async function weaveEach(
  units: WeaveUnit[],
  opts: WeaveOpts & { concurrency: number },
  again?: { previous: UnitResult[]; only: Set<number> },
): Promise<{ results: UnitResult[]; weavedNow: number }> {
  const results: UnitResult[] = again ? [...again.previous] : new Array(units.length);
  const todo = again ? [...again.only].sort((a, b) => a - b) : units.map((_, i) => i);
  const counter = { weavedNow: 0 };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i = todo[next++];
      results[i] = await weaveOne(units[i], opts, counter);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, todo.length)) }, worker));
  return { results, weavedNow: counter.weavedNow };
}

/** The outcome of a plan's unit results, merged in plan order so that scheduling never shows. */
export function mergeOutcome(results: UnitResult[], weavedNow: number): WeaveOutcome {
  const out: WeaveOutcome = { overlay: new Map(), addedImports: new Set(), linkDeps: new Set(), wovenPackages: [], joinPoints: 0, aspects: new Set(), errors: [], weavedNow };
  for (const r of results) if (r && 'error' in r) out.errors.push(r.error);
  for (const m of results) {
    if (!m || 'error' in m) continue;
    for (const [orig, woven] of Object.entries(m.woven)) out.overlay.set(orig, woven);
    if (Object.keys(m.woven).length > 0) {
      if (!out.wovenPackages.includes(m.importPath)) out.wovenPackages.push(m.importPath);
      for (const a of m.addedImports) out.addedImports.add(a);
      for (const l of m.linkDeps) out.linkDeps.add(l);
      for (const a of m.aspects) out.aspects.add(a);
      out.joinPoints += m.joinPoints;
    }
  }
  return out;
}

async function weaveOne(unit: WeaveUnit, opts: WeaveOpts, out: { weavedNow: number }): Promise<UnitResult> {
  // Reading and hashing a big package on every build costs more than the rest of a no-op build;
  // while every file keeps its mtime and size, the content key from last time still holds.
  const stamps = unit.files.map((path) => {
    const real = opts.readSource?.(path) || path;
    try {
      const st = statSync(real);
      return `${path}\0${real}\0${st.mtimeMs}\0${st.size}`;
    } catch {
      return `${path}\0${real}\0missing`;
    }
  });
  const quick = opts.cache.quickKey([opts.fingerprint, opts.aspectHash, JSON.stringify(unit.ref), ...unit.targets, ...stamps]);
  const remembered = opts.cache.readMemo(quick);
  if (remembered) {
    const hit = opts.cache.readManifest(remembered);
    if (hit) return hit;
  }
  const source = (path: string) => opts.readSource?.(path) || path;
  const files = opts.readSync
    ? unit.files.map((path) => ({ path, source: readFileSync(source(path), 'utf8') }))
    : await Promise.all(unit.files.map(async (path) => ({ path, source: await readFile(source(path), 'utf8') })));
  const key = opts.cache.unitKey({ fingerprint: opts.fingerprint, aspectHash: opts.aspectHash, ...unit.ref, files, targets: unit.targets });
  const hit = opts.cache.readManifest(key);
  if (hit) {
    opts.cache.writeMemo(quick, key);
    return hit;
  }
  let result: PackageResult;
  try {
    out.weavedNow++;
    result = await opts.weave({ ...unit.ref, files });
  } catch (err) {
    // The package stays unwoven: if its source is broken, the go command will say so in its own words.
    return { error: asLocated(err) };
  }
  const targets = new Set(unit.targets);
  const woven: Record<string, string> = {};
  for (const f of result.files) {
    if (!f.changed || !targets.has(f.path)) continue;
    woven[f.path] = opts.cache.putSource(f.path, f.source);
  }
  const m: Manifest = { importPath: unit.ref.importPath, woven, addedImports: result.addedImports, linkDeps: result.linkDeps, joinPoints: result.joinPoints, aspects: result.aspects };
  const remember = () => {
    opts.cache.writeManifest(key, m);
    opts.cache.writeMemo(quick, key);
  };
  if (opts.later) opts.later(remember);
  else remember();
  return m;
}
