import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { boolFlagOn, parseGoArgs, type ParsedArgs } from './args.js';
import { fileMemoIn, WeaveCache } from './cache.js';
import { asLocated, type Core } from './core.js';
import { UsageError } from './usage.js';
import { goBinary, weaveCacheDir, type Env } from './env.js';
import { goEnv, goList, LIST_FIELDS, type GoEnv, type ListedPackage } from './golist.js';
import { prepareModfile, prepareWorkfile, type ModuleVersion } from './modfile.js';
import { toolchainCopy } from './toolchain.js';
import { directivesNamingCopy, ensureModuleCopy, lineNamed, relocate, type ModuleCopy } from './modcopy.js';
import { bypassesProxy, proxyList, serveModule, type ServedVersion } from './modproxy.js';
import { serveRuntime } from './runtime-served.js';
import { fetchServedQuietly } from './served-fetch.js';
import { PlanCache, type HeadersHold } from './plancache.js';
import { linkDepsFile, linkDepsPath, readUserOverlay, RUNTIME_IN_MODULE, runtimeInModule, writeOverlay } from './overlay.js';
import { isRuntimePackage, planUnitsAsync, RUNTIME_MODULE } from './plan.js';
import { isFile } from './dirs.js';
import { extendedSource, isFileList, standInTestMain } from './filelist.js';
import { buildsVendored, inWorkspace, linkWorkspaceVendor, prepareVendorWorkspace, vendorState, type VendorWorkspace } from './vendoring.js';
import { LazyConfig } from './lazyconfig.js';
import { OTLP_EXPORTER, testedPackages, testMainPackages, testLinkDepsFile, testMainStub, testsExportOtlp, TEST_LINKDEPS_FILE, TESTMAIN_FILE } from './testmain.js';
import { mergeOutcome, weaveEach, type UnitResult, type WeaveFn, type WeaveOutcome, type WriteLater } from './weaving.js';
import { coverPlan, covers, toolexecFlag, writeCoverFiles } from './coverweave.js';

export { UsageError };

export interface Prepared {
  parsed: ParsedArgs;
  go: string;
  cwd: string;
  packages: ListedPackage[];
  outcome: WeaveOutcome;
  /** Arguments for the real go command, subcommand first. */
  goArgs: string[];
  /** Environment for the real go command (GOWORK may point at a copy). */
  goEnv: Env;
  /** The user's overlay entries, which woven files build upon. */
  userOverlay: Map<string, string>;
  /** Milliseconds spent in go list and in weaving (cache lookups included), for -v style reports. */
  timings: { env: number; config: number; list: number; weave: number };
  /** The package graph came from the plan cache (go list did not run). */
  planCached: boolean;
  /** Packages an aspect may match but that cannot be woven: the standard library of a toolchain in the module cache. */
  skipped: string[];
  /** Module-cache dependencies with woven files, built from copies in the weave cache. */
  moduleCopies: ModuleCopy[];
  /** The go env the plan was made with. */
  ge: GoEnv;
  /** Files whose change can change the plan: the package graph's and the configuration's. */
  inputs: string[];
  /** What goArgs hands the go command from the weave cache: -overlay (file and map), -modfile, and a coverage build's -toolexec script and plan. */
  goFiles: { overlay?: string; replace: Map<string, string>; modfile?: string; cover?: { script: string; plan: string } };
  /** Where the aspect configuration was read from. */
  configOpts: ConfigOpts;
  /** The weave cache's copy of a GOTOOLCHAIN-downloaded toolchain that builds with (toolchain.ts). */
  toolchainCopy?: string;
  /** go test: aspects that only a generated test main could match, which go-weave cannot weave. */
  testMainOnly: string[];
  /** The runtime module's directory, when woven code brings it into the build. */
  runtimeDir?: string;
  /** The runtime module's version that go-weave's proxy serves, when the build requires it so. */
  runtimeServed?: ServedVersion;
  /**
   * This plan again after `changed` Go files (absolute paths) were written, with nothing else
   * changed; undefined when that takes a whole plan (a file is gone or was not listed with the
   * package graph, or an edit changed what go list reports).
   */
  again?: (changed: string[], later?: WriteLater) => Promise<Prepared | undefined>;
  /** Made by `again` of an earlier plan, for this many edited files. */
  edited?: number;
}

