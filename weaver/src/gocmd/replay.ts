import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { absoluteGo, type Env } from './env.js';
import { goFileNames } from './golist.js';
import { goListing, ignoredName } from './listing.js';
import { racyWindowNs } from './racy.js';
import { skipGuard, type SkipGuard } from './uptodate.js';
import type { Prepared } from './pipeline.js';

/**
 * The record the native launcher (launcher/) replays: the go command a woven build ran and the
 * stamps of everything its plan depended on. The launcher execs that go command again, without
 * Node, while every stamp holds; the format is read by launcher/record.go.
 */
export interface ReplayRecord {
  v: 1;
  go: string;
  args: string[];
  set: Record<string, string>;
  unset: string[];
  /**
   * "mtimeNs size path" for a file; "d listing path" for a directory (see goListing); "-" for a
   * path that must not exist, "+" for one that must.
   */
  stamps: string[];
  stderr: string;
  report: string;
  summary: string;
  /** Present when the launcher may leave out a go build that finds nothing to do (uptodate.ts). */
  skip?: SkipGuard;
}

/** Variables go-weave's entry and launcher set on the way in; the go command never sees them. */
export const ENTRY_VARS = ['GOWEAVE_ENTRY', 'GOWEAVE_REPLAY_RECORD', 'GOWEAVE_LAUNCHER', 'GOWEAVE_SERVER_SOCKET', 'GOWEAVE_SERVER_REQUEST'] as const;

export function withoutEntryVars(env: Env): Env {
  const out = { ...env };
  for (const k of ENTRY_VARS) delete out[k];
  return out;
}

export interface ReplayExtras {
  stderr: string;
  report: string;
  summary: string;
  /** When the run started, in nanoseconds since the epoch. */
  startNs: bigint;
}

/**
 * The record a plan made again from an earlier one (Prepared.again) starts from, and the files
 * edited since: every other input is as that plan found it.
 */
export interface EarlierRecord {
  record: ReplayRecord;
  edited: ReadonlySet<string>;
}

/**
 * The record of a prepared command, or undefined when it must be planned again every time.
 * Given the record of the plan this one was made again from, its inputs keep their stamps but
 * the edited files': the state this plan stands on (stamped anew, a change the server's watch
 * does not see, such as a new go binary, would be vouched for by a record planned before it).
 */
export function replayRecord(p: Prepared, inputEnv: Env, extras: ReplayExtras, earlier?: EarlierRecord): ReplayRecord | undefined {
  if (p.inputs.length === 0) return undefined;
  const go = absoluteGo(p.go, inputEnv);
  if (!go) return undefined;
  const set: Record<string, string> = {};
  const unset: string[] = [];
  for (const [k, v] of Object.entries(p.goEnv)) if (v !== undefined && inputEnv[k] !== v) set[k] = v;
  for (const k of Object.keys(inputEnv)) if (inputEnv[k] !== undefined && p.goEnv[k] === undefined) unset.push(k);
  const stamps: string[] = [];
  let listed: Map<string, Set<string>> | undefined;
  const kept = earlier ? stampsByPath(earlier.record.stamps) : undefined;
  const input = (path: string) => stamps.push((!earlier?.edited.has(path) && kept?.get(path)) || inputStamp(path, extras.startNs, (listed ??= listedGoFiles(p))));
  // The go binary stands for its toolchain (GOROOT and the module cache are immutable per version).
  input(go);
  if (p.ge.GOENV) input(p.ge.GOENV);
  for (const f of moduleLookups(p.cwd)) input(f);
  if (p.ge.GOMOD) input(join(dirname(p.ge.GOMOD), 'vendor', 'modules.txt'));
  const { originals, generated } = overlaid(p);
  // Woven originals outside the module too (GOROOT, module cache): a toolchain built from a
  // source checkout can change them without a new go binary.
  for (const f of new Set([...p.inputs, ...originals])) input(f);
  for (const f of generated) stamps.push(`+ 0 ${f}`);
  // What the guard stamps (package directories' listings, the runtime's files) is as the earlier plan found it.
  const skip = earlier ? earlier.record.skip : skipGuard(p);
  return { v: 1, go, args: p.goArgs.slice(), set, unset: unset.sort(), stamps, stderr: extras.stderr, report: extras.report, summary: extras.summary, ...(skip ? { skip } : {}) };
}

/**
 * The go command looks for go.mod and go.work upwards from its directory: one appearing
 * anywhere on the way changes the module or workspace.
 */
