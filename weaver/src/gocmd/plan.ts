import { isAbsolute, join } from 'node:path';
import type { PackageRef } from './core.js';
import { isFileList } from './filelist.js';
import type { ListedPackage } from './golist.js';

/** One call of the core's weavePackage: a package as the compiler will see it. */
export interface WeaveUnit {
  /** go list's ImportPath, including a test-variant suffix like " [p.test]". */
  id: string;
  ref: PackageRef;
  /** Every Go file of the package, absolute: the core sees the whole package. */
  files: string[];
  /** The files whose woven form this unit decides (the rest belong to another unit). */
  targets: string[];
}

/** The runtime woven code calls into is never woven itself (it would trace its own exporter). */
export const RUNTIME_MODULE = 'go-weave.dev/runtime';

export function isRuntimePackage(importPath: string): boolean {
  return importPath === RUNTIME_MODULE || importPath.startsWith(RUNTIME_MODULE + '/');
}

function basePath(id: string): string {
  const i = id.indexOf(' [');
  return i < 0 ? id : id.slice(0, i);
}

/**
 * Turns go list's package graph into weave units. The overlay maps one disk file to one woven
 * file for the whole go command, so a file shared by a package and its test variants (or by
 * the recompiled copies `q [p.test]`) must be woven once: plain packages claim their files
 * first, test variants only add the _test.go files nobody claimed.
 */
export async function planUnitsAsync(pkgs: ListedPackage[], mayMatch: (ref: PackageRef) => Promise<boolean>, extra: Map<string, string[]> = new Map()): Promise<WeaveUnit[]> {
  const claimed = new Set<string>();
  const units: WeaveUnit[] = [];
  const ordered = [...pkgs.filter((p) => !p.ForTest), ...pkgs.filter((p) => p.ForTest)];
  for (const p of ordered) {
    if (p.Error || !p.Dir || !(p.GoFiles?.length || p.CgoFiles?.length)) continue;
    const importPath = basePath(p.ImportPath);
    if (isRuntimePackage(importPath)) continue;
    // The generated test main lives in the go command's work dir, out of an overlay's reach.
    if ((p.GoFiles ?? []).some((f) => isAbsolute(f))) continue;
    // Files named on the command line form a package of no module, built with the main module's
    // requirements: they are the user's own code, for aspects restricted to the main module too.
    const mainModule = !!p.Module?.Main || isFileList(p);
    const ref: PackageRef = { importPath, name: p.Name, standard: !!p.Standard, mainModule };
    // Every variant of a package has the same ref, so one that no aspect may match never claims
    // a file another could weave; most of the graph stops here, before its file list is built.
    if (!(await mayMatch(ref))) continue;
    // Files go-weave adds to a package (a test variant's stand-in TestMain) are woven with it.
    const added = extra.get(p.ImportPath) ?? [];
    const files = [...(p.GoFiles ?? []), ...(p.CgoFiles ?? [])].map((f) => join(p.Dir as string, f)).concat(added);
    const targets = files.filter((f) => !claimed.has(f));
    if (targets.length === 0) continue;
    for (const f of targets) claimed.add(f);
    units.push({ id: p.ImportPath, ref, files, targets });
  }
  return units;
}
