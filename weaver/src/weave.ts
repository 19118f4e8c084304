import { createHash } from 'node:crypto';
import type { Aspect, AspectSet, JoinPoint } from './aspects/types.js';
import { aspectSetHash } from './aspects/load.js';
import { applyAdvice, type FilePlan } from './advice/apply.js';
import { NamingRequests } from './advice/context.js';
import { goWrapEdits } from './advice/gowrap.js';
import { ImportAllocator } from './advice/imports.js';
import { namingEdits } from './advice/names.js';
import { WeaveError } from './errors.js';
import { ignoredParts, isIgnored } from './join/ignore.js';
import { aspectKinds, type NodeKind } from './join/kinds.js';
import { candidatesOf, matches, mayMatchGoStatement, mayMatchLiteral, nodesByType, packageVerdict, type Candidate, type PackageFacts } from './join/match.js';
import { encodeNames, mergeNames, topLevelNames, type PackageNames } from './join/scope.js';
import { GO_STATEMENT, textMayMatch } from './join/needles.js';
import { loadGoFile, unmaskText, type GoFile } from './parse/gofile.js';
import { printWoven, WOVEN_MARKER } from './print/print.js';
import { endOfFile, omittedComments, withOmissions, type Omission } from './print/comments.js';

export interface PackageInput extends PackageFacts {
  files: { path: string; source: string }[];
}

export interface WovenFile { path: string; source: string; changed: boolean }

export interface PackageResult {
  files: WovenFile[];
  addedImports: string[];
  linkDeps: string[];
  joinPoints: number;
  aspects: string[];
}

/**
 * Remembers how single files were woven, between builds: editing one file of a large package
 * then re-weaves that file alone. Values are what `weavePackage` stored; anything else (a damaged
 * entry) counts as a miss.
 */