/** How a plan brings the woven build's modules in (prepare's setUpModules). */
interface ModuleSetup {
  modfile?: string;
  vendorWs?: VendorWorkspace;
  /** -trimpath builds: the runtime's files overlaid at ./.go-weave/runtime in the module. */
  runtimeFiles: Map<string, string>;
  runtimeServed?: ServedVersion;
  /** The runtime's files, stamped by the record when its version is served. */
  runtimeInputs: string[];
  /** GOWORK and GOPROXY, where the go command runs with others than the user's. */
  env: Env;
}

/** Runs one core call; a pool of workers can replace the in-thread default. */
export interface CoreRunner<A> {
  core: Core<A>;
  /** memoDir: the weave cache directory, for the per-file memo of large packages (none: no memo). */
  weaveWith?: (aspects: A, configOpts: ConfigOpts, memoDir?: string) => WeaveFn;
  concurrency?: number;
  /** Overrides where the runtime module is found (tests use a small stand-in). */
  runtimeDir?: string;
  /** Answers `go env` (the weave server remembers answers between builds). */
  goEnv?: typeof goEnv;
  /**
   * How the go command's cover steps reach go-weave (node and go-weave's script), to weave what
   * cover writes (coverweave.ts). Without it, covered packages build from their plain files.
   */
  coverCommand?: string[];
}

export interface ConfigOpts {
  configPath?: string;
  moduleRoot?: string;
}

/** The runtime module woven code imports; resolved by the assets lookup (repo or bundle). */
export type RuntimeDirFn = () => string;

/** Packages with this many files or more keep a per-file memo; smaller ones re-weave whole. */
export const MEMO_MIN_FILES = 8;

/**
 * Plans, weaves and prepares the overlay/modfile for one go command. Nothing here modifies the
 * user's tree: every generated file lives in the weave cache.
 */
