import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { readdirOrEmpty } from './dirs.js';
import { existsMarked } from './trim.js';
import type { FileMemo } from './core.js';
import { sha256 } from './hash.js';
import { readJsonFile } from './parsed-json.js';

/** Bump when the layout or the meaning of an entry changes. */
const LAYOUT = 'v1';

/** What one weave unit produced; stored so an identical later build skips the core entirely. */
export interface Manifest {
  importPath: string;
  /** Original path → woven file in the cache, for the files that changed. */
  woven: Record<string, string>;
  addedImports: string[];
  linkDeps: string[];
  joinPoints: number;
  aspects: string[];
}

/**
 * The weave cache. Every entry is content-addressed (its path is a hash of what produced it), so
 * two builds racing on an entry write identical bytes and atomic renames make either win safely.
 */
export class WeaveCache {
  readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, LAYOUT);
  }

  unitKey(parts: { fingerprint: string; aspectHash: string; importPath: string; name?: string; standard?: boolean; mainModule?: boolean; files: { path: string; source: string }[]; targets: string[] }): string {
    const fileParts = parts.files.flatMap((f) => [f.path, sha256(f.source)]);
    return sha256(LAYOUT, parts.fingerprint, parts.aspectHash, parts.importPath, parts.name ?? '', String(!!parts.standard), String(!!parts.mainModule), ...fileParts, '--targets', ...parts.targets);
  }

  private manifestPath(key: string): string {
    return join(this.root, 'pkg', key.slice(0, 2), key + '.json');
  }

  /** A manifest whose woven files were removed underneath it counts as a miss. */
  readManifest(key: string): Manifest | undefined {
    let m: Manifest;
    try {
      m = readJsonFile<Manifest>(this.manifestPath(key));
    } catch {
      return undefined;
    }
    for (const p of Object.values(m.woven)) if (!existsMarked(p)) return undefined;
    return m;
  }

  /** A key over file stamps (path, mtime, size) that remembers the content-derived unit key. */
  quickKey(parts: string[]): string {
    return sha256(LAYOUT, 'quick', ...parts);
  }

  readMemo(quick: string): string | undefined {
    try {
      const path = join(this.root, 'memo', quick.slice(0, 2), quick);
      const k = readFileSync(path, 'utf8');
      existsMarked(path);
      return /^[0-9a-f]{64}$/.test(k) ? k : undefined;
    } catch {
      return undefined;
    }
  }

  writeMemo(quick: string, key: string): void {
    writeFileAtomic(join(this.root, 'memo', quick.slice(0, 2), quick), key);
  }

  /** Stores a woven file under the hash of its content, keeping its base name for readable paths and compiler output. */
  putSource(originalPath: string, source: string): string {
    const h = sha256(source);
    const p = join(this.root, 'src', h.slice(0, 2), h, basename(originalPath));
    if (!existsMarked(p)) writeFileAtomic(p, source);
    return p;
  }

  /** Written after the woven files it names, so a visible manifest is always complete. */
  writeManifest(key: string, m: Manifest): void {
    writeFileAtomic(this.manifestPath(key), JSON.stringify(m));
  }

  /** A small generated file (overlay JSON, go.mod copy) at a path named by its content. */
  putGenerated(kind: string, name: string, content: string): string {
    const h = sha256(kind, name, content);
    const p = join(this.root, kind, h.slice(0, 2), h, name);
    if (!existsMarked(p)) writeFileAtomic(p, content);
    return p;
  }

  /**
   * The core's per-file memo, under `file/`: one JSON entry per woven file of a large package,
   * keyed by the core's key and the weaver's fingerprint. Unreadable entries are misses.
   */
  fileMemo(fingerprint: string): FileMemo {
    const path = (key: string) => {
      const h = sha256(LAYOUT, 'file', fingerprint, key);
      return join(this.root, 'file', h.slice(0, 2), h + '.json');
    };
    return {
      get: (key) => {
        try {
          const p = path(key);
          const value = JSON.parse(readFileSync(p, 'utf8')) as unknown;
          existsMarked(p);
          return value;
        } catch {
          return undefined;
        }
      },
      set: (key, value) => writeFileAtomic(path(key), JSON.stringify(value)),
    };
  }

  /**
   * Removes everything but the directories `go-weave shellenv` put on shells' PATH (v1/bin):
   * they hold two small scripts and no weave result, and a shell that lost them would build
   * with the plain go from then on without a word.
   */
  clean(): void {
    for (const name of readdirOrEmpty(this.root)) if (name !== 'bin') rmSync(join(this.root, name), { recursive: true, force: true });
    if (readdirOrEmpty(this.root).length === 0) rmSync(this.root, { recursive: true, force: true });
  }
}

/** The per-file memo of the weave cache in dir, or none without a dir (small packages). */
export function fileMemoIn(dir: string | undefined, fingerprint: string): FileMemo | undefined {
  return dir === undefined ? undefined : new WeaveCache(dir).fileMemo(fingerprint);
}
