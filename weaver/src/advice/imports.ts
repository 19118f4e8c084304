import type { GoFile } from '../parse/gofile.js';
import { defaultImportName } from '../parse/gofile.js';

/**
 * Chooses the aliases under which woven code imports packages: one `__weave_<name>` per path,
 * never one the file already binds, and none for the package being woven itself.
 */
export class ImportAllocator {
  private readonly byPath = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly blank = new Set<string>();

  /** `reserved`: names that must not be chosen, e.g. every `__weave_*` identifier in the package's sources. */
  constructor(private readonly file: GoFile, private readonly selfPath: string, reserved: Iterable<string> = []) {
    for (const a of file.aliases.keys()) this.taken.add(a);
    for (const r of reserved) this.taken.add(r);
  }

  /** The qualifier to use for `path`, or '' when the code lives in that package. */
  aliasFor(path: string, hint = defaultImportName(path)): string {
    if (path === this.selfPath) return '';
    let a = this.byPath.get(path);
    if (a) return a;
    const base = '__weave_' + hint.replace(/[^A-Za-z0-9_]/g, '_');
    a = base;
    for (let i = 2; this.taken.has(a); i++) a = base + i;
    this.taken.add(a);
    this.byPath.set(path, a);
    return a;
  }

  addBlank(path: string): boolean {
    if (path === this.selfPath || this.file.imports.some((i) => i.path === path) || this.byPath.has(path)) return false;
    this.blank.add(path);
    return true;
  }

  paths(): string[] {
    return [...new Set([...this.byPath.keys(), ...this.blank])];
  }

  /** Import declaration text placed on the package clause's line, so no original line moves. */
  declaration(): string {
    const specs = [...this.byPath].map(([p, a]) => `${a} ${JSON.stringify(p)}`);
    for (const p of this.blank) if (!this.byPath.has(p)) specs.push(`_ ${JSON.stringify(p)}`);
    return specs.length ? `; import (${specs.join('; ')})` : '';
  }
}
