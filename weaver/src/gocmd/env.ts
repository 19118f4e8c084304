import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

/** The real go binary: GOWEAVE_GO wins so go-weave can wrap a specific toolchain. */
export function goBinary(env: Env): string {
  return env.GOWEAVE_GO || 'go';
}

/**
 * Mirrors Go's os.UserCacheDir so the weave cache sits beside the go build cache by default.
 */
export function weaveCacheDir(env: Env): string {
  if (env.GOWEAVE_CACHE) return resolve(env.GOWEAVE_CACHE);
  return join(userCacheDir(env), 'go-weave');
}

function userCacheDir(env: Env): string {
  switch (process.platform) {
    case 'win32':
      if (env.LocalAppData) return env.LocalAppData;
      break;
    case 'darwin':
      return join(env.HOME || homedir(), 'Library', 'Caches');
    default:
      if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  }
  return join(env.HOME || homedir(), '.cache');
}
