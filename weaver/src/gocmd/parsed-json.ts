import { readFileSync, statSync } from 'node:fs';
import { markUsed } from './trim.js';

/**
 * The weave server plans build after build in one process, and each plan reads the same JSON
 * files of the weave cache: the package graph, the configuration entry and aspect set, package
 * manifests. Each is parsed once while its stat holds. Every writer of the cache replaces files
 * by rename, so a rewritten file has a new inode even when its size and mtime look the same.
 * Values are shared between callers: read them, never change them.
 */
const parsed = new Map<string, { stamp: string; value: unknown }>();
const MAX_ENTRIES = 4096;

/** The parsed JSON of path; throws as readFileSync and JSON.parse do. */
export function readJsonFile<T>(path: string): T {
  const st = statSync(path, { bigint: true });
  // Reading an entry is using it: the trim keeps it (trim.ts).
  markUsed(path, st.mtimeMs);
  const stamp = `${st.ino} ${st.mtimeNs} ${st.size}`;
  const known = parsed.get(path);
  if (known?.stamp === stamp) return known.value as T;
  const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (parsed.size >= MAX_ENTRIES) parsed.clear();
  parsed.set(path, { stamp, value });
  return value as T;
}