export interface FileMemo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** One file's share of a package weave, and the package-wide state after it. */
interface FileOutcome {
  source?: string; // only when changed
  joinPoints: number;
  hit: string[];
  imports: string[];
  links: string[];
  fileLevelDone: string[];
  injectedOnce: string[];
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function isFileOutcome(v: unknown): v is FileOutcome {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (o.source === undefined || typeof o.source === 'string') && typeof o.joinPoints === 'number' &&
    strings(o.hit) && strings(o.imports) && strings(o.links) && strings(o.fileLevelDone) && strings(o.injectedOnce);
}

/** Cheap test before reading a package's files: can any aspect apply there? */
export function packageMayMatch(set: AspectSet, facts: PackageFacts): boolean {
  return set.aspects.some((a) => packageVerdict(a.joinPoint, facts) !== false);
}

/**
 * Aspects that can only join a generated test main (`test-main: true`). The go command writes
 * that file into its work directory, where an overlay never reaches, so they never apply.
 */
export function testMainOnlyAspects(set: AspectSet): string[] {
  return set.aspects.filter((a) => needsTestMain(a.joinPoint)).map((a) => a.id);
}

function needsTestMain(jp: JoinPoint): boolean {
  switch (jp.kind) {
    case 'test-main': return jp.value;
    case 'all-of': return jp.of.some(needsTestMain);
    case 'one-of': return jp.of.length > 0 && jp.of.every(needsTestMain);
    case 'not': return jp.of.kind === 'test-main' && !jp.of.value;
    case 'function-body': return needsTestMain(jp.of);
    default: return false;
  }
}

export function isWoven(source: string): boolean {
  return source.startsWith(WOVEN_MARKER + '\n');
}

/** Weaves one package. Pure apart from parsing: sources in, woven sources out. */
export async function weavePackage(set: AspectSet, pkg: PackageInput, memo?: FileMemo): Promise<PackageResult> {
  const facts: PackageFacts = { importPath: pkg.importPath, name: pkg.name, standard: pkg.standard, mainModule: pkg.mainModule, testMain: pkg.testMain };
  const active = set.aspects.filter((a) => packageVerdict(a.joinPoint, facts) !== false);
  const result: PackageResult = { files: [], addedImports: [], linkDeps: [], joinPoints: 0, aspects: [] };
  const unchanged = (f: { path: string; source: string }): WovenFile => ({ path: f.path, source: f.source, changed: false });
  if (active.length === 0) {
    result.files = pkg.files.map(unchanged);
    return result;
  }
  const added = new Set<string>();
  const links = new Set<string>();
  const hit = new Set<string>();
  // Package-wide advice (a join point with no code node) lands once, in the first file.
  const fileLevelDone = new Set<string>();
  const injectedOnce = new Set<string>();
  const order = [...pkg.files].map((f, i) => ({ f, i })).sort((a, b) => (a.f.path < b.f.path ? -1 : a.f.path > b.f.path ? 1 : 0));
  const out: WovenFile[] = new Array(pkg.files.length);
  // Names in our reserved prefix that the package already uses (in any file) are never chosen as aliases.
  const reserved = new Set<string>();
  for (const f of pkg.files) for (const m of f.source.matchAll(/\b__weave_\w+/g)) reserved.add(m[0]);
  const setHash = memo ? aspectSetHash(set) : '';
  let names: Promise<PackageNames> | undefined;
  for (const { f, i } of order) {
    const here = isWoven(f.source) ? [] : active.filter((a) => textMayMatch(a, f.source, facts.importPath));
    if (here.length === 0) { out[i] = unchanged(f); continue; }
    // A go statement's call is planned with what the package's other files declare.
    const pkgNames = mayWrapGoCalls(here, f.source) ? await (names ??= packageNames(pkg.files, memo)) : undefined;
    // Everything a file's weave reads: the file, the package, and the state earlier files left.
    // Of the package's names, only those the file mentions: they are looked up for its own
    // identifiers alone, so a function added to another file leaves this one's weave as it was.
    const key = memo && createHash('sha256').update(JSON.stringify([setHash, facts, f.path, f.source, [...reserved].sort(), [...fileLevelDone].sort(), [...injectedOnce].sort(), pkgNames ? namesMentioned(pkgNames, f.source) : null])).digest('hex');
    const remembered = key ? memo?.get(key) : undefined;
    let o: FileOutcome;
    if (isFileOutcome(remembered)) {
      o = remembered;
    } else {
      o = await weaveFile(f, here, { facts, reserved, fileLevelDone: new Set(fileLevelDone), injectedOnce: new Set(injectedOnce), pkgNames });
      if (key) memo?.set(key, o);
    }
    out[i] = o.source === undefined ? unchanged(f) : { path: f.path, source: o.source, changed: true };
    result.joinPoints += o.joinPoints;
    o.hit.forEach((a) => hit.add(a));
    o.imports.forEach((p) => added.add(p));
    o.links.forEach((l) => links.add(l));
    o.fileLevelDone.forEach((a) => fileLevelDone.add(a));
    o.injectedOnce.forEach((k) => injectedOnce.add(k));
  }
  result.files = out;
  result.addedImports = [...added].sort();
  result.linkDeps = [...links].sort();
  result.aspects = active.filter((a) => hit.has(a.id)).map((a) => a.id);
  return result;
}

interface FileState {
  facts: PackageFacts;
  reserved: Set<string>;
  /** Package-wide state this file may add to (copies: the caller merges what comes back). */
  fileLevelDone: Set<string>;
  injectedOnce: Set<string>;
  pkgNames?: PackageNames;
}

/** Whether an aspect could select a go statement of this file (a goroutine join point; see gocall.ts). */
function mayWrapGoCalls(here: Aspect[], source: string): boolean {
  return GO_STATEMENT.test(source) && here.some((a) => mayMatchGoStatement(a.joinPoint));
}

/** The entries of `names` whose name occurs in `source` as a word (in code, a comment or a string alike). */
function namesMentioned(names: PackageNames, source: string): string[] {
  const words = wordsOf(source);
  return [...names].filter(([n]) => words.has(n)).map(([n, k]) => `${k}:${n}`).sort();
}

/** A Go identifier: a letter or underscore, then letters, digits and underscores. */
const GO_WORD = /[\p{L}_][\p{L}\p{Nd}_]*/gu;

/**
 * Each file's words, by its text, up to a bound: a package woven again after an edit to one of
 * its files (the weave server) finds the others' words here rather than reading them again,
 * which on a large package costs more than weaving the edited file.
 */
const knownWords = new Map<string, ReadonlySet<string>>();
let knownChars = 0;
const MAX_KNOWN_CHARS = 32 << 20;

function wordsOf(source: string): ReadonlySet<string> {
  const known = knownWords.get(source);
  if (known) return known;
  const words = new Set(source.match(GO_WORD));
  if (knownChars + source.length > MAX_KNOWN_CHARS) {
    knownWords.clear();
    knownChars = 0;
  }
  knownWords.set(source, words);
  knownChars += source.length;
  return words;
}

/** The top-level names of a package's files, each file's list remembered by its text. */
async function packageNames(files: { path: string; source: string }[], memo?: FileMemo): Promise<PackageNames> {
  const lists: string[][] = [];
  for (const f of files) {
    const key = 'names:' + createHash('sha256').update(f.source).digest('hex');
    const remembered = memo?.get(key);
    if (strings(remembered)) { lists.push(remembered); continue; }
    let list: string[] = [];
    try {
      const file = await loadGoFile(f.path, f.source);
      try { list = encodeNames(topLevelNames(file)); } finally { file.tree.delete(); }
    } catch {
      // A file that does not parse is reported where it is woven, or by the compiler.
    }
    memo?.set(key, list);
    lists.push(list);
  }
  return mergeNames(lists);
}

/** Weaves one file of a package; the outcome carries the package-wide state after it. */
async function weaveFile(f: { path: string; source: string }, here: Aspect[], st: FileState): Promise<FileOutcome> {
  const literals = here.some((a) => aspectKinds(a).includes('body') && mayMatchLiteral(a.joinPoint));
  const file = await loadGoFile(f.path, f.source);
  try {
    const links = new Set<string>();
    const hit = new Set<string>();
    let joinPoints = 0;
    const plan: FilePlan = {
      file, facts: { ...st.facts, name: file.packageName }, imports: new ImportAllocator(file, st.facts.importPath, st.reserved),
      naming: new NamingRequests(), edits: [], linkDeps: links, keepUsed: new Set(), goWraps: new Map(), seq: 0,
    };
    const ignored = ignoredParts(file);
    const candidates = new Map<NodeKind, Candidate[]>();
    const goroutines = here.some((a) => mayMatchGoStatement(a.joinPoint));
    const found = nodesByType(file, new Set(here.flatMap((a) => aspectKinds(a))), literals, goroutines);
    const cands = (k: NodeKind) => {
      let l = candidates.get(k);
      if (!l) {
        l = candidatesOf(file, k, found, st.pkgNames);
        // A file-level candidate is the whole file: a part excluded within it leaves the rest.
        if (ignored.whole || (k !== 'file' && ignored.ranges.length > 0)) l = l.filter((c) => !isIgnored(ignored, c.node));
        candidates.set(k, l);
      }
      return l;
    };
    for (const aspect of here) {
      for (const kind of aspectKinds(aspect)) {
        if (kind === 'file' && st.fileLevelDone.has(aspect.id)) continue;
        for (const c of cands(kind)) {
          if (!matches(aspect.joinPoint, c, { file, facts: plan.facts })) continue;
          if (kind === 'file') st.fileLevelDone.add(aspect.id);
          joinPoints++;
          hit.add(aspect.id);
          await applyAll(plan, aspect, c, st.injectedOnce);
        }
      }
    }
    plan.edits.push(...goWrapEdits(plan.goWraps.values(), plan.edits, file, plan.seq));
    plan.seq += plan.goWraps.size;
    plan.edits.push(...namingEdits(plan.naming, file.positions, plan.seq));
    const decl = plan.imports.declaration();
    if (decl) plan.edits.push({ kind: 'insert', at: file.packageClauseEnd, text: decl, lines: false, order: -100, aspect: 'imports', seq: plan.seq++ });
    const o: FileOutcome = { joinPoints, hit: [...hit], imports: plan.imports.paths(), links: [...links], fileLevelDone: [...st.fileLevelDone], injectedOnce: [...st.injectedOnce] };
    if (plan.edits.length > 0) {
      const printed = printWoven(f.source, plan.edits, file.positions, `package ${st.facts.importPath}`, fileOmissions(file));
      o.source = file.masked ? unmaskText(printed) : printed;
    }
    return o;
  } finally {
    file.tree.delete();
  }
}

/** The comments a woven file leaves out (print/comments.ts). */
function fileOmissions(file: GoFile): Omission[] {
  const comments = file.root.descendantsOfType('comment').flatMap((n) => (n ? [{ start: n.startIndex, end: n.endIndex }] : []));
  return omittedComments(file.source, comments, { path: file.path, cgo: file.imports.some((i) => i.path === 'C') });
}

/**
 * A file's source as its woven form shows the lines woven in place: without the comments weaving
 * leaves out, so that `go-weave diff` lists what aspects changed and nothing else.
 */
export async function withoutOmittedComments(path: string, source: string): Promise<string> {
  const file = await loadGoFile(path, source);
  try {
    return endOfFile(withOmissions(source, 0, source.length, fileOmissions(file)));
  } finally {
    file.tree.delete();
  }
}

async function applyAll(plan: FilePlan, aspect: Aspect, c: Candidate, injectedOnce: Set<string>): Promise<void> {
  for (const [n, adv] of aspect.advice.entries()) {
    if (adv.kind === 'inject-declarations') {
      const key = `${aspect.id}#${n}`;
      if (injectedOnce.has(key)) continue;
      injectedOnce.add(key);
    }
    try {
      await applyAdvice(plan, aspect, adv, c);
    } catch (e) {
      if (e instanceof WeaveError) throw e;
      throw new WeaveError(`aspect "${aspect.id}": ${(e as Error).message}`, plan.file.positions.position(c.node.startIndex));
    }
  }
}

