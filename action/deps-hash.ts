// Hash of the dependency files (go.sum by default) that goes into the cache keys.
// A small glob of our own: @actions/glob is only a transitive dependency here.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor', 'testdata']);

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // "**/" matches zero or more directories
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(root: string, rel: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(root, r, out);
    } else if (e.isFile()) out.push(r);
  }
}

/** Files under `root` matching any pattern (relative to root, "/" separated), sorted. */
export function matchFiles(root: string, patterns: string[]): string[] {
  const res = patterns.map((p) => globToRegExp(p.trim().replace(/^\.\//, '')));
  const literal = patterns.every((p) => !/[*?]/.test(p));
  let candidates: string[];
  if (literal) {
    candidates = patterns.map((p) => p.trim().replace(/^\.\//, '')).filter((p) => fs.statSync(path.join(root, p), { throwIfNoEntry: false })?.isFile());
  } else {
    candidates = [];
    walk(root, '', candidates);
  }
  return [...new Set(candidates.filter((f) => res.some((re) => re.test(f))))].sort();
}

/** sha256 over each file's name and content; "none" when nothing matched, so a module without go.sum still caches. */
export function hashDependencyFiles(root: string, patterns: string[]): { hash: string; files: string[] } {
  const files = matchFiles(root, patterns.length ? patterns : ['**/go.sum', 'go.work.sum']);
  if (files.length === 0) return { hash: 'none', files };
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(f).update('\0').update(fs.readFileSync(path.join(root, f))).update('\0');
  }
  return { hash: h.digest('hex').slice(0, 20), files };
}
