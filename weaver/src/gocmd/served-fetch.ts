import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './env.js';
import { capture } from './exec.js';
import { unfetchedServed, type ServedVersion } from './modproxy.js';

/**
 * Fetches the served versions a build selects into GOMODCACHE before the build, quietly: the
 * build would announce each as news ("go: downloading m v1.4.3-0.…"), and it is go-weave's own
 * copy of a module the user already has. From a scratch module whose go.sum holds the served
 * versions' sums, so that go checks the download as the build would and writes nothing of the
 * user's (go mod download with arguments updates the main module's go.mod and go.sum). On any
 * failure the build fetches the version itself and says why.
 */
export async function fetchServedQuietly(go: string, env: Env, copies: { path: string; served?: ServedVersion }[], gomodcache: string, modcacherw: boolean): Promise<void> {
  const want = unfetchedServed(copies, gomodcache);
  if (want.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'go-weave-fetch-'));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module go-weave.local/fetch\n\ngo 1.21\n');
    writeFileSync(join(dir, 'go.sum'), copies.flatMap((c) => c.served?.sums ?? []).join('\n') + '\n');
    await capture(go, ['mod', 'download', ...(modcacherw ? ['-modcacherw'] : []), ...want], { cwd: dir, env: { ...env, GOWORK: 'off', GOFLAGS: '' } });
  } catch {
    // The build fetches it.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
