/**
 * The part of the weaving core that the go-command integration uses. Declared here as an
 * interface so the planner, cache and overlay can be exercised with a small fake in tests and
 * so gocmd depends on the core's contract (ARCHITECTURE.md), not its internals.
 */
export interface PackageRef {
  importPath: string;
  name?: string;
  standard?: boolean;
  mainModule?: boolean;
}

export interface PackageInput extends PackageRef {
  testMain?: boolean;
  files: { path: string; source: string }[];
}

export interface PackageResult {
  files: { path: string; source: string; changed: boolean }[];
  addedImports: string[];
  linkDeps: string[];
  joinPoints: number;
  aspects: string[];
}

/** Where the core remembers single files' weaves between builds (see the core's FileMemo). */
export interface FileMemo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface Core<A> {
  loadConfig(opts: { configPath?: string; moduleRoot?: string; builtins?: boolean }): Promise<A>;
  packageMayMatch(aspects: A, pkg: PackageRef): boolean;
  weavePackage(aspects: A, pkg: PackageInput, memo?: FileMemo): Promise<PackageResult>;
  aspectSetHash(aspects: A): string;
  /** Ids of the aspects that only a generated test main could match (never woven by go-weave). */
  testMainOnlyAspects?(aspects: A): string[];
  /**
   * A file's source without the comments its woven form leaves out (the core's print/comments.ts),
   * for `go-weave diff` to compare with.
   */
  withoutOmittedComments?(path: string, source: string): Promise<string>;
  /** Identifies the weaving code itself, so a new go-weave never reuses an old weave. */
  fingerprint: string;
  /**
   * Rebuilds an aspect set from its JSON form, when the set is plain data. With it, a build whose
   * aspect files did not change reads the set from the weave cache instead of parsing the YAML.
   */
  revive?(json: unknown): Promise<A>;
}

/** Error shape the core throws (WeaveError); read structurally to avoid an import cycle. */
export interface LocatedError {
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

export function asLocated(err: unknown): LocatedError {
  if (err && typeof err === 'object' && 'message' in err) {
    const e = err as { message: string; file?: unknown; line?: unknown; col?: unknown };
    return {
      message: String(e.message),
      file: typeof e.file === 'string' ? e.file : undefined,
      line: typeof e.line === 'number' ? e.line : undefined,
      col: typeof e.col === 'number' ? e.col : undefined,
    };
  }
  return { message: String(err) };
}
