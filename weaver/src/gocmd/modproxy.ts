import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import semver from 'semver';
import { writeFileAtomic } from './atomic.js';
import { sha256 } from './hash.js';
import { existsMarked } from './trim.js';
import { goModText, type CachedModule } from './modcopy.js';

/**
 * A dependency built from a directory copy appears in the binary's build information as
 * `=> <dir> (devel)`: vulnerability scanners and SBOM tools that read binaries then cannot tell
 * which release it is. Instead, a woven module is served at a pseudo-version of its own from a
 * file:// module proxy in the weave cache, put first in GOPROXY, and selected with
 * `replace path version => path pseudo-version`. The pseudo-version comes right after the
 * release it was woven from (v1.4.2 → v1.4.3-0.<time>-<hash>), so every range bounded by
 * releases (a fix in v1.4.3, a bug since v1.4.0) treats it exactly as v1.4.2. The go command
 * downloads it from the proxy into GOMODCACHE once, checked against the sums go-weave writes
 * into the go.sum beside its go.mod copy.
 */

/** The module proxy protocol's case encoding: an upper-case letter becomes '!' and its lower case. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/**
 * The pseudo-version that sorts right after `version` (and before anything released after it),
 * or undefined for versions that cannot be followed that way: +incompatible ones (the go
 * command ties them to go.mod-less modules) and anything not a canonical semantic version.
 * time: yyyymmddhhmmss; rev: the revision part (here a content hash).
 */
export function pseudoVersionAfter(version: string, time: string, rev: string): string | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version);
  if (!m || semver.valid(version.slice(1)) === null || !/^\d{14}$/.test(time) || !/^[0-9a-z]+$/.test(rev)) return undefined;
  const [, major, minor, patch, pre] = m;
  return pre === undefined ? `v${major}.${minor}.${BigInt(patch) + 1n}-0.${time}-${rev}` : `v${major}.${minor}.${patch}-${pre}.0.${time}-${rev}`;
}

/** A go.sum hash ("h1:"): SHA-256 over "<sha256 hex>  <name>\n" of each file, in byte order of names. */
export function hash1(files: { name: string; data: Uint8Array }[]): string {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const summary = createHash('sha256');
  for (const f of sorted) {
    if (f.name.includes('\n')) throw new Error(`go-weave: file name with a newline in a module: ${JSON.stringify(f.name)}`);
    summary.update(`${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`);
  }
  return 'h1:' + summary.digest('base64');
}

/**
 * The served versions a build selects that GOMODCACHE does not hold yet, as `path@version`: the
 * go command would fetch each during the build and say so ("go: downloading …").
 */
export function unfetchedServed(copies: { path: string; served?: { version: string } }[], gomodcache: string): string[] {
  return copies
    .filter((c) => c.served && !existsSync(join(gomodcache, `${escapeModulePath(c.path)}@${escapeModulePath(c.served.version)}`)))
    .map((c) => `${c.path}@${c.served?.version}`);
}

/** The GOPROXY that serves go-weave's module versions first, then asks where the user's asks. */
export function proxyList(root: string, userProxy: string | undefined): string {
  const own = pathToFileURL(root).href;
  return userProxy ? `${own},${userProxy}` : own;
}

/**
 * Whether the go command fetches a module directly rather than through GOPROXY: GONOPROXY's
 * comma-separated glob patterns, each matched against the path or one of its leading elements.
 */
export function bypassesProxy(modulePath: string, noProxy: string | undefined): boolean {
  for (const raw of (noProxy ?? '').split(',')) {
    const pattern = raw.trim();
    if (!pattern) continue;
    const n = pattern.split('/').length;
    const elems = modulePath.split('/');
    if (elems.length < n) continue;
    if (globMatch(pattern, elems.slice(0, n).join('/'))) return true;
  }
  return false;
}

/** path.Match's glob: * and ? stop at '/', [...] classes; an unreadable pattern matches nothing. */
function globMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = '^' + body.slice(1).replace(/[\\\]]/g, '\\$&');
      else body = body.replace(/[\\\]^]/g, '\\$&');
      re += `[${body}]`;
      i = end;
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(re + '$').test(name);
  } catch {
    return false;
  }
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A module version as go-weave's proxy serves it. */
export interface ServedVersion {
  /** The pseudo-version the build selects instead of the module's own. */
  version: string;
  /** Its go.sum lines: the module's files, and its go.mod. */
  sums: string[];
  /** The zip the go command downloads: what a build needs from the weave cache. */
  zip: string;
}

