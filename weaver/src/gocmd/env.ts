import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

/** The real go binary: GOWEAVE_GO wins so go-weave can wrap a specific toolchain. */
export function goBinary(env: Env): string {
  return env.GOWEAVE_GO || 'go';
}

/**
 * A program as a shell finds it: a path as given (absolute, or from the working directory), or a
 * name looked up on PATH. Used for the go binary (GOWEAVE_GO, or go) and the C compiler.
 */
export function absoluteGo(go: string, env: Env): string | undefined {
  if (isAbsolute(go)) return go;
  if (go.includes('/')) return resolve(go);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const p = join(dir || '.', go);
    if (isExecutableFile(p)) return resolve(p);
  }
  return undefined;
}

/** A regular file someone may execute, as PATH lookup wants. */
export function isExecutableFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
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
