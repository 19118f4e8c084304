// Main step: pinned toolchain, woven `go` on PATH, caches restored.
import * as core from '@actions/core';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readInputs, type Inputs } from './inputs.ts';
import { parseVersionSpec, type VersionSpec } from './goversion.ts';
import { readVersionFile } from './version-file.ts';
import { detectPlatform } from './platform.ts';
import { installGo } from './toolchain.ts';
import { goEnv } from './goenv.ts';
import { aspectHash, weaverBundle, weaverEntry, weaverVersion } from './weaver.ts';
import { writeGoShim } from '../weaver/src/gocmd/shim.ts';
import { hashDependencyFiles } from './deps-hash.ts';
import { available, cacheKey, KINDS, restoreAll, type CachePlan, type Restored } from './caches.ts';
import { saveMainState } from './state.ts';
import { exec } from '@actions/exec';
import { locate } from './annotate.ts';

function versionSpec(inp: Inputs): VersionSpec {
  if (inp.goVersion) {
    if (inp.goVersionFile) core.warning('Both go-version and go-version-file are set; go-version wins');
    return parseVersionSpec(inp.goVersion);
  }
  let file = inp.goVersionFile ? path.resolve(inp.workingDirectory, inp.goVersionFile) : '';
  if (!file) {
    const gomod = path.join(inp.workingDirectory, 'go.mod');
    if (!fs.existsSync(gomod)) {
      throw new Error(`Set go-version or go-version-file: neither is given and ${gomod} does not exist`);
    }
    core.info(`No go-version given; taking it from ${gomod}`);
    file = gomod;
  }
  const v = readVersionFile(file);
  core.info(`${file} asks for Go ${v}`);
  return parseVersionSpec(v);
}

function configPath(inp: Inputs): string | undefined {
  if (inp.config) {
    const p = path.resolve(inp.workingDirectory, inp.config);
    if (!fs.existsSync(p)) throw new Error(`config ${p}: no such file (expected a go-weave.yml)`);
    return p;
  }
  const dflt = path.join(inp.workingDirectory, 'go-weave.yml');
  return fs.existsSync(dflt) ? dflt : undefined;
}

async function run(): Promise<void> {
  const jobStartMs = Date.now();
  const inp = readInputs();
  const platform = detectPlatform(inp.architecture);

  const installed = await core.group('Go toolchain', async () => {
    const spec = versionSpec(inp);
    return installGo({ spec, checkLatest: inp.checkLatest, baseUrl: inp.baseUrl, platform });
  });
  const exe = platform.goos === 'windows' ? '.exe' : '';
  const realGo = path.join(installed.goroot, 'bin', `go${exe}`);

  core.exportVariable('GOTOOLCHAIN', inp.gotoolchain);
  core.addPath(path.join(installed.goroot, 'bin'));
  const env = await goEnv(realGo, ['GOPATH', 'GOMODCACHE', 'GOCACHE']);
  const gopath = env.GOPATH.split(path.delimiter)[0];
  if (gopath) core.addPath(path.join(gopath, 'bin'));

  const version = weaverVersion();
  const config = inp.weave ? configPath(inp) : undefined;
  let report = '';
  let weaveCache = '';
  if (inp.weave) {
    if (platform.goos === 'windows') {
      throw new Error('weave: true needs a POSIX shell for the woven go on PATH; on Windows runners set weave: false');
    }
    const bundle = weaverBundle();
    if (!fs.existsSync(bundle)) {
      throw new Error(`the weaver bundle ${bundle} is missing: this copy of the action has no built dist/weaver (set weave: false to only install Go)`);
    }
    weaveCache = process.env.GOWEAVE_CACHE || path.join(os.homedir(), '.cache', 'go-weave');
    const tmp = process.env.RUNNER_TEMP!;
    report = path.join(tmp, `go-weave-report-${crypto.randomBytes(6).toString('hex')}.jsonl`);
    const shimDir = path.join(tmp, `go-weave-shim-${crypto.randomBytes(6).toString('hex')}`);
    // process.execPath is the runner's own node, present for the whole job.
    writeGoShim(shimDir, process.execPath, weaverEntry(), realGo, 'the go-weave action');
    core.exportVariable('GOWEAVE_GO', realGo);
    core.exportVariable('GOWEAVE_CACHE', weaveCache);
    core.exportVariable('GOWEAVE_REPORT', report);
    if (config) core.exportVariable('GOWEAVE_CONFIG', config);
    // Nothing is edited between a job's builds, so a weave server would only idle until the
    // runner kills it as an orphan process at the end of the job. A workflow may still ask for one.
    core.exportVariable('GOWEAVE_SERVER', process.env.GOWEAVE_SERVER ?? '0');
    core.addPath(shimDir); // last, so it is first on PATH
    core.info(`go commands of later steps are woven${config ? ` with ${config}` : ' with the built-in aspects'}`);
  }

  let restored: Restored[] = [];
  const cacheEnabled = inp.cache && available();
  if (inp.cache && !cacheEnabled) core.warning('The Actions cache service is not available to this job; caching is off');
  if (cacheEnabled) {
    restored = await core.group('Restore caches', async () => {
      const deps = hashDependencyFiles(inp.workingDirectory, inp.cacheDependencyPath);
      core.info(deps.files.length ? `dependency files: ${deps.files.join(', ')}` : 'no go.sum found; keys use "none"');
      const aspects = inp.weave ? aspectHash(config, version, core.info) : 'plain';
      const parts = {
        os: platform.goos,
        arch: platform.goarch,
        imageOS: process.env.ImageOS ?? '',
        goVersion: installed.semver,
        weaverVersion: version,
        aspectHash: aspects,
        depsHash: deps.hash,
        suffix: inp.cacheKeySuffix,
      };
      const paths: Record<string, string> = { mod: env.GOMODCACHE, build: env.GOCACHE, weave: weaveCache };
      const plans: CachePlan[] = KINDS.filter((k) => paths[k]).map((kind) => ({ kind, path: paths[kind], ...cacheKey(kind, parts) }));
      return restoreAll(plans);
    });
  }

  await core.group('go env', async () => {
    await exec(realGo, ['version']);
    await exec(realGo, ['env']);
  });

  // Go's own spelling (1.26.3, 1.27rc1), as `go version` prints it.
  core.setOutput('go-version', installed.goName.replace(/^go/, ''));
  core.setOutput('go-root', installed.goroot);
  core.setOutput('cache-hit', restored.length > 0 && restored.every((r) => r.exact));
  for (const r of restored) core.setOutput(`cache-hit-${r.kind}`, r.exact);

  saveMainState({
    goName: installed.goName,
    goroot: installed.goroot,
    toolchainSource: installed.fromToolCache ? 'tool cache' : `${installed.downloadedFrom} (sha256 verified)`,
    gotoolchain: inp.gotoolchain,
    weave: inp.weave,
    report,
    gocache: env.GOCACHE,
    caches: restored,
    cacheEnabled,
    cacheSave: inp.cacheSave,
    jobStartMs,
  });
}

run().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  const at = locate(msg);
  if (at) {
    core.error(at.message, { title: 'go-weave', file: at.file, startLine: at.line, startColumn: at.col });
    process.exitCode = 1;
  } else core.setFailed(msg);
});
