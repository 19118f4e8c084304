import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { WeaveCache } from './cache.js';
import { existsMarked } from './trim.js';

/**
 * A toolchain that GOTOOLCHAIN downloaded lives in the module cache, where the go command will
 * not let -overlay replace its standard library. go-weave then builds with a copy of it in the
 * weave cache (one per toolchain version; files hard-linked when the file system allows, so the
 * copy costs little space). Returns the copy's GOROOT, or undefined when GOROOT is elsewhere.
 */
export function toolchainCopy(cache: WeaveCache, gomodcache: string | undefined, goroot: string): string | undefined {
  if (!gomodcache || !goroot.startsWith(gomodcache + sep)) return undefined;
  const rel = relative(gomodcache, goroot);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const copy = join(cache.root, 'goroot', rel);
  // bin/go is linked last, so its presence means the copy is whole.
  // Its directory carries its last use (trim.ts): the files are hard links into GOMODCACHE.
  if ((existsSync(join(copy, 'bin', 'go')) || existsSync(join(copy, 'bin', 'go.exe'))) && existsMarked(copy)) return copy;
  const tmp = `${copy}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mirror(goroot, tmp);
    renameSync(tmp, copy);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Another build finished the same copy first.
    if (!existsSync(join(copy, 'bin'))) throw err;
  }
  return copy;
}

/** Recreates the tree with writable directories (so the cache can be cleaned) and linked files. */
function mirror(src: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    const to = join(dest, name);
    const st = lstatSync(from);
    if (st.isDirectory()) mirror(from, to);
    else if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else {
      try {
        linkSync(from, to);
      } catch {
        // Another file system, or links not allowed: a plain copy keeps the mode bits.
        copyFileSync(from, to);
      }
    }
  }
}
