// Drops build-cache entries this job did not use before the cache is saved, so the saved
// archive does not grow forever (go's own trim only removes entries unused for 5 days).
//
// cmd/go refreshes an entry's mtime when it uses it and the mtime is more than an hour
// old. So after a job every entry it used has mtime >= (job start - 1 h); anything older
// was carried in by the restored archive and not touched. Entries from a run less than an
// hour ago stay either way: dropping them could throw away work that was used.
import * as fs from 'node:fs';
import * as path from 'node:path';

const GO_MTIME_INTERVAL_MS = 60 * 60 * 1000;
const SLACK_MS = 10 * 60 * 1000;

export interface TrimResult {
  removed: number;
  kept: number;
  bytesRemoved: number;
}

export function trimBuildCache(gocache: string, jobStartMs: number): TrimResult {
  const cutoff = jobStartMs - GO_MTIME_INTERVAL_MS - SLACK_MS;
  const res: TrimResult = { removed: 0, kept: 0, bytesRemoved: 0 };
  let dirs: string[];
  try {
    dirs = fs.readdirSync(gocache).filter((d) => /^[0-9a-f]{2}$/.test(d));
  } catch {
    return res;
  }
  for (const d of dirs) {
    const dir = path.join(gocache, d);
    for (const name of fs.readdirSync(dir)) {
      // Only action (-a) and output (-d) entries; anything else is not ours to judge.
      if (!/^[0-9a-f]{64}-[ad]$/.test(name)) continue;
      const file = path.join(dir, name);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.mtimeMs < cutoff) {
        fs.rmSync(file, { force: true });
        res.removed++;
        res.bytesRemoved += st.size;
      } else res.kept++;
    }
  }
  return res;
}
