import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { WeaveCache } from './cache.js';
import { existsMarked } from './trim.js';
import { capture } from './exec.js';
import type { Env } from './env.js';
import { GoCommandError } from './golist.js';
import { RUNTIME_MODULE } from './plan.js';
import { writeFileAtomic } from './atomic.js';
import { sha256 } from './hash.js';
import type { ModuleCopy } from './modcopy.js';
import type { ServedVersion } from './modproxy.js';

const GO_LINE = /^go\s+(\d+(?:\.\d+){1,2})\s*$/m;

/** Compares Go language versions like "1.22" and "1.25.3". */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function runtimeGoVersion(runtimeDir: string): string | undefined {
  try {
    return GO_LINE.exec(readFileSync(join(runtimeDir, 'go.mod'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

function quotePath(p: string): string {
  return /^[A-Za-z0-9_./\\:@+-]+$/.test(p) ? p : JSON.stringify(p);
}

function mentionsRuntime(modText: string): boolean {
  return new RegExp(`(^|[\\s(])${RUNTIME_MODULE.replace(/\./g, '\\.')}(\\s|$)`, 'm').test(modText);
}

/**
 * The go command refuses a module whose dependency needs a newer language version than its own
 * go line ("updates to go.mod needed"), so the copy is raised to the runtime's minimum. The
 * user's go.mod keeps its line; the woven build compiles the main module at the raised -lang.
 */
function raiseGoLine(text: string, min: string | undefined): string {
  if (!min) return text;
  const m = GO_LINE.exec(text);
  if (!m) return text.replace(/^(module\s.*)$/m, `$1\n\ngo ${min}`);
  if (compareGoVersions(m[1], min) >= 0) return text;
  return text.replace(GO_LINE, `go ${min}`);
}

/**
 * Writes a copy of the user's go.mod (and go.sum, whose path the go command derives from the
 * modfile's) that requires the runtime module, so woven code can import it while the user's go.mod
 * and go.sum stay untouched, and that builds each module-cache dependency with woven files from
 * its copy. The runtime is required at the version go-weave's proxy serves (serveRuntime, asked
 * only when the copy adds the runtime; its sums go into the go.sum copy), or else replaced by its
 * directory. Returns undefined when there is nothing to add (no
 * copies, and no runtime or the user's module already names it: they manage it themselves).
 * `runtimeAt` is the replacement's path as written, when not runtimeDir itself (runtimeInModule).
 */
export function prepareModfile(cache: WeaveCache, goModPath: string, runtimeDir: string | undefined, copies: ModuleCopy[] = [], providers: ModuleVersion[] = [], runtimeAt = runtimeDir, serveRuntime?: () => ServedVersion | undefined): string | undefined {
  const text = readFileSync(goModPath, 'utf8');
  const addRuntime = runtimeDir !== undefined && !mentionsRuntime(text);
  if (!addRuntime && copies.length === 0) return undefined;
  const runtimeServed = addRuntime ? serveRuntime?.() : undefined;
  const sumPath = goModPath.replace(/\.mod$/, '') + '.sum';
  const sum = withServedSums(existsSync(sumPath) ? readFileSync(sumPath, 'utf8') : '', [...copies, ...(runtimeServed ? [{ served: runtimeServed }] : [])]);
  let copy = addRuntime ? raiseGoLine(text, runtimeGoVersion(runtimeDir)) : text;
  const prunes = (t: string) => compareGoVersions(GO_LINE.exec(t)?.[1] ?? UNSTATED_GO, PRUNED_GRAPH) >= 0;
  const indirect = !prunes(text) && prunes(copy) ? prunedRequirements(text, providers) : '';
  copy = dropReplaces(copy, copies).replace(/\s*$/, '\n') + indirect;
  if (runtimeServed) {
    copy += `
// Added by go-weave for woven code, served by go-weave's module proxy; the module's own go.mod is unchanged.
require ${RUNTIME_MODULE} ${runtimeServed.version}
`;
  } else if (addRuntime) {
    copy += `
// Added by go-weave for woven code; the module's own go.mod is unchanged.
require ${RUNTIME_MODULE} v0.0.0

replace ${RUNTIME_MODULE} => ${quotePath(runtimeAt ?? runtimeDir)}
`;
  }
  if (copies.length > 0) {
    copy += `
// Dependencies with woven files: -overlay cannot replace files in GOMODCACHE, so each builds from
// a version go-weave's module proxy serves, or from a copy.
${copies.map(replaceLine).join('\n')}
`;
  }
  // The directory is named by both files' contents; go.sum goes first so a visible go.mod has its sum.
  const dir = join(cache.root, 'mod', sha256(copy, sum).slice(0, 32));
  const modOut = join(dir, 'go.mod');
  if (!existsMarked(modOut)) {
    if (sum) writeFileAtomic(join(dir, 'go.sum'), sum);
    writeFileAtomic(modOut, copy);
  }
  return modOut;
}

/** The replace directive that selects a woven module's version or copy. */
function replaceLine(c: ModuleCopy): string {
  return `replace ${c.path} ${c.version} => ${c.served ? `${c.path} ${c.served.version}` : quotePath(c.copy)}`;
}

/** A go.sum (or go.work.sum) with the sums of the served versions the build selects. */
function withServedSums(sum: string, copies: { served?: ServedVersion }[]): string {
  const lines = copies.flatMap((c) => c.served?.sums ?? []);
  if (lines.length === 0) return sum;
  return (sum && !sum.endsWith('\n') ? sum + '\n' : sum) + lines.join('\n') + '\n';
}

/** A module at the version the build selected. */
export interface ModuleVersion {
  path: string;
  version: string;
}

/** From this go line on, the go command prunes the module graph to what go.mod requires. */
const PRUNED_GRAPH = '1.17';
/** What the go command assumes of a go.mod without a go line. */
const UNSTATED_GO = '1.16';

/**
 * A module whose go line is older than 1.17 leaves the modules its dependencies require out of
 * its go.mod. Raised past 1.17, the go command would see only what go.mod names, and refuses
 * ("updates to go.mod needed"): every module that provides a package of the build is required
 * in the copy, at the version the build selected, so the raised copy selects the same versions.
 */
function prunedRequirements(text: string, providers: ModuleVersion[]): string {
  const seen = requiredPaths(text);
  const lines: string[] = [];
  for (const m of providers) {
    if (seen.has(m.path) || m.path === RUNTIME_MODULE) continue;
    seen.add(m.path);
    lines.push(`\t${quotePath(m.path)} ${m.version} // indirect`);
  }
  if (lines.length === 0) return '';
  return `
// Added by go-weave: the go line above is raised past 1.17, which prunes the module graph to what
// go.mod requires; these are the modules the build selected.
require (
${lines.join('\n')}
)
`;
}

/** The module paths a go.mod's require directives name (single lines and blocks). */
function requiredPaths(text: string): Set<string> {
  const out = new Set<string>();
  let block = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (block) {
      if (line.startsWith(')')) block = '';
      else if (block === 'require' && line) out.add(unquote(line.split(/\s+/)[0]));
      continue;
    }
    const m = /^(\w+)\s*(\(|(\S+))/.exec(line);
    if (!m) continue;
    if (m[2] === '(') block = m[1];
    else if (m[1] === 'require' && m[3]) out.add(unquote(m[3]));
  }
  return out;
}

function unquote(p: string): string {
  return p.startsWith('"') ? (JSON.parse(p) as string) : p;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The go command rejects two replacements of one module version, so a user's `replace p v => …`
 * for a module that is now built from a copy is commented out (the copy already holds what it
 * selected: go list reported the replacement's directory).
 */
function dropReplaces(text: string, copies: ModuleCopy[]): string {
  for (const c of copies) {
    const re = new RegExp(`^(\\s*(?:replace\\s+)?)${escapeRegExp(c.path)}\\s+${escapeRegExp(c.version)}\\s*=>.*$`, 'gm');
    text = text.replace(re, (line) => `// go-weave: built from a copy: ${line.trim()}`);
  }
  return text;
}

interface WorkJSON {
  Go?: string;
  Toolchain?: string;
  Godebug?: { Key: string; Value: string }[];
  Use?: { DiskPath: string; ModulePath?: string }[];
  Replace?: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[];
}

/**
 * Workspace mode refuses -modfile, so the same effect comes from a copy of go.work (selected with
 * GOWORK) that also uses the runtime module. Relative paths are made absolute because the copy
 * lives elsewhere.
 */
export async function prepareWorkfile(go: string, env: Env, cache: WeaveCache, goWorkPath: string, runtimeDir: string | undefined, copies: ModuleCopy[] = [], extraKey = ''): Promise<string | undefined> {
  const text = readFileSync(goWorkPath, 'utf8');
  if (mentionsRuntime(text)) runtimeDir = undefined;
  if (runtimeDir === undefined && copies.length === 0) return undefined;
  const r = await capture(go, ['work', 'edit', '-json', goWorkPath], { env });
  if (r.code !== 0) throw new GoCommandError(`go work edit -json ${goWorkPath} failed`, r.stderr);
  const w = JSON.parse(r.stdout) as WorkJSON;
  const base = dirname(goWorkPath);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const isLocal = (p: string) => p.startsWith('./') || p.startsWith('../') || isAbsolute(p) || p === '.' || p === '..';
  let goLine = w.Go ?? '1.22';
  const min = runtimeDir === undefined ? undefined : runtimeGoVersion(runtimeDir);
  if (min && compareGoVersions(goLine, min) < 0) goLine = min;
  const lines = [`go ${goLine}`];
  if (w.Toolchain) lines.push(`toolchain ${w.Toolchain}`);
  for (const g of w.Godebug ?? []) lines.push(`godebug ${g.Key}=${g.Value}`);
  lines.push('', 'use (');
  for (const u of w.Use ?? []) lines.push(`\t${quotePath(abs(u.DiskPath))}`);
  if (runtimeDir !== undefined) lines.push(`\t${quotePath(runtimeDir)}`);
  lines.push(')');
  const copied = new Set(copies.map((c) => `${c.path}@${c.version}`));
  for (const rep of w.Replace ?? []) {
    if (rep.Old.Version && copied.has(`${rep.Old.Path}@${rep.Old.Version}`)) continue;
    const oldS = rep.Old.Version ? `${rep.Old.Path} ${rep.Old.Version}` : rep.Old.Path;
    const newS = rep.New.Version ? `${rep.New.Path} ${rep.New.Version}` : quotePath(isLocal(rep.New.Path) ? abs(rep.New.Path) : rep.New.Path);
    lines.push(`replace ${oldS} => ${newS}`);
  }
  for (const c of copies) lines.push(replaceLine(c));
  const copy = lines.join('\n') + '\n';
  const sumPath = goWorkPath + '.sum';
  const sum = withServedSums(existsSync(sumPath) ? readFileSync(sumPath, 'utf8') : '', copies);
  // extraKey: what else the directory holds (a vendored workspace's vendor/, see vendoring.ts).
  const dir = join(cache.root, 'work', sha256(copy, sum, extraKey).slice(0, 32));
  const out = join(dir, 'go.work');
  if (!existsMarked(out)) {
    if (sum) writeFileAtomic(join(dir, 'go.work.sum'), sum);
    writeFileAtomic(out, copy);
  }
  return out;
}
