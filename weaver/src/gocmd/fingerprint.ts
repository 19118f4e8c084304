import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './hash.js';

let memo: string | undefined;

/**
 * Identifies the weaving code that is running. Weave-cache keys include it, so a changed weaver
 * (a bundle upgrade, or an edit in a development checkout) never reuses woven files it did not
 * produce. The bundle hashes itself; a checkout hashes weaver/src.
 */
export function weaverFingerprint(): string {
  if (memo) return memo;
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    memo = sha256('bundle', readFileSync(__filename));
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
