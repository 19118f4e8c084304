import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { WeaveCache } from './cache.js';
import type { Core, PackageRef } from './core.js';
import { sha256 } from './hash.js';
import { readJsonFile } from './parsed-json.js';

type Stamp = [path: string, mtimeMs: number, size: number];

interface ConfigEntry {
  stamps: Stamp[];
  hash: string;
  /** packageMayMatch answers, by package. */
  verdicts: Record<string, boolean>;
  /** Aspects only a generated test main could match (Core.testMainOnlyAspects). */
  testMainOnly?: string[];
}

function stampOf(path: string): Stamp {
  try {
    const st = statSync(path);
    return [path, st.mtimeMs, st.size];
  } catch {
    return [path, -1, -1];
  }
}

function refKey(ref: PackageRef): string {
  return `${ref.importPath}\0${ref.name ?? ''}\0${ref.standard ? 1 : 0}\0${ref.mainModule ? 1 : 0}`;
}

/**
 * Loading and validating the aspect YAML costs a few hundred milliseconds, more than the rest
 * of a no-op woven build. While none of the loaded files changed, the set's hash and the
 * prefilter's answers are taken from the last run; the set itself is loaded only when a package
 * must actually be woven (or a package not seen before must be prefiltered).
 */
export class LazyConfig<A> {
  private loaded?: Promise<A>;
  private entry?: ConfigEntry;
  private dirty = false;
  private readonly path: string;

  constructor(
    private readonly core: Core<A>,
    private readonly opts: { configPath?: string; moduleRoot?: string },
    cache: WeaveCache,
    /** Files whose appearance changes the configuration (the module's go-weave.yml). */
    private readonly watch: string[],
    /** Anything else that selects the configuration (e.g. where the built-in aspects come from). */
    salt = '',
  ) {
    const key = sha256('config', core.fingerprint, opts.configPath ?? '', opts.moduleRoot ?? '', salt);
    this.path = join(cache.root, 'config', key.slice(0, 2), key + '.json');
    try {
      const e = readJsonFile<ConfigEntry>(this.path);
      if (e.stamps.every(([p, m, s]) => {
        const [, m2, s2] = stampOf(p);
        return m === m2 && s === s2;
      })) this.entry = { ...e, verdicts: { ...e.verdicts } };
    } catch {
      // No entry yet: the first call loads the configuration.
    }
  }

  /** Loads (once) and returns the aspect set; errors surface as the core throws them. */
  aspects(): Promise<A> {
    this.loaded ??= this.revived() ?? this.core.loadConfig(this.opts).then((a) => {
      const hash = this.core.aspectSetHash(a);
      if (!this.entry || this.entry.hash !== hash) {
        const files = [...new Set([...filesOf(a), ...this.watch])];
        this.entry = { stamps: files.map(stampOf), hash, verdicts: {}, testMainOnly: this.core.testMainOnlyAspects?.(a) ?? [] };
        this.dirty = true;
      }
      if (this.core.revive) writeFileAtomic(this.setPath(), JSON.stringify({ hash, set: a }));
      return a;
    });
    return this.loaded;
  }

  private setPath(): string {
    return this.path.replace(/\.json$/, '.set.json');
  }

  /** The set saved by the run that last loaded these (unchanged) files, if the core can revive it. */
  private revived(): Promise<A> | undefined {
    if (!this.core.revive || !this.entry) return undefined;
    try {
      const saved = readJsonFile<{ hash?: string; set?: unknown }>(this.setPath());
      if (saved.hash !== this.entry.hash || saved.set === undefined) return undefined;
      return this.core.revive(saved.set);
    } catch {
      return undefined;
    }
  }

  async hash(): Promise<string> {
    if (!this.entry) await this.aspects();
    return this.entry!.hash;
  }

  async testMainOnly(): Promise<string[]> {
    if (!this.entry) await this.aspects();
    return this.entry!.testMainOnly ?? [];
  }

  async mayMatch(ref: PackageRef): Promise<boolean> {
    const k = refKey(ref);
    const known = this.entry?.verdicts[k];
    if (known !== undefined) return known;
    const v = this.core.packageMayMatch(await this.aspects(), ref);
    this.entry!.verdicts[k] = v;
    this.dirty = true;
    return v;
  }

  /** The files the configuration was read from (and the watched ones): what its hash depends on. */
  files(): string[] {
    return [...new Set([...(this.entry?.stamps.map((st) => st[0]) ?? []), ...this.watch])];
  }

  save(): void {
    if (this.dirty && this.entry) writeFileAtomic(this.path, JSON.stringify(this.entry));
    this.dirty = false;
  }
}

/** The files an aspect set was read from, when the core reports them (AspectSet.files). */
function filesOf(a: unknown): string[] {
  const files = (a as { files?: unknown }).files;
  return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
}