export async function prepare<A>(runner: CoreRunner<A>, subcommand: string, args: string[], env: Env, runtimeDir: RuntimeDirFn, workDir = process.cwd()): Promise<Prepared> {
  const timings = { env: 0, config: 0, list: 0, weave: 0 };
  const parsed = parseGoArgs(subcommand, args);
  let go = goBinary(env);
  const cwd = parsed.chdir ? resolve(workDir, parsed.chdir) : workDir;
  const userOverlay = parsed.userOverlay ? readUserOverlay(parsed.userOverlay, cwd) : new Map<string, string>();
  const listFlags = [...parsed.graphFlags];
  if (parsed.userOverlay) listFlags.push(`-overlay=${resolve(cwd, parsed.userOverlay)}`);
  if (parsed.userModfile) listFlags.push(`-modfile=${resolve(cwd, parsed.userModfile)}`);
  const tEnv = performance.now();
  const cacheDir = weaveCacheDir(env);
  const cache = new WeaveCache(cacheDir);
  try {
    mkdirSync(cache.root, { recursive: true });
  } catch (err) {
    throw new UsageError(`go-weave: cannot use the weave cache ${cacheDir}: ${(err as Error).message}; set GOWEAVE_CACHE to a writable directory`);
  }
  const envOf = runner.goEnv ?? goEnv;
  let ge = await envOf(go, { cwd, env });
  const goroot = toolchainCopy(cache, ge.GOMODCACHE, ge.GOROOT);
  if (goroot) {
    // Every later go command (list, build, the program's own `go run`) uses the copy as is.
    go = join(goroot, 'bin', process.platform === 'win32' ? 'go.exe' : 'go');
    // A GOROOT in the environment would point the copy back at the module cache.
    const { GOROOT: _ignored, ...rest } = env;
    env = { ...rest, GOTOOLCHAIN: 'local' };
    ge = await envOf(go, { cwd, env });
  }
  timings.env = performance.now() - tEnv;
  const gomod = parsed.userModfile ? resolve(cwd, parsed.userModfile) : ge.GOMOD;
  if (!ge.GOMOD || ge.GOMOD === '/dev/null' || ge.GOMOD === 'NUL') {
    throw new UsageError(`go-weave: no go.mod in ${cwd} or any parent directory: go-weave builds Go modules; create one with "go mod init <module path>" (or cd into the module)`);
  }
  const moduleRoot = dirname(ge.GOMOD);
  const configPath = env.GOWEAVE_CONFIG ? resolve(cwd, env.GOWEAVE_CONFIG) : undefined;
  if (configPath && !existsSync(configPath)) throw new UsageError(`go-weave: GOWEAVE_CONFIG names ${configPath}, which does not exist`);
  const configOpts: ConfigOpts = { configPath, moduleRoot };
  const tConfig = performance.now();
  // The cover steps of a coverage build load the same configuration (coverweave.ts).
  const configWatch = configPath ? [] : [join(moduleRoot, 'go-weave.yml')];
  const configSalt = env.GOWEAVE_ASSETS ?? '';
  const config = new LazyConfig(runner.core, configOpts, cache, configWatch, configSalt);
  const located = <T>(p: Promise<T>): Promise<T> =>
    p.catch((err: unknown) => {
      const loc = asLocated(err);
      throw new UsageError(`go-weave: ${loc.message}`, loc);
    });
  const aspectHash = await located(config.hash());
  const testMainOnly = subcommand === 'test' ? await located(config.testMainOnly()) : [];
  timings.config = performance.now() - tConfig;
  const tList = performance.now();
  const tests = subcommand === 'test' || subcommand === 'vet';
  // go list costs as much as a no-op build: reuse its last answer while nothing it depends on changed.
  const plans = new PlanCache(cache);
  const planKey = plans.key([LIST_FIELDS, go, cwd, JSON.stringify(ge), JSON.stringify(listFlags), JSON.stringify(parsed.packages), String(tests), env.GOWEAVE_NO_PLAN_CACHE ?? '']);
  const cachedPlan = env.GOWEAVE_NO_PLAN_CACHE ? undefined : plans.get(planKey);
  const planCached = !!cachedPlan;
  let packages: ListedPackage[];
  let planFiles: string[] | undefined;
  let headersHold: HeadersHold | undefined;
  if (cachedPlan) {
    ({ packages, files: planFiles, headersHold } = cachedPlan);
  } else {
    packages = await goList(go, { cwd, env, flags: listFlags, patterns: parsed.packages, tests });
    const stampFiles = [gomod, gomod.replace(/\.mod$/, '.sum')];
    if (ge.GOWORK && ge.GOWORK !== 'off') stampFiles.push(ge.GOWORK, ge.GOWORK + '.sum');
    if (parsed.userOverlay) stampFiles.push(resolve(cwd, parsed.userOverlay), ...userOverlay.keys(), ...[...userOverlay.values()].filter(Boolean));
    // A broken graph may be fixed by things no stamp sees (a go mod download); never reuse one.
    if (!packages.some((p) => p.Error || p.Incomplete)) ({ files: planFiles, headersHold } = plans.put(planKey, packages, ge, stampFiles));
  }

  const tWeave = performance.now();
  // go test: each test binary's tests get a stand-in TestMain (unless they have their own) for
  // aspects about test binaries to join; it reaches the go command only if an aspect changed it.
  const tested = subcommand === 'test' ? testedPackages(packages) : [];
  const stubs = new Map<string, string>();
  const extra = new Map<string, string[]>();
  for (const t of tested) {
    if (t.hasTestMain) continue;
    if (t.hostFile !== undefined) {
      // Tests named on the command line compile those files alone: one of them takes the stand-in.
      const host = t.hostFile;
      const src = standInTestMain(readFileSync(userOverlay.get(host) || host, 'utf8'));
      if (src !== undefined) stubs.set(host, cache.putGenerated('testmain', basename(host), src));
      continue;
    }
    const path = join(t.dir, TESTMAIN_FILE);
    stubs.set(path, cache.putGenerated('testmain', TESTMAIN_FILE, testMainStub(t.name)));
    extra.set(t.variant, [path]);
  }
  const planned = await planUnitsAsync(packages, (ref) => located(config.mayMatch(ref)), extra);
  // The go command refuses -overlay replacements beneath GOMODCACHE ("must not be replaced").
  // A dependency module there is woven and then built from a copy (below); the standard library
  // of a toolchain that GOTOOLCHAIN downloaded there has no such way out.
  const modcache = ge.GOMODCACHE ? ge.GOMODCACHE + sep : undefined;
  const inModcache = (f: string) => !!modcache && f.startsWith(modcache);
  const units = planned.filter((u) => !(u.ref.standard && u.targets.some(inModcache)));
  const skipped = planned.filter((u) => !units.includes(u)).map((u) => u.ref.importPath);
  // Re-weaving a large package after an edit to one of its files should cost that file alone.
  const weave: WeaveFn = async (input) => {
    const aspects = await located(config.aspects());
    const memoDir = input.files.length >= MEMO_MIN_FILES ? cacheDir : undefined;
    if (runner.weaveWith) return runner.weaveWith(aspects, configOpts, memoDir)(input);
    return runner.core.weavePackage(aspects, input, fileMemoIn(memoDir, runner.core.fingerprint));
  };
  const readSource = userOverlay.size || stubs.size ? (p: string) => stubs.get(p) ?? userOverlay.get(p) : undefined;
  const weaveOpts = { cache, fingerprint: runner.core.fingerprint, aspectHash, weave, concurrency: runner.concurrency ?? availableParallelism(), readSource };
  const first = await weaveEach(units, weaveOpts);
  timings.list = tWeave - tList;

  /**
   * What brings the woven build's modules in: the -modfile copy (the runtime module required,
   * served or replaced by its directory, and woven dependencies), or a workspace for go.work and
   * vendored builds, and the variables the go command runs with for them.
   */
  const setUpModules = async (rtDir: string | undefined, moduleCopies: ModuleCopy[], trimmed: boolean, served: { root: string; noProxy?: string } | undefined): Promise<ModuleSetup> => {
    const goVars: Env = {};
    let modfile = parsed.userModfile ? gomod : undefined;
    const goWork = ge.GOWORK && ge.GOWORK !== 'off' ? ge.GOWORK : undefined;
    // A vendored build runs in a workspace whose vendor/ links the user's: overlaid vendored files
    // are seen at their linked paths there.
    let vendorWs: VendorWorkspace | undefined;
    let runtimeFiles = new Map<string, string>();
    let runtimeServed: ServedVersion | undefined;
    let runtimeInputs: string[] = [];
    if (rtDir !== undefined && goWork === undefined && buildsVendored(moduleRoot, parsed, ge.GOFLAGS)) {
      if (parsed.userModfile) throw new UsageError(`go-weave: ${moduleRoot} builds in vendor mode with -modfile; woven code needs the runtime module, which go-weave brings in through a workspace, and workspaces refuse -modfile`);
      vendorWs = await prepareVendorWorkspace(go, env, cache, moduleRoot, rtDir);
      goVars.GOWORK = vendorWs.workFile;
    } else if (rtDir !== undefined || moduleCopies.length > 0) {
      if (goWork !== undefined) {
        const vendored = buildsVendored(dirname(goWork), parsed, ge.GOFLAGS);
        const work = await prepareWorkfile(go, env, cache, goWork, rtDir, moduleCopies, vendored ? vendorState(join(dirname(goWork), 'vendor')) : '');
        if (work) {
          goVars.GOWORK = work;
          if (vendored) vendorWs = linkWorkspaceVendor(dirname(goWork), dirname(work));
        }
      } else {
        // A workspace and a vendored build take the runtime from its directory.
        const gomodcache = ge.GOMODCACHE;
        const serve = rtDir !== undefined && served && gomodcache && !bypassesProxy(RUNTIME_MODULE, served.noProxy)
          ? () => {
              const rt = serveRuntime(served.root, gomodcache, rtDir);
              runtimeServed = rt?.served;
              runtimeInputs = rt?.files ?? [];
              return runtimeServed;
            }
          : undefined;
        modfile = prepareModfile(cache, gomod, rtDir, moduleCopies, selectedModules(packages), trimmed ? `./${RUNTIME_IN_MODULE}` : rtDir, serve) ?? modfile;
        // Left out of `final`: the record marks its targets as the weave cache's, and these are
        // go-weave's own files.
        if (trimmed && rtDir !== undefined && runtimeServed === undefined && modfile !== undefined) runtimeFiles = runtimeInModule(moduleRoot, rtDir);
      }
    }
    // The go command downloads the served versions from go-weave's proxy, asked before the user's.
    const servedModules = [...moduleCopies.filter((c) => c.served), ...(runtimeServed ? [{ path: RUNTIME_MODULE, served: runtimeServed }] : [])];
    if (served && servedModules.length > 0) {
      goVars.GOPROXY = proxyList(served.root, ge.GOPROXY);
      await fetchServedQuietly(go, { ...env, ...goVars }, servedModules, ge.GOMODCACHE, boolFlagOn('modcacherw', parsed, ge.GOFLAGS));
    }
    return { modfile, vendorWs, runtimeFiles, runtimeServed, runtimeInputs, env: goVars };
  };
  let lastModules: { key: string; setup: ModuleSetup } | undefined;

  // Everything from the weave's outcome on: run once per plan, and again by `again` below.
  const finish = async (results: UnitResult[], weavedNow: number, t: Prepared['timings'], since: number, edited?: number): Promise<Prepared> => {
    const outcome = mergeOutcome(results, weavedNow);
    config.save();
    t.weave = performance.now() - since;
    const overlay = new Map(userOverlay);
    // A copied module's files name the module cache's (modcopy.ts), but not in -trimpath builds,
    // and not for a module whose own tests run: they run in the copy's directory, and some compare
    // the positions they report with it.
    const trimmed = boolFlagOn('trimpath', parsed, ge.GOFLAGS);
    const testedDirs = new Set(tested.map((t) => t.dir));
    const testsRun = (moduleDir: string) => packages.some((p) => p.Module?.Dir === moduleDir && !!p.Dir && testedDirs.has(p.Dir));
    const lines = (moduleDir: string) => !trimmed && !testsRun(moduleDir);
    // A go test links no program (a main package's generated file only reaches its test binary),
    // and its test binaries link the OTLP exporter only when they can use it.
    const linkDeps = [...outcome.linkDeps].filter((d) => !(subcommand === 'test' && d === OTLP_EXPORTER && !testsExportOtlp(parsed, env, ge.GOFLAGS)));
    // Files added to main packages and test binaries for linkDeps, by path; files named on the
    // command line take the imports themselves, on their package clause's line.
    const added = new Map<string, string>();
    const importsInto: string[] = [];
    if (linkDeps.length > 0) {
      const testMains = new Set(testMainPackages(packages));
      for (const p of packages) {
        if (p.Name === 'main' && !p.DepOnly && !p.ForTest && p.Dir && !testMains.has(p)) {
          if (isFileList(p)) {
            const first = p.GoFiles?.[0] ?? p.CgoFiles?.[0];
            if (first !== undefined) importsInto.push(join(p.Dir, first));
          } else added.set(linkDepsPath(p.Dir), cache.putGenerated('linkdeps', 'zz_goweave_linkdeps.go', linkDepsFile(linkDeps)));
        }
      }
      // A tested main package already has the file above; other test binaries get it as a test file.
      for (const t of tested) {
        if (t.name === 'main') continue;
        if (t.hostFile !== undefined) importsInto.push(t.hostFile);
        else added.set(join(t.dir, TEST_LINKDEPS_FILE), cache.putGenerated('linkdeps', TEST_LINKDEPS_FILE, testLinkDepsFile(t.name, linkDeps)));
      }
    }
    // The go command downloads a served version into GOMODCACHE: a read-only one takes copies.
    const served = ge.GOMODCACHE && env.GOWEAVE_MODULE_PROXY !== '0' && writable(join(ge.GOMODCACHE, 'cache', 'download')) ? { root: join(cache.root, 'modproxy'), noProxy: ge.GONOPROXY } : undefined;
    const moduleCopies = copyWovenModules(cache, ge.GOMODCACHE, packages, outcome.overlay, added, { lines, trimmed, served, testsRun });
    const isServed = (f: string) => moduleCopies.some((c) => c.served && f.startsWith(c.dir + sep));
    for (const [k, v] of outcome.overlay) {
      // A served module's zip holds its woven files.
      if (isServed(k)) continue;
      const at = relocate(moduleCopies, k);
      overlay.set(at ?? k, at && trimmed ? cache.putGenerated('trimpath', basename(k), directivesNamingCopy(readFileSync(v, 'utf8'), k, at)) : v);
    }
    // Added files must not land in the module cache either: a copied module takes them, others go without.
    for (const [path, generated] of added) {
      if (isServed(path)) continue;
      const at = relocate(moduleCopies, path) ?? path;
      if (!inModcache(at)) overlay.set(at, generated);
    }
    for (const file of importsInto) {
      const src = extendedSource(readFileSync(overlay.get(file) || file, 'utf8'), linkDeps.map((path) => ({ name: '_', path })));
      if (src !== undefined) overlay.set(file, cache.putGenerated('linkdeps', basename(file), src));
    }

    const goArgs: string[] = [subcommand];
    if (parsed.chdir !== undefined) goArgs.push('-C', parsed.chdir);
    const listed = new Set(packages.map((p) => p.ImportPath));
    const needsRuntime = [...outcome.addedImports].some((i) => isRuntimePackage(i) && !listed.has(i));
    const rtDir = needsRuntime ? runner.runtimeDir ?? runtimeDir() : undefined;
    // A save's plan (`again`) whose woven code needs the same modules takes the last plan's: go.mod,
    // go.sum and go.work are watched (an edit there plans whole), and a runtime module changed
    // since is seen by the launcher, which finds the record's stamps of its files stale.
    const modulesKey = JSON.stringify([rtDir ?? null, moduleCopies, served ?? null]);
    const modules = edited !== undefined && lastModules?.key === modulesKey ? lastModules.setup : await setUpModules(rtDir, moduleCopies, trimmed, served);
    lastModules = { key: modulesKey, setup: modules };
    const { modfile, vendorWs, runtimeFiles, runtimeServed, runtimeInputs } = modules;
    const childEnv: Env = { ...env, ...modules.env };
    const ws = vendorWs;
    const final = ws ? new Map([...overlay].map(([k, v]) => [inWorkspace(ws, k), v])) : overlay;
    const overlayFile = final.size > 0 || runtimeFiles.size > 0 ? writeOverlay(cache, new Map([...final, ...runtimeFiles])) : undefined;
    if (overlayFile) goArgs.push(`-overlay=${overlayFile}`);
    if (modfile) goArgs.push(`-modfile=${modfile}`);
    let rest = parsed.rest;
    let coverFiles: { script: string; plan: string } | undefined;
    // The -toolexec program is a POSIX shell script (Windows: covered packages build unwoven).
    if (runner.coverCommand && process.platform !== 'win32' && covers(parsed, ge.GOFLAGS)) {
      // The go command hands cover the files themselves, not their woven overlay: go-weave weaves
      // cover's output instead. Module copies are woven on disk, so cover reads them woven.
      const at = (f: string) => (inModcache(f) ? undefined : ws ? inWorkspace(ws, f) : f);
      const woven = coverPlan(units, outcome.overlay, at);
      if (woven.units.length > 0) {
        const sources: Record<string, string> = {};
        for (const [k, v] of [...userOverlay, ...stubs]) sources[k] = v;
        const added: Record<string, string> = {};
        for (const [k, v] of final) if (v && !existsSync(k)) added[k] = v;
        const files = (coverFiles = writeCoverFiles(cache, runner.coverCommand, runner.core.fingerprint, {
          cacheDir,
          config: { ...configOpts, watch: configWatch, salt: configSalt },
          aspectHash,
          ...woven,
          sources,
          added,
        }));
        const t = toolexecFlag(parsed, ge.GOFLAGS, files.script, files.plan);
        goArgs.push(t.flag);
        rest = t.rest;
      }
    }
    goArgs.push(...rest);
    // No plan files: a broken graph, which must be planned again every time.
    const inputs = planFiles ? [...planFiles, ...config.files(), ...(configPath ? [configPath] : []), ...runtimeInputs] : [];
    // A plan after an edit the weave server saw (server.ts): when the edited files are Go files
    // the package graph was listed with, their headers (build constraints, package clause,
    // imports) are as go list saw them, and units read them as they are (no user overlay, no
    // stand-in test mains drawn from them), the graph, the configuration and every other unit's
    // weave still hold, and only the units of those files are looked at again.
    const again = headersHold && !readSource
      ? async (changed: string[], later?: WriteLater): Promise<Prepared | undefined> => {
          const t0 = performance.now();
          if (!changed.every(isFile) || !headersHold(changed)) return undefined;
          // A file of a package no aspect may match (a verdict on the package, not its content)
          // is in no unit: its edit weaves nothing, and only the record changes.
          const only = new Set<number>();
          units.forEach((u, i) => {
            if (changed.some((f) => u.files.includes(f))) only.add(i);
          });
          const next = await weaveEach(units, { ...weaveOpts, readSync: true, later }, { previous: results, only });
          return finish(next.results, next.weavedNow, { env: 0, config: 0, list: 0, weave: 0 }, t0, changed.length);
        }
      : undefined;
    return { parsed, go, cwd, packages, outcome, goArgs, goEnv: childEnv, userOverlay, timings: t, planCached, skipped: [...new Set(skipped)], moduleCopies, ge, inputs, goFiles: { overlay: overlayFile, replace: final, modfile, cover: coverFiles }, configOpts, toolchainCopy: goroot, testMainOnly, runtimeDir: rtDir, runtimeServed, again, ...(edited === undefined ? {} : { edited }) };
  };
  return finish(first.results, first.weavedNow, timings, tWeave);
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The modules that provide the build's packages (the main modules aside), as go list selected them. */
function selectedModules(packages: ListedPackage[]): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  for (const p of packages) {
    const m = p.Module;
    if (m && !m.Main && m.Version) out.push({ path: m.Path, version: m.Version });
  }
  return out;
}

