import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Writes a file so that readers see either nothing or the whole content: two go-weave builds
 * may race on the same cache entry, and a half-written woven file would compile into garbage.
 * rename(2) replaces atomically; for content-addressed paths both writers write the same bytes,
 * so whoever wins is correct. mode, when given, is the new file's (before the umask).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const opts = mode === undefined ? undefined : { mode };
  try {
    try {
      writeFileSync(tmp, data, opts);
    } catch (err) {
      // The directory is there almost always (an edit rewrites entries beside earlier ones):
      // made only when missing, which saves a system call on every write.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, data, opts);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