export function moduleLookups(cwd: string): string[] {
  const out: string[] = [];
  for (let d = cwd; ; d = dirname(d)) {
    out.push(join(d, 'go.mod'), join(d, 'go.work'));
    if (dirname(d) === d) return out;
  }
}

/** A record's stamps by the path each ends with ("kind value path"); generated files' are left out. */
function stampsByPath(stamps: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of stamps) {
    if (s.startsWith('+ ')) continue;
    out.set(s.slice(s.indexOf(' ', s.indexOf(' ') + 1) + 1), s);
  }
  return out;
}

/** Writes the record and returns its text. */
export function writeReplayRecord(path: string, r: ReplayRecord): string {
  const text = JSON.stringify(r);
  writeFileAtomic(path, text);
  return text;
}

/** A stamp that never holds: the path was too recent to vouch for the next build. */
const RACY_PREFIX = 'racy 0 ';

/** The paths a record stamped as too recent to vouch for the next build. */
export function racyPaths(r: ReplayRecord): string[] {
  return r.stamps.filter((s) => s.startsWith(RACY_PREFIX)).map((s) => s.slice(RACY_PREFIX.length));
}

/** When a file last modified at mtimeNs can first be stamped: any later write moves its mtime. */
export function firmFromNs(path: string, mtimeNs: bigint): bigint {
  return mtimeNs + racyWindowNs(path, mtimeNs);
}

/**
 * The record with the racy stamps of the files in `firm` stamped after all, by the mtime and size
 * given: for a caller who knows each file is still as the plan read it (the weave server, which
 * watched it all along) and that it was last modified before firmFromNs(mtime) had passed.
 */
export function firmedRecord(r: ReplayRecord, firm: Map<string, { mtimeNs: bigint; size: bigint }>): ReplayRecord {
  const stamps = r.stamps.map((s) => {
    const st = s.startsWith(RACY_PREFIX) ? firm.get(s.slice(RACY_PREFIX.length)) : undefined;
    return st ? `${st.mtimeNs} ${st.size} ${s.slice(RACY_PREFIX.length)}` : s;
  });
  return { ...r, stamps };
}

function inputStamp(path: string, startNs: bigint, listed: Map<string, Set<string>>): string {
  let st;
  try {
    st = statSync(path, { bigint: true });
  } catch {
    return `- 0 ${path}`;
  }
  if (st.isDirectory()) {
    // Directories are stamped by what is in them (building writes binaries beside sources).
    // Go files the plan did not see were added while it was made: the record must not vouch.
    const { hash, goFiles } = goListing(path);
    const seen = listed.get(path);
    if (seen && (goFiles.some((f) => !seen.has(f)) || [...seen].some((f) => !goFiles.includes(f)))) return RACY_PREFIX + path;
    return `d ${hash} ${path}`;
  }
  // Modified this close to (or after) the run's start, the file may have changed while it was
  // read and kept its mtime: the stamp never holds, and the next run plans again.
  if (st.mtimeNs >= startNs - racyWindowNs(path, st.mtimeNs)) return RACY_PREFIX + path;
  return `${st.mtimeNs} ${st.size} ${path}`;
}

/**
 * The Go files go list reported, by package directory (all variants of a package together);
 * the standard library's directories are never stamped (the go binary stands for them).
 */
function listedGoFiles(p: Prepared): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const pkg of p.packages) {
    if (!pkg.Dir || pkg.Standard) continue;
    const names = out.get(pkg.Dir) ?? new Set<string>();
    for (const f of goFileNames(pkg)) if (!ignoredName(f)) names.add(f);
    out.set(pkg.Dir, names);
  }
  return out;
}

/**
 * The files the overlay replaces or adds (originals), and what the go command reads from the
 * weave cache (generated): the overlay, the files it names, go.mod and go.work copies.
 */
function overlaid(p: Prepared): { originals: string[]; generated: string[] } {
  const { overlay, replace, modfile } = p.goFiles;
  const originals = [...replace.keys()];
  const generated = [...replace.values()].filter(Boolean);
  if (overlay) generated.push(overlay);
  if (modfile) generated.push(modfile);
  if (p.goFiles.cover) generated.push(p.goFiles.cover.script, p.goFiles.cover.plan);
  if (p.goEnv.GOWORK && p.goEnv.GOWORK !== p.ge.GOWORK) generated.push(p.goEnv.GOWORK);
  for (const m of p.moduleCopies) generated.push(m.served ? m.served.zip : m.copy);
  if (p.runtimeServed) generated.push(p.runtimeServed.zip);
  // A toolchain copy is used by the replay too, and so kept by the trim.
  if (p.toolchainCopy) generated.push(p.toolchainCopy);
  return { originals, generated };
}
