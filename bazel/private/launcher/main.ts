// The weaver as Bazel actions run it. Bundled by build.mjs into ../weaver_launcher.cjs together
// with the weaving core (weaver/src/index.ts) and the runfiles library, so that actions need no
// node_modules. The grammar wasm files and built-in aspects are read from dist/weaver, found
// through runfiles and handed to the core as GOWEAVE_ASSETS.
//
//   weave [-c ASPECTS.yml]… [--build-context CTX [--tag TAG]…] -p IMPORT_PATH -o OUT_DIR [--report R.json]
//         [--main-module] [--link-deps-into NAME.go [--link-deps-from R.json]…] FILE.go…
//         (--link-deps-into: an executable's main package, given the weave reports of all it
//         links: the packages their link-package advice names are imported in OUT_DIR/NAME.go)
//   weave-std [-c ASPECTS.yml]… [--skip IMPORT_PATH]… SRC_DIR
//             (weaves, in place, every std package the aspects may touch, except the skipped ones)
//   weave-test [-c ASPECTS.yml]… [--build-context CTX [--tag TAG]…] -p IMPORT_PATH -o OUT_DIR
//              --package-dir DIR [--report R.json] [--link-deps-from R.json]…
//              [--cover-package IMPORT_PATH]… FILE.go…
//             (go_weaved_test: a package and its tests, split into OUT_DIR/internal (package p
//             with its internal tests) and OUT_DIR/external (p_test), both woven, and the test
//             binary's main package in OUT_DIR/main, which reports the coverage counters of
//             the --cover-package packages)
//   --cover COVER_TOOL (weave, weave-test): bazel coverage instruments the package's non-test
//             files first (go tool cover), then weaves cover's output, so the counters count
//             the user's statements alone, and adds OUT_DIR/zz_goweave_cover.go, which lists
//             them for the test binary's main (coverage.ts)
//
//   --asm FILE.s (weave, weave-test): an assembly source of the package; those the build context
//             selects are listed in OUT_DIR/goweave-asm.txt (weave-test: OUT_DIR/internal/), for
//             compile.sh to assemble into the package's archive
//
// `weave` matches the go-weave CLI, plus --main-module: Bazel targets are the project's own code,
// which aspects restricted to the main module (package-filter root: true) must see.
// --build-context (the standard-library action's go list context) selects the FILEs the go
// command would compile for that target, with each --tag added (that action takes only the tags
// std's files name); the others are listed in OUT_DIR/goweave-excluded.txt.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runfiles } from '@bazel/runfiles';
import { loadGoFile } from '../../../weaver/src/parse/gofile.ts';
import { type BuildContext, excludedBecause, parseBuildContext } from '../../../weaver/src/parse/constraints.ts';
import { linkDepsFile } from '../../../weaver/src/gocmd/overlay.ts';
import { TESTMAIN_FILE, testMainStub } from '../../../weaver/src/gocmd/testmain.ts';
import { noTestDecls, testDecls, testMainSource } from './testmain.ts';
import { COVER_FILE, coverVar, coverRegistration } from './coverage.ts';
import {
  type AspectSet,
  loadAspectFiles,
  loadConfig,
  packageMayMatch,
  WeaveError,
  weavePackage,
} from '../../../weaver/src/index.ts';

const USAGE =
  'usage: weaver weave [-c ASPECTS.yml]… [--build-context CTX [--tag TAG]…] -p IMPORT_PATH -o OUT_DIR [--report R.json] [--main-module] [--link-deps-into NAME.go [--link-deps-from R.json]…] FILE.go…\n' +
  '       weaver weave-std [-c ASPECTS.yml]… [--skip IMPORT_PATH]… SRC_DIR\n' +
  '       weaver weave-test [-c ASPECTS.yml]… [--build-context CTX [--tag TAG]…] -p IMPORT_PATH -o OUT_DIR --package-dir DIR [--report R.json] [--link-deps-from R.json]… FILE.go…';

interface Args {
  configs: string[];
  buildContext?: string;
  /** Build tags beyond the build context's: the std action reads only those std's files name. */
  tags: string[];
  importPath?: string;
  outDir?: string;
  report?: string;
  mainModule: boolean;
  packageDir?: string;
  linkDepsInto?: string;
  linkDepsFrom: string[];
  skip: Set<string>;
  cover?: string;
  coverPackages: string[];
  asm: string[];
  rest: string[];
}

