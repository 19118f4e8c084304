import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { otherInput } from './listing.js';

/** A directory's names, or none when it cannot be read (missing, not a directory). */
export function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether path is a directory now (false when it is missing or unreadable). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether path is a regular file now (false when it is missing or unreadable). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A module tree's directories and the files a build of it reads (tests, testdata and names go
 * ignores left out): Go files, go.mod, and the C, assembly and other files go may compile.
 */
export function moduleSources(root: string): { dirs: string[]; files: string[] } {
  const out = { dirs: [] as string[], files: [] as string[] };
  const walk = (dir: string) => {
    out.dirs.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('_') || e.name === 'testdata') continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if ((e.name.endsWith('.go') && !e.name.endsWith('_test.go')) || e.name === 'go.mod' || otherInput(e.name)) out.files.push(path);
    }
  };
  walk(root);
  return out;
}