/** A module-cache module (its files: dir beneath GOMODCACHE), and what to serve in its place. */
export interface ServeRequest extends CachedModule {
  /** Files of dir (absolute) replaced or added: the file that holds the content. */
  changed: Map<string, string>;
  /**
   * How the files read: given a file's path beneath dir, its original text (or the changed file's
   * text) and whether it was changed, and where the go command will extract it (for -trimpath
   * builds, whose file names are rewritten only beneath that directory), the text to serve.
   */
  render: (file: { original: string; text: string; changed: boolean; extractedAt: string }) => string;
  /** Everything else render depends on, for the content hash. */
  renderKey: string;
}

const ZIP_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * The served version of a module with changed files, written into the proxy at root (a directory
 * of the weave cache) once, named by its content: the module version, the changed files' paths
 * in the weave cache, which are content-addressed, and renderKey. undefined when the version cannot be followed by a
 * pseudo-version. gomodcache: where the go command will extract it.
 */
export function serveModule(root: string, gomodcache: string, req: ServeRequest): ServedVersion | undefined {
  // The files' paths in the weave cache (beside root) name their content, wherever the cache is:
  // the same weave gives the same version on every machine, as reproducible builds need.
  const cacheRoot = dirname(root);
  const inCache = (v: string) => {
    const r = relative(cacheRoot, v);
    return r.startsWith('..') || isAbsolute(r) ? v : r.split(sep).join('/');
  };
  const changedKey = [...req.changed].map(([k, v]) => `${relative(req.dir, k).split(sep).join('/')}\0${inCache(v)}`).sort();
  const rev = sha256('go-weave served module 1', req.path, req.version, req.renderKey, ...changedKey).slice(0, 12);
  const released = releaseTime(gomodcache, req.path, req.version);
  // yyyymmddhhmmss, in UTC.
  const version = pseudoVersionAfter(req.version, released.toISOString().replace(/[-:T]/g, '').slice(0, 14), rev);
  if (!version) return undefined;
  const base = join(root, escapeModulePath(req.path), '@v', escapeModulePath(version));
  const zip = base + '.zip';
  if (existsMarked(zip)) {
    try {
      const sums = readFileSync(base + '.sums', 'utf8').split('\n').filter(Boolean);
      if (sums.length === 2) return { version, sums, zip };
    } catch {
      // Written again below.
    }
  }
  const modText = goModText(req);
  const extracted = join(gomodcache, `${escapeModulePath(req.path)}@${escapeModulePath(version)}`);
  const prefix = `${req.path}@${version}/`;
  const files: { name: string; data: Uint8Array }[] = [];
  // The release's files, then those go-weave adds.
  for (const abs of new Set([...filesBelow(req.dir).map((f) => f.path), ...req.changed.keys()])) {
    const rel = relative(req.dir, abs).split(sep).join('/');
    const changedTo = req.changed.get(abs);
    const raw = readFileSync(changedTo ?? abs);
    const text = abs.endsWith('.go') ? req.render({ original: abs, text: raw.toString('utf8'), changed: changedTo !== undefined, extractedAt: join(extracted, rel) }) : undefined;
    files.push({ name: prefix + rel, data: text === undefined ? raw : Buffer.from(text) });
  }
  const zipped = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.data, { level: 0 }]])), { level: 0, mtime: ZIP_TIME });
  const sums = [`${req.path} ${version} ${hash1(files)}`, `${req.path} ${version}/go.mod ${hash1([{ name: 'go.mod', data: Buffer.from(modText) }])}`];
  writeFileAtomic(base + '.info', JSON.stringify({ Version: version, Time: released.toISOString().replace(/\.\d+Z$/, 'Z') }) + '\n');
  writeFileAtomic(base + '.mod', modText);
  writeFileAtomic(base + '.sums', sums.join('\n') + '\n');
  // Last: a visible zip means the rest is there.
  writeFileAtomic(zip, zipped);
  return { version, sums, zip };
}

/** When the release was made (the proxy's .info); a fixed time when unknown. */
function releaseTime(gomodcache: string, path: string, version: string): Date {
  try {
    const info = JSON.parse(readFileSync(join(gomodcache, 'cache', 'download', escapeModulePath(path), '@v', escapeModulePath(version) + '.info'), 'utf8')) as { Time?: string };
    const t = info.Time ? new Date(info.Time) : undefined;
    if (t && !Number.isNaN(t.getTime())) return t;
  } catch {
    // Fall through.
  }
  return new Date('2000-01-01T00:00:00Z');
}

/** A regular file of a module's directory, with what a stamp of it needs. */
export interface ModuleFile {
  path: string;
  size: bigint;
  mtimeNs: bigint;
}

/** Every regular file beneath dir, as the module's zip held them. */
export function filesBelow(dir: string): ModuleFile[] {
  const out: ModuleFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p, { bigint: true });
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push({ path: p, size: st.size, mtimeNs: st.mtimeNs });
    }
  };
  walk(dir);
  return out;
}
