import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import type { ParsedArgs } from './args.js';
import { existsMarked } from './trim.js';
import type { WeaveCache } from './cache.js';
import { capture } from './exec.js';
import type { Env } from './env.js';
import { GoCommandError } from './golist.js';
import { sha256 } from './hash.js';
import { compareGoVersions, runtimeGoVersion } from './modfile.js';

/**
 * Whether the go command will build this module from vendor/: an explicit -mod (on the command
 * line, then in GOFLAGS) decides; otherwise a vendor/modules.txt does (go 1.14 and later).
 */
export function buildsVendored(moduleRoot: string, parsed: ParsedArgs, goflags: string | undefined): boolean {
  const fromArgs = parsed.flags.filter((f) => f.name === 'mod').pop()?.value;
  const fromEnv = (goflags ?? '').split(/\s+/).map((f) => /^--?mod=(.*)$/.exec(f)?.[1]).filter((v) => v !== undefined).pop();
  const mode = fromArgs ?? fromEnv;
  // Without modules.txt the go command reports the inconsistency itself, in its own words.
  return (mode === undefined || mode === 'vendor') && existsSync(join(moduleRoot, 'vendor', 'modules.txt'));
}

/** A workspace in the weave cache that builds a vendored module together with the runtime. */
export interface VendorWorkspace {
  workFile: string;
  /** The user's vendor directory, and where the go command sees it in the workspace. */
  vendorDir: string;
  linkedVendorDir: string;
}

interface ModVersion {
  Path: string;
  Version?: string;
}

/** What `go mod edit -json` says of a go.mod, as far as the workspace needs it. */
export interface ModJSON {
  Go?: string;
  Godebug?: { Key: string; Value: string }[];
  Require?: ModVersion[];
  Replace?: { Old: ModVersion; New: ModVersion }[];
}

/**
 * In vendor mode the go command checks vendor/modules.txt (read from disk, never through
 * -overlay) against go.mod, and since go 1.23 will not import a vendored package the file does
 * not list, so neither a -modfile require nor overlaid vendor files bring the runtime in. A
 * workspace can: it uses the user's module and the runtime module, and its vendor directory (the
 * one beside go.work) links every entry of the user's vendor/ and holds the same modules.txt in
 * workspace form. The user's tree is untouched; the workspace is made once per go.mod, modules.txt
 * and runtime, in a temporary directory renamed into place.
 */
export async function prepareVendorWorkspace(go: string, env: Env, cache: WeaveCache, moduleRoot: string, runtimeDir: string): Promise<VendorWorkspace> {
  const vendorDir = join(moduleRoot, 'vendor');
  const gomod = join(moduleRoot, 'go.mod');
  const dir = join(cache.root, 'vendorws', sha256(moduleRoot, readFileSync(gomod, 'utf8'), runtimeDir, vendorState(vendorDir)).slice(0, 32));
  const result = { workFile: join(dir, 'go.work'), vendorDir, linkedVendorDir: join(dir, 'vendor') };
  if (existsMarked(result.workFile)) return result;

  const r = await capture(go, ['mod', 'edit', '-json', gomod], { env });
  if (r.code !== 0) throw new GoCommandError(`go mod edit -json ${gomod} failed`, r.stderr);
  const m = JSON.parse(r.stdout) as ModJSON;
  // The workspace's go line sets the default GODEBUG of the program: keep the module's, unless
  // it is below what workspace vendoring (1.22) or the runtime needs.
  let goLine = m.Go ?? '1.22';
  for (const min of ['1.22', runtimeGoVersion(runtimeDir)]) if (min && compareGoVersions(goLine, min) < 0) goLine = min;
  const work = [`go ${goLine}`, ...(m.Godebug ?? []).map((g) => `godebug ${g.Key}=${g.Value}`), '', 'use (', `\t${JSON.stringify(moduleRoot)}`, `\t${JSON.stringify(runtimeDir)}`, ')', ''];

  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    linkVendorInto(join(tmp, 'vendor'), vendorDir, (text) => workspaceModulesTxt(completePre114ModulesTxt(text, m), moduleRoot, dir));
    writeFileSync(join(tmp, 'go.work'), work.join('\n'));
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Another build renamed its workspace first: identical content, keep theirs.
    if (!existsSync(result.workFile)) throw err;
  }
  return result;
}

/**
 * modules.txt in workspace form: a `## workspace` header, and local replacements relative to the
 * workspace directory instead of the module's, which is how the go command compares them there.
 */
export function workspaceModulesTxt(text: string, moduleRoot: string, workspaceDir: string): string {
  return `## workspace\n${relocateModulesTxt(text, moduleRoot, workspaceDir)}`;
}