function parse(argv: string[]): Args {
  const a: Args = { configs: [], tags: [], mainModule: false, linkDepsFrom: [], skip: new Set(), coverPackages: [], asm: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      if (i + 1 >= argv.length) throw new WeaveError(`${arg} needs a value; ${USAGE}`);
      return argv[++i];
    };
    if (arg === '-c') a.configs.push(value());
    else if (arg === '-p') a.importPath = value();
    else if (arg === '--build-context') a.buildContext = value();
    else if (arg === '--tag') a.tags.push(value());
    else if (arg === '-o') a.outDir = value();
    else if (arg === '--report') a.report = value();
    else if (arg === '--main-module') a.mainModule = true;
    else if (arg === '--package-dir') a.packageDir = value();
    else if (arg === '--link-deps-into') a.linkDepsInto = value();
    else if (arg === '--link-deps-from') a.linkDepsFrom.push(value());
    else if (arg === '--skip') a.skip.add(value());
    else if (arg === '--cover') a.cover = value();
    else if (arg === '--cover-package') a.coverPackages.push(value());
    else if (arg === '--asm') a.asm.push(value());
    else if (arg.startsWith('-')) throw new WeaveError(`unknown flag ${arg}; ${USAGE}`);
    else a.rest.push(arg);
  }
  return a;
}

