import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ParsedArgs } from './args.js';
import type { Env } from './env.js';
import { isDirectory } from './dirs.js';
import { capture } from './exec.js';
import { UsageError } from './usage.js';

// `go install pkg@version` and `go run pkg@version` build outside any module of the user's: the
// module that provides pkg, at that version, is the main module. The go command refuses -overlay
// for its files (they are in the module cache) and -modfile with such arguments, so go-weave
// builds the same packages from a copy of that module, as its main module, with the usual
// pipeline. Aspects for the main module (//weave:span, runtime.exit…) then apply to that module,
// as they would to the user's own.

/** A `path@query` argument of install or run. */
export interface VersionedArg {
  arg: string;
  path: string;
  query: string;
}

/** The module that provides the packages, from the module cache. */
export interface ProvidingModule {
  path: string;
  version: string;
  dir: string;
  goMod?: string;
}

/** The pkg@version arguments of a go install or go run; empty for any other command. */
export function versionedArgs(p: ParsedArgs): VersionedArg[] {
  if (p.subcommand !== 'install' && p.subcommand !== 'run') return [];
  const pkgs = p.subcommand === 'run' ? p.packages.slice(0, 1) : p.packages;
  return pkgs.filter((a) => a.includes('@') && !a.endsWith('.go')).map((arg) => {
    const at = arg.indexOf('@');
    return { arg, path: arg.slice(0, at), query: arg.slice(at + 1) };
  });
}

/** Module paths that may provide pkg, longest first: the go command takes the longest that does. */
export function candidateModules(pkg: string): string[] {
  const parts = pkg.split('/');
  const out: string[] = [];
  for (let n = parts.length; n >= 1; n--) out.push(parts.slice(0, n).join('/'));
  return out;
}

interface Downloaded {
  Path?: string;
  Version?: string;
  Dir?: string;
  GoMod?: string;
  Info?: string;
  Error?: string;
}

/**
 * Finds and downloads the module that provides each argument's package at its query, as go
 * install does: one module at one version for all of them.
 */
export async function providingModule(go: string, env: Env, args: VersionedArg[]): Promise<{ module: ProvidingModule; packages: string[] }> {
  const mixed = () => new UsageError(`go-weave: ${args.map((a) => a.arg).join(' ')}: all arguments must refer to packages in the same module at the same version`);
  if (new Set(args.map((a) => a.query)).size > 1) throw mixed();
  let module: ProvidingModule | undefined;
  const packages: string[] = [];
  // Outside any module, as go install pkg@version resolves.
  const scratch = mkdtempSync(join(tmpdir(), 'go-weave-versioned-'));
  try {
    const modEnv: Env = { ...env, GOWORK: 'off', GOFLAGS: '' };
    for (const a of args) {
      const found = module && (a.path === module.path || a.path.startsWith(module.path + '/')) ? module : await download(go, modEnv, scratch, a);
      if (module && found.path !== module.path) throw mixed();
      module = found;
      const rel = relative(found.path, a.path);
      packages.push(rel ? './' + rel : '.');
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!module) throw new UsageError('go-weave: no package@version argument');
  checkMainModuleRules(module, args[0].arg);
  return { module, packages };
}

async function download(go: string, env: Env, cwd: string, a: VersionedArg): Promise<ProvidingModule> {
  let firstError = '';
  let lacking = '';
  // A pattern (pkg/...@version) is looked up by the directory it starts from.
  const base = a.path.replace(/\/\.\.\.$/, '');
  for (const candidate of candidateModules(base)) {
    const r = await capture(go, ['mod', 'download', '-json', `${candidate}@${a.query}`], { cwd, env });
    let d: Downloaded;
    try {
      d = JSON.parse(r.stdout) as Downloaded;
    } catch {
      d = { Error: r.stderr.trim() };
    }
    if (d.Error || !d.Dir || !d.Version) {
      // go's own message repeats the argument, which ours names already.
      const error = (d.Error ?? r.stderr.trim()).replace(`${candidate}@${a.query}: `, '');
      // A module the proxy has at that version (go read its .info or go.mod) that go cannot use
      // (it requires a newer Go): go install stops there with that reason, and so does this.
      // Longer paths that are no module at all only failed to be found.
      if (d.Info || d.GoMod) throw new UsageError(`go-weave: ${a.arg}: ${error}`);
      // Otherwise the longest path's error says most (a bad version, a network failure).
      firstError ||= error;
      continue;
    }
    if (isDirectory(join(d.Dir, relative(candidate, base)))) return { path: candidate, version: d.Version, dir: d.Dir, goMod: d.GoMod };
    lacking ||= `module ${candidate}@${d.Version} found, but does not contain package ${a.path}`;
  }
  throw new UsageError(`go-weave: ${a.arg}: ${lacking || firstError || 'no module provides this package'}`);
}

/**
 * The go command builds pkg@version only from a module whose go.mod it would read the same way
 * as a dependency's: no replace or exclude directives. Building the copy as a main module would
 * obey them, so go-weave refuses what go refuses.
 */
function checkMainModuleRules(m: ProvidingModule, arg: string): void {
  const gomod = join(m.dir, 'go.mod');
  if (!existsSync(gomod)) return;
  const text = readFileSync(gomod, 'utf8');
  const directive = /^\s*(replace|exclude)\b/m.exec(text.replace(/\/\/.*$/gm, ''));
  if (directive) {
    throw new UsageError(`go-weave: ${arg} (in ${m.path}@${m.version}): its go.mod contains ${directive[1]} directives, which go install and go run refuse for pkg@version; build it from a module of your own that requires ${m.path}`);
  }
}