/**
 * A module whose go line is below 1.14 may have a modules.txt written by that old go command:
 * it does not mark which modules go.mod requires (`## explicit`) and leaves out replacements of
 * a whole module path and of modules with no vendored package. The go command lets such a
 * module build in vendor mode, but not a workspace, which checks every go.mod against
 * modules.txt as 1.14 and later wrote it. The missing lines are added from go.mod.
 */
export function completePre114ModulesTxt(text: string, m: ModJSON): string {
  if (!m.Go || compareGoVersions(m.Go, '1.14') >= 0) return text;
  const mod = (v: ModVersion) => (v.Version ? `${v.Path} ${v.Version}` : v.Path);
  const replacementOf = (v: ModVersion) =>
    (m.Replace ?? []).find((r) => r.Old.Path === v.Path && r.Old.Version === v.Version) ?? (m.Replace ?? []).find((r) => r.Old.Path === v.Path && !r.Old.Version);
  const required = new Set((m.Require ?? []).map(mod));
  const lines = text.trim() === '' ? [] : text.replace(/\n+$/, '').split('\n');
  const out: string[] = [];
  const headers = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    // "# path version", "# path version => new [version]" or "# path => new [version]".
    const h = /^# (\S+)(?: (?!=>)(\S+))?(?: => .*)?$/.exec(lines[i]);
    if (!h) continue;
    const key = h[2] ? `${h[1]} ${h[2]}` : h[1];
    headers.add(key);
    if (required.has(key) && !lines[i + 1]?.startsWith('## explicit')) out.push('## explicit');
  }
  const header = (old: ModVersion) => {
    const r = replacementOf(old);
    return `# ${mod(old)}${r ? ` => ${mod(r.New)}` : ''}`;
  };
  for (const r of m.Require ?? []) {
    if (!headers.has(mod(r))) out.push(header(r), '## explicit');
  }
  for (const r of m.Replace ?? []) {
    if (!headers.has(mod(r.Old))) out.push(`# ${mod(r.Old)} => ${mod(r.New)}`);
  }
  return out.join('\n') + '\n';
}

/** modules.txt with its local replacement paths, relative to fromDir, made relative to toDir. */
export function relocateModulesTxt(text: string, fromDir: string, toDir: string): string {
  const local = (p: string) => p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../');
  return text.split('\n').map((line) => {
    const m = /^(# .*? => )(\S+)(.*)$/.exec(line);
    if (!m || !local(m[2])) return line;
    let rel = relative(toDir, resolve(fromDir, m[2])).split(sep).join('/');
    if (rel !== '..' && !rel.startsWith('../')) rel = `./${rel}`;
    return m[1] + rel + m[3];
  }).join('\n');
}

/** What a vendor directory holds, for cache keys: its modules.txt and its top-level entries. */
export function vendorState(vendorDir: string): string {
  const entries = readdirSync(vendorDir).filter((e) => e !== 'modules.txt').sort();
  return [readFileSync(join(vendorDir, 'modules.txt'), 'utf8'), ...entries].join('\n');
}

/**
 * A workspace that was itself vendored (`go work vendor`) and whose go.work go-weave copies into
 * the cache (to add the runtime or module copies): the go command looks for vendor/ beside the
 * go.work it uses, so the copy's directory gets one linking the workspace's entries, with
 * modules.txt's local paths made relative to the copy. The copy's directory must be named by the
 * vendor state too (vendorState), so a re-vendored workspace gets a new one.
 */
export function linkWorkspaceVendor(workDir: string, copyDir: string): VendorWorkspace {
  const vendorDir = join(workDir, 'vendor');
  const ws = { workFile: join(copyDir, 'go.work'), vendorDir, linkedVendorDir: join(copyDir, 'vendor') };
  if (existsSync(join(ws.linkedVendorDir, 'modules.txt'))) return ws;
  const tmp = `${ws.linkedVendorDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    linkVendorInto(tmp, vendorDir, (text) => relocateModulesTxt(text, workDir, copyDir));
    renameSync(tmp, ws.linkedVendorDir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(ws.linkedVendorDir, 'modules.txt'))) throw err;
  }
  return ws;
}

/** Fills dir with a link to every entry of vendorDir, and modules.txt as rewrite makes it. */
function linkVendorInto(dir: string, vendorDir: string, rewrite: (modulesTxt: string) => string): void {
  mkdirSync(dir, { recursive: true });
  for (const e of readdirSync(vendorDir)) if (e !== 'modules.txt') symlinkSync(join(vendorDir, e), join(dir, e));
  writeFileSync(join(dir, 'modules.txt'), rewrite(readFileSync(join(vendorDir, 'modules.txt'), 'utf8')));
}

/** Where the go command finds a vendored file when it builds in the workspace. */
export function inWorkspace(ws: VendorWorkspace, file: string): string {
  return file.startsWith(ws.vendorDir + sep) ? ws.linkedVendorDir + file.slice(ws.vendorDir.length) : file;
}
