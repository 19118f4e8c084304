import { readdirSync } from 'node:fs';
import { sha256 } from './hash.js';

/** Names the go command never reads: hidden and underscore-prefixed files and directories. */
export function ignoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/** Subdirectories a `./...` pattern visits. */
export function visitedDir(name: string): boolean {
  return !ignoredName(name) && name !== 'testdata';
}

/** Files beside the Go files that a package's build reads: go list's CFiles … SysoFiles. */
const OTHER_INPUT = /\.(c|cc|cxx|cpp|m|h|hh|hpp|hxx|f|F|for|f90|s|S|sx|swig|swigcxx|syso)$/;

/**
 * A file go may read besides Go files: C, C++, Objective-C, Fortran, assembly, SWIG, .syso, and
 * a main package's default.pgo (launcher/uptodate.go otherInput).
 */
export function otherInput(name: string): boolean {
  return !ignoredName(name) && (OTHER_INPUT.test(name) || name === 'default.pgo');
}

/**
 * What of a directory can change a plan: its Go files, the other files go reads (otherInput), and
 * the subdirectories the go command would visit for a `./...` pattern. Building writes other
 * files beside the sources (a binary, a report, a cache), which change the directory's mtime but
 * not this. The launcher computes the same hash (launcher/record.go, goListing): names sorted by
 * bytes, one per line, directories with a trailing slash; an unreadable directory hashes as empty.
 */
export function goListing(dir: string): { hash: string; goFiles: string[] } {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { hash: sha256(''), goFiles: [] };
  }
  const names: Buffer[] = [];
  const goFiles: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) {
      if (visitedDir(e.name)) names.push(Buffer.from(e.name + '/'));
    } else if (e.name.endsWith('.go') && !ignoredName(e.name)) {
      names.push(Buffer.from(e.name));
      goFiles.push(e.name);
    } else if (otherInput(e.name)) {
      names.push(Buffer.from(e.name));
    }
  }
  names.sort(Buffer.compare);
  return { hash: sha256(names.map((n) => n.toString('utf8')).join('\n')), goFiles };
}
