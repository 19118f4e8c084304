import { isAbsolute } from 'node:path';
import type { Env } from './env.js';
import { capture } from './exec.js';

/** The subset of `go list -json` fields the planner reads. */
export interface ListedPackage {
  ImportPath: string;
  Name?: string;
  Dir?: string;
  /** Where go install writes a command (uptodate.ts). */
  Target?: string;
  Standard?: boolean;
  Goroot?: boolean;
  ForTest?: string;
  DepOnly?: boolean;
  GoFiles?: string[];
  CgoFiles?: string[];
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  IgnoredGoFiles?: string[];
  /** Other files the build reads (uptodate.ts stamps them). */
  CFiles?: string[];
  CXXFiles?: string[];
  MFiles?: string[];
  HFiles?: string[];
  FFiles?: string[];
  SFiles?: string[];
  SwigFiles?: string[];
  SwigCXXFiles?: string[];
  SysoFiles?: string[];
  IgnoredOtherFiles?: string[];
  CgoPkgConfig?: string[];
  EmbedPatterns?: string[];
  Imports?: string[];
  Module?: { Path: string; Version?: string; Dir?: string; GoMod?: string; GoVersion?: string; Main?: boolean; Replace?: { Path: string; Version?: string } };
  Error?: { Err: string; Pos?: string };
  Incomplete?: boolean;
}

/**
 * The names of the Go files go list found in a package's directory: built, cgo, ignored and
 * test files. A test binary's main package, listed in its package's directory, names the main
 * go generated in its cache by an absolute path: no file of that directory, so left out.
 */
export function goFileNames(p: ListedPackage): string[] {
  return [p.GoFiles, p.CgoFiles, p.IgnoredGoFiles, p.TestGoFiles, p.XTestGoFiles].flatMap((list) => list ?? []).filter((f) => !isAbsolute(f));
}

export const LIST_FIELDS =
  'ImportPath,Name,Dir,Target,Standard,Goroot,ForTest,DepOnly,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,IgnoredGoFiles,' +
  'CFiles,CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,IgnoredOtherFiles,CgoPkgConfig,EmbedPatterns,' +
  'Imports,Module,Error,Incomplete';

/**
 * Lists the packages the go command will build, in dependency order. A field list keeps go list
 * from computing staleness, which would cost as much as a build. -e lets broken packages through
 * so that the real go command, not go-weave, reports the user's errors.
 */
export async function goList(go: string, opts: { cwd?: string; env: Env; flags: string[]; patterns: string[]; tests: boolean }): Promise<ListedPackage[]> {
  const args = ['list', '-e', '-deps', `-json=${LIST_FIELDS}`, ...(opts.tests ? ['-test'] : []), ...opts.flags, '--', ...opts.patterns];
  const r = await capture(go, args, { cwd: opts.cwd, env: opts.env });
  if (r.code !== 0) {
    throw new GoCommandError(`go list failed (exit ${r.code})`, r.stderr);
  }
  return parseJSONStream<ListedPackage>(r.stdout);
}

/** A helper go command failed; `output` is what it printed, shown to the user as is. */
export class GoCommandError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'GoCommandError';
  }
}

/** go list -json prints concatenated objects, not an array. */
export function parseJSONStream<T>(text: string): T[] {
  const out: T[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */) {
      if (depth++ === 0) start = i;
    } else if (c === 125 /* } */) {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as T);
    }
  }
  return out;
}

/** Settings that locate the module and decide the package graph (all part of the plan key). */
const ENV_VARS = ['GOMOD', 'GOWORK', 'GOVERSION', 'GOROOT', 'GOFLAGS', 'GOMODCACHE', 'GOOS', 'GOARCH', 'CGO_ENABLED', 'GOEXPERIMENT', 'GOAMD64', 'GOARM', 'GOARM64', 'GO386', 'GOPPC64', 'GORISCV64', 'GOWASM', 'GOPATH', 'GOPROXY', 'GONOPROXY', 'GONOSUMDB', 'GOPRIVATE', 'GOINSECURE', 'CC', 'GOENV'] as const;

export type GoEnv = Record<(typeof ENV_VARS)[number], string>;

export async function goEnv(go: string, opts: { cwd?: string; env: Env }): Promise<GoEnv> {
  const r = await capture(go, ['env', '-json', ...ENV_VARS], opts);
  if (r.code !== 0) throw new GoCommandError(`go env failed (exit ${r.code})`, r.stderr);
  return JSON.parse(r.stdout) as GoEnv;
}
