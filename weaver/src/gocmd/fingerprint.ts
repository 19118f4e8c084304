import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './hash.js';

let memo: string | undefined;

/**
 * Identifies the weaving code that is running. Weave-cache keys include it, so a changed weaver
 * (a bundle upgrade, or an edit in a development checkout) never reuses woven files it did not
 * produce. A bundle hashes its files (both halves, whichever one asks); a checkout hashes
 * weaver/src.
 */
export function weaverFingerprint(): string {
  if (memo) return memo;
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    memo = bundleFingerprint(dirname(__filename));
    return memo;
  }
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) parts.push(p.slice(src.length), sha256(readFileSync(p)));
    }
  };
  walk(src);
  memo = sha256('src', ...parts);
  return memo;
}

/** The fingerprint of the bundle in dir: go-weave.cjs and go-weave-core.cjs, as they are on disk. */
export function bundleFingerprint(dir: string): string {
  return sha256('bundle', ...BUNDLE_FILES.map((f) => readFileSync(join(dir, f))));
}

const BUNDLE_FILES = ['go-weave.cjs', 'go-weave-core.cjs'];