function writeAtomic(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function aspectsFor(configs: string[]): AspectSet {
  return configs.length ? loadAspectFiles(configs) : loadConfig({});
}

/** A package's sources the go command would compile, and the others with the reason. */
interface Selection {
  files: { path: string; source: string }[];
  excluded: { path: string; reason: string }[];
}

/**
 * The srcs the go command would compile: those the build context selects and, but for a test
 * binary, no _test.go file (a glob(["*.go"]) in a library's srcs brings its tests along). The
 * --asm sources it selects (file name and //go:build line, as for Go files) are listed by name
 * in asmDir/goweave-asm.txt for compile.sh to assemble.
 */
function selectFiles(a: Args & { outDir: string }, withTests: boolean, asmDir: string): Selection {
  const read = a.buildContext ? parseBuildContext(readFileSync(a.buildContext, 'utf8'), a.buildContext) : undefined;
  const ctx: BuildContext | undefined = read && { ...read, tags: new Set([...read.tags, ...a.tags]) };
  const sel: Selection = { files: [], excluded: [] };
  for (const path of a.rest) {
    const source = readFileSync(path, 'utf8');
    const reason = !withTests && path.endsWith('_test.go') ? 'it is a test file (go_weaved_test compiles it)' : ctx && excludedBecause(ctx, path, source);
    if (reason) sel.excluded.push({ path, reason });
    else sel.files.push({ path, source });
  }
  // compile.sh and embedcfg.cjs read it: a src missing from OUT_DIR is an error unless listed.
  writeAtomic(join(a.outDir, EXCLUDED_LIST), sel.excluded.map((e) => `${basename(e.path)}\n`).join(''));
  if (a.asm.length > 0) {
    const chosen = a.asm.filter((path) => !ctx || !excludedBecause(ctx, path, readFileSync(path, 'utf8')));
    writeAtomic(join(asmDir, ASM_LIST), chosen.map((p) => `${basename(p)}\n`).join(''));
  }
  return sel;
}

const EXCLUDED_LIST = 'goweave-excluded.txt';
const ASM_LIST = 'goweave-asm.txt';

/** go's message when nothing is left, with each file's reason (the user sees what to change). */
function allExcluded(sel: Selection): WeaveError {
  const dir = dirname(sel.excluded[0].path);
  const reasons = sel.excluded.map((e) => `\n\t${e.path}: ${e.reason}`).join('');
  return new WeaveError(`build constraints exclude all Go files in ${dir}${reasons}`);
}

async function weave(a: Args): Promise<void> {
  if (!a.importPath || !a.outDir || a.rest.length === 0) throw new WeaveError(USAGE);
  const set = aspectsFor(a.configs);
  const sel = selectFiles({ ...a, outDir: a.outDir }, false, a.outDir);
  if (sel.files.length === 0 && a.linkDepsInto) throw allExcluded(sel);
  // The package clause of the files compiled or, for a library meant for other platforms, of
  // those left out: it still builds, as an empty package, so that bazel build //... works on
  // any host (an executable without sources is the user's mistake).
  const name = packageName(sel.files.length > 0 ? sel.files.map((f) => f.source) : sel.excluded.map((e) => readFileSync(e.path, 'utf8')));
  if (sel.files.length === 0) {
    if (!name) throw allExcluded(sel);
    writeAtomic(join(a.outDir, 'zz_goweave_empty.go'), `package ${name}\n`);
  }
  const files = a.cover ? instrument(a.cover, sel.files, a.outDir, name) : sel.files;
  const res = await weavePackage(set, { importPath: a.importPath, mainModule: a.mainModule, files });
  for (const f of res.files) writeAtomic(join(a.outDir, basename(f.path)), f.source);
  const linkDeps = linkedDeps(res.linkDeps, a.linkDepsFrom);
  // Only an executable's main package gets the file (go_weaved_binary).
  if (a.linkDepsInto && linkDeps.length > 0) writeAtomic(join(a.outDir, a.linkDepsInto), linkDepsFile(linkDeps));
  if (a.report) {
    const report = {
      files: res.files.map((f) => ({ path: f.path, woven: f.changed })),
      addedImports: res.addedImports,
      linkDeps: res.linkDeps,
      joinPoints: res.joinPoints,
      aspects: res.aspects,
      excluded: sel.excluded,
    };
    writeAtomic(a.report, JSON.stringify(report, null, 2) + '\n');
  }
}

/** A package's own linkDeps and those in the weave reports of what it links, sorted, once each. */
function linkedDeps(own: string[], reports: string[]): string[] {
  const all = new Set(own);
  for (const r of reports) {
    const parsed = JSON.parse(readFileSync(r, 'utf8')) as { linkDeps?: unknown };
    if (!Array.isArray(parsed.linkDeps)) throw new WeaveError(`${r}: expected a weave report with a linkDeps list`);
    for (const d of parsed.linkDeps) if (typeof d === 'string') all.add(d);
  }
  return [...all].sort();
}

/**
 * go_weaved_test's sources: the package's files and its test files, split by package clause
 * into the package with its internal tests and the external test package, each woven as its
 * own package (the runtime.testmain aspects join TestMain: the package's own, or go-weave's
 * stand-in), and the test binary's main package that runs them.
 */
async function weaveTest(a: Args): Promise<void> {
  if (!a.importPath || !a.outDir || a.packageDir === undefined || a.rest.length === 0) throw new WeaveError(USAGE);
  const set = aspectsFor(a.configs);
  const internal: { path: string; source: string }[] = [];
  const external: { path: string; source: string }[] = [];
  const decls = { internal: noTestDecls(), external: noTestDecls() };
  const sel = selectFiles({ ...a, outDir: a.outDir }, true, join(a.outDir, 'internal'));
  if (sel.files.length === 0) throw allExcluded(sel);
  const files = await Promise.all(sel.files.map(async ({ path, source }) => ({ path, source, go: await loadGoFile(path, source) })));
  // The package's name: a non-test file's clause, else an internal test's, else the external one's.
  const clauses = files.map((f) => ({ f, pkg: f.go.packageName, test: f.path.endsWith('_test.go') }));
  const name = clauses.find((c) => !c.test)?.pkg ?? clauses.find((c) => !c.pkg.endsWith('_test'))?.pkg ?? clauses[0].pkg.replace(/_test$/, '');
  for (const { f, pkg, test } of clauses) {
    const side = test && pkg === `${name}_test` ? 'external' : 'internal';
    if (pkg !== name && side === 'internal') {
      throw new WeaveError(`package ${pkg}; expected package ${name}${test ? ` or ${name}_test` : ''}`, { file: f.path, line: 1 });
    }
    (side === 'internal' ? internal : external).push({ path: f.path, source: f.source });
    if (!test) continue;
    const found = testDecls(f.go);
    decls[side].funcs.push(...found.funcs);
    if (found.hasTestMain && (decls.internal.hasTestMain || decls.external.hasTestMain)) {
      throw new WeaveError('multiple definitions of TestMain', { file: f.path, line: 1 });
    }
    decls[side].hasTestMain ||= found.hasTestMain;
  }
  for (const f of files) f.go.tree.delete();
  const dir = dirname(a.rest[0]);
  if (!decls.internal.hasTestMain && !decls.external.hasTestMain) {
    internal.push({ path: join(dir, TESTMAIN_FILE), source: testMainStub(name) });
    decls.internal.hasTestMain = true;
  }
  const internalFiles = a.cover ? instrument(a.cover, internal, join(a.outDir, 'internal'), name) : internal;
  const wovenInternal = await weavePackage(set, { importPath: a.importPath, mainModule: true, files: internalFiles });
  // An empty external package keeps the action graph fixed: Bazel declared its compile already.
  const externalFiles = external.length > 0 ? external : [{ path: join(dir, 'zz_goweave_external_test.go'), source: `package ${name}_test\n` }];
  const wovenExternal = await weavePackage(set, { importPath: `${a.importPath}_test`, mainModule: true, files: externalFiles });
  for (const f of wovenInternal.files) writeAtomic(join(a.outDir, 'internal', basename(f.path)), f.source);
  for (const f of wovenExternal.files) writeAtomic(join(a.outDir, 'external', basename(f.path)), f.source);
  const linkDeps = linkedDeps([...wovenInternal.linkDeps, ...wovenExternal.linkDeps], a.linkDepsFrom);
  const main = testMainSource({
    importPath: a.importPath,
    internal: decls.internal,
    external: external.length > 0 ? decls.external : undefined,
    linkDeps,
    packageDir: a.packageDir,
    coverPackages: a.coverPackages,
  });
  writeAtomic(join(a.outDir, 'main', 'zz_goweave_testmain.go'), main);
  if (a.report) {
    const woven = [...wovenInternal.files, ...wovenExternal.files];
    const report = {
      files: woven.map((f) => ({ path: f.path, woven: f.changed })),
      addedImports: [...new Set([...wovenInternal.addedImports, ...wovenExternal.addedImports])],
      linkDeps,
      joinPoints: wovenInternal.joinPoints + wovenExternal.joinPoints,
      aspects: [...new Set([...wovenInternal.aspects, ...wovenExternal.aspects])],
      tests: { internal: decls.internal.funcs, external: decls.external.funcs },
      excluded: sel.excluded,
    };
    writeAtomic(a.report, JSON.stringify(report, null, 2) + '\n');
  }
}

/**
 * bazel coverage: each non-test file as go tool cover instruments it (counters in GoWeaveCoverN),
 * in place of its source, and the file of package pkg that lists the counters, written into dir
 * even with no file to cover (the test's main names every package it was told of).
 */
function instrument(tool: string, files: { path: string; source: string }[], dir: string, pkg: string | undefined): { path: string; source: string }[] {
  const covered: string[] = [];
  const out = files.map((f) => {
    if (f.path.endsWith('_test.go')) return f;
    const name = coverVar(covered.length);
    covered.push(f.path);
    try {
      return { path: f.path, source: execFileSync(tool, ['-mode=set', `-var=${name}`, f.path], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new WeaveError(`go tool cover failed on ${f.path}: ${(err.stderr || err.message).trim()}`);
    }
  });
  if (pkg) writeAtomic(join(dir, COVER_FILE), coverRegistration(pkg, covered));
  return out;
}

/** Package directories under src, as import paths (cmd and testdata are never std packages). */
function stdPackages(src: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const names = readdirSync(join(src, rel)).sort();
    if (rel && names.some((n) => n.endsWith('.go') && !n.endsWith('_test.go'))) out.push(rel);
    for (const n of names) {
      if (n === 'testdata' || n.startsWith('.') || n.startsWith('_') || (rel === '' && n === 'cmd')) continue;
      const child = rel ? `${rel}/${n}` : n;
      if (statSync(join(src, child)).isDirectory()) walk(child);
    }
  };
  walk('');
  return out;
}

/** The package clause shared by the files that are not `//go:build ignore` generators. */
function packageName(sources: string[]): string | undefined {
  for (const source of sources) {
    if (/^\/\/go:build ignore\s*$/m.test(source)) continue;
    const m = /^package\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(source);
    if (m) return m[1];
  }
  return undefined;
}

async function weaveStd(a: Args): Promise<void> {
  if (a.rest.length !== 1) throw new WeaveError(USAGE);
  const src = a.rest[0];
  const set = aspectsFor(a.configs);
  // Paths relative to src make //line directives read like std positions (net/http/server.go).
  process.chdir(src);
  for (const importPath of stdPackages('.').map((p) => p.replace(/^\.\//, ''))) {
    const names = readdirSync(importPath).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
    const files = names.map((n) => ({ path: `${importPath}/${n}`, source: readFileSync(`${importPath}/${n}`, 'utf8') }));
    const name = packageName(files.map((f) => f.source));
    // The cheap prefilter keeps the run short: only a handful of std packages can match.
    if (a.skip.has(importPath) || !packageMayMatch(set, { importPath, name, standard: true })) continue;
    const res = await weavePackage(set, { importPath, name, standard: true, files });
    for (const f of res.files) if (f.changed) writeAtomic(f.path, f.source);
  }
}

function useBundleAssets(): void {
  const rloc = process.env.GOWEAVE_ASSETS_RLOCATION;
  if (!rloc) throw new WeaveError('GOWEAVE_ASSETS_RLOCATION is not set (the Bazel launcher script sets it)');
  process.env.GOWEAVE_ASSETS = runfiles.resolve(rloc);
}

async function main(argv: string[]): Promise<number> {
  try {
    useBundleAssets();
    const [cmd, ...rest] = argv;
    if (cmd === 'weave') await weave(parse(rest));
    else if (cmd === 'weave-std') await weaveStd(parse(rest));
    else if (cmd === 'weave-test') await weaveTest(parse(rest));
    else throw new WeaveError(`unknown command ${cmd ?? '(none)'}; ${USAGE}`);
    return 0;
  } catch (e) {
    if (e instanceof WeaveError) {
      process.stderr.write(`go-weave: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`go-weave: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  },
);
