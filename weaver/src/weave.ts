import type { Aspect, AspectSet } from './aspects/types.js';
import { applyAdvice, type FilePlan } from './advice/apply.js';
import { NamingRequests } from './advice/context.js';
import { ImportAllocator } from './advice/imports.js';
import { namingEdits } from './advice/names.js';
import { WeaveError } from './errors.js';
import { aspectKinds, type NodeKind } from './join/kinds.js';
import { candidatesOf, matches, mayMatchLiteral, nodesByType, packageVerdict, type Candidate, type PackageFacts } from './join/match.js';
import { textMayMatch } from './join/needles.js';
import { loadGoFile, unmaskText } from './parse/gofile.js';
import { printWoven, WOVEN_MARKER } from './print/print.js';

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

/** Cheap test before reading a package's files: can any aspect apply there? */
export function packageMayMatch(set: AspectSet, facts: PackageFacts): boolean {
  return set.aspects.some((a) => packageVerdict(a.joinPoint, facts) !== false);
}

export function isWoven(source: string): boolean {
  return source.startsWith(WOVEN_MARKER + '\n');
}

/** Weaves one package. Pure apart from parsing: sources in, woven sources out. */
export async function weavePackage(set: AspectSet, pkg: PackageInput): Promise<PackageResult> {
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
  for (const { f, i } of order) {
    const here = isWoven(f.source) ? [] : active.filter((a) => textMayMatch(a, f.source));
    if (here.length === 0) { out[i] = unchanged(f); continue; }
    const literals = here.some((a) => aspectKinds(a).includes('body') && mayMatchLiteral(a.joinPoint));
    const file = await loadGoFile(f.path, f.source);
    try {
      const plan: FilePlan = {
        file, facts: { ...facts, name: file.packageName }, imports: new ImportAllocator(file, pkg.importPath, reserved),
        naming: new NamingRequests(), edits: [], linkDeps: links, keepUsed: new Set(), seq: 0,
      };
      const candidates = new Map<NodeKind, Candidate[]>();
      const found = nodesByType(file, new Set(here.flatMap((a) => aspectKinds(a))), literals);
      const cands = (k: NodeKind) => {
        let l = candidates.get(k);
        if (!l) { l = candidatesOf(file, k, found); candidates.set(k, l); }
        return l;
      };
      for (const aspect of here) {
        for (const kind of aspectKinds(aspect)) {
          if (kind === 'file' && fileLevelDone.has(aspect.id)) continue;
          for (const c of cands(kind)) {
            if (!matches(aspect.joinPoint, c, { file, facts: plan.facts })) continue;
            if (kind === 'file') fileLevelDone.add(aspect.id);
            result.joinPoints++;
            hit.add(aspect.id);
            await applyAll(plan, aspect, c, injectedOnce);
          }
        }
      }
      plan.edits.push(...namingEdits(plan.naming, file.positions, plan.seq));
      const decl = plan.imports.declaration();
      if (decl) plan.edits.push({ kind: 'insert', at: file.packageClauseEnd, text: decl, lines: false, order: -100, aspect: 'imports', seq: plan.seq++ });
      plan.imports.paths().forEach((p) => added.add(p));
      if (plan.edits.length === 0) { out[i] = unchanged(f); continue; }
      const printed = printWoven(f.source, plan.edits, file.positions, `package ${pkg.importPath}`);
      out[i] = { path: f.path, source: file.masked ? unmaskText(printed) : printed, changed: true };
    } finally {
      file.tree.delete();
    }
  }
  result.files = out;
  result.addedImports = [...added].sort();
  result.linkDeps = [...links].sort();
  result.aspects = active.filter((a) => hit.has(a.id)).map((a) => a.id);
  return result;
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
      const p = plan.file.positions.position(c.node.startIndex);
      throw new WeaveError(`aspect "${aspect.id}": ${(e as Error).message}`, { file: p.file, line: p.line, col: p.col });
    }
  }
}