/**
 * Gives each module-cache module that has a woven file a replacement: a version served by
 * go-weave's module proxy (modproxy.ts), where it can, or a directory copy (modcopy.ts, once per
 * module version). The module comes from go list: the package whose directory holds the file.
 * A module the user replaces is copied: the proxy serves it under its own path, whose go.mod
 * would name another. So is one the go command fetches around the proxy (GONOPROXY/GOPRIVATE),
 * and one whose own tests run: a test binary has no build info to scan, and tests that copy
 * their module's tree (to build it elsewhere) must find the module's files, not woven ones.
 */
function copyWovenModules(
  cache: WeaveCache,
  gomodcache: string | undefined,
  packages: ListedPackage[],
  woven: Map<string, string>,
  added: Map<string, string>,
  opts: { lines: (moduleDir: string) => boolean; trimmed: boolean; served?: { root: string; noProxy?: string }; testsRun: (moduleDir: string) => boolean },
): ModuleCopy[] {
  if (!gomodcache) return [];
  const files = [...woven.keys()].filter((f) => f.startsWith(gomodcache + sep));
  if (files.length === 0) return [];
  const byDir = new Map<string, NonNullable<ListedPackage['Module']>>();
  for (const p of packages) if (p.Dir && p.Module?.Dir && p.Module.Version) byDir.set(p.Dir, p.Module);
  const copies = new Map<string, ModuleCopy>();
  for (const f of files) {
    const m = byDir.get(dirname(f));
    if (!m?.Dir || !m.Version || copies.has(m.Dir)) continue;
    const mod = { path: m.Path, version: m.Version, dir: m.Dir, goMod: m.GoMod };
    const lines = opts.lines(m.Dir);
    const s = opts.served;
    if (s && !m.Replace && !bypassesProxy(m.Path, s.noProxy) && !opts.testsRun(m.Dir)) {
      const dir = m.Dir;
      const changed = new Map([...woven, ...added].filter(([k]) => k.startsWith(dir + sep)));
      const version = serveModule(s.root, gomodcache, {
        ...mod,
        changed,
        renderKey: `lines=${lines ? dir : ''} trimmed=${opts.trimmed}`,
        render: (file) => {
          if (!file.changed) return lines ? lineNamed(file.text, file.original) : file.text;
          // Woven files name the module cache's file; a -trimpath build rewrites only names
          // beneath the directory the module is extracted to.
          return opts.trimmed ? directivesNamingCopy(file.text, file.original, file.extractedAt) : file.text;
        },
      });
      if (version) {
        copies.set(m.Dir, { ...mod, served: version });
        continue;
      }
    }
    copies.set(m.Dir, ensureModuleCopy(cache, gomodcache, mod, { lines }));
  }
  return [...copies.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
