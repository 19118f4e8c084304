// The bundled action installing Go from a loopback mirror that serves a real toolchain
// archive, the way a runner runs it; and the ways a download must fail cleanly.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Job, listFiles, REPO } from './support/action-runner.ts';
import { sharedToolchain, type PackedToolchain } from './support/action-toolchain.ts';
import { startDlServer, type DlServer } from './support/action-dl-server.ts';

let tmp: string;
let tc: PackedToolchain;
let dl: DlServer;

before(async () => {
  assert.ok(fs.existsSync(path.join(REPO, 'dist', 'action', 'main.cjs')), 'dist/action is not built: run node scripts/bundle-action.mjs');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-action-tc-'));
  tc = sharedToolchain();
  dl = await startDlServer(tc);
});

after(async () => {
  await dl?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function newJob(name: string, toolCache?: string): Job {
  return new Job({ root: path.join(tmp, name), toolCache });
}

function writeHello(dir: string, goLine = '1.25'): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/hello\n\ngo ${goLine}\n`);
  fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello from the job") }\n');
}

const plain = (extra: Record<string, string> = {}) => ({ cache: 'false', weave: 'false', ...extra });

describe('go toolchain from a loopback mirror', () => {
  let toolCache: string;

  test('installs the verified archive; go version and go env work through the job PATH', async () => {
    dl.mode = 'ok';
    const job = newJob('install');
    toolCache = job.env.RUNNER_TOOL_CACHE;
    writeHello(job.workspace);
    const res = await job.main(plain({ 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl }));
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(dl.archiveRequests(), 1);
    assert.match(res.stdout, /sha256 verified/);
    assert.equal(res.outputs['go-version'], tc.semver);
    const goroot = res.outputs['go-root'];
    assert.ok(goroot.startsWith(toolCache), `${goroot} is not in the tool cache`);
    assert.ok(fs.existsSync(`${path.dirname(goroot)}/x64.complete`), 'tool cache marker missing');
    assert.equal(job.env.GOTOOLCHAIN, 'local');

    const v = await job.sh('command -v go; go version');
    assert.equal(v.code, 0, v.stderr);
    const [which, version] = v.stdout.trim().split('\n');
    assert.equal(which, path.join(goroot, 'bin', 'go'));
    assert.match(version, new RegExp(`^go version ${tc.goName} linux/`));

    // Builds through this PATH are exercised by the cache and weave tests; here the toolchain
    // only has to be complete and consistent.
    const e = await job.sh('go env GOROOT GOVERSION && go list std | wc -l');
    assert.equal(e.code, 0, e.stderr);
    const [envRoot, envVersion, stdCount] = e.stdout.trim().split('\n');
    assert.equal(envRoot, goroot);
    assert.equal(envVersion, tc.goName);
    assert.ok(Number(stdCount) > 100, `go list std printed ${stdCount} packages`);
    // Nothing of the download is left in RUNNER_TEMP.
    assert.deepEqual(listFiles(job.env.RUNNER_TEMP).filter((f) => f.includes('go-weave-dl')), []);
  });

  test('a second job with a range reuses the tool cache without downloading', async () => {
    const before = dl.archiveRequests();
    const listings = dl.requests.length;
    const job = newJob('reuse', toolCache);
    const minor = tc.semver.split('.').slice(0, 2).join('.');
    const res = await job.main(plain({ 'go-version': `~${minor}.0`, 'go-download-base-url': dl.baseUrl }));
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.outputs['go-version'], tc.semver);
    assert.equal(dl.archiveRequests(), before);
    assert.equal(dl.requests.length, listings, 'the listing should not be fetched when the tool cache satisfies the range');
  });

  test('go-version-file: the toolchain line of go.mod wins over the go line', async () => {
    const job = newJob('gomod', toolCache);
    fs.mkdirSync(job.workspace, { recursive: true });
    fs.writeFileSync(path.join(job.workspace, 'go.mod'), `module m\n\ngo 1.20 // language\n\ntoolchain ${tc.goName}\n`);
    const res = await job.main(plain({ 'go-version-file': 'go.mod', 'go-download-base-url': dl.baseUrl }));
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.outputs['go-version'], tc.semver);
  });

  test('working-directory: the version file and the default go.mod are looked up there', async () => {
    const job = newJob('workdir', toolCache);
    const sub = path.join(job.workspace, 'services', 'api');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, '.go-version'), `${tc.goName}\n`);
    const res = await job.main(plain({ 'working-directory': 'services/api', 'go-version-file': '.go-version', 'go-download-base-url': dl.baseUrl }));
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.outputs['go-version'], tc.semver);
    assert.match(res.stdout, new RegExp(`services/api/\\.go-version asks for Go ${tc.semver.replace(/\./g, '\\.')}`));
    const missing = await newJob('workdir-missing', toolCache).main(plain({ 'working-directory': 'nowhere', 'go-download-base-url': dl.baseUrl }));
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /::error::Set go-version or go-version-file: neither is given and .*\/nowhere\/go\.mod does not exist/);
  });

  test('GO_DOWNLOAD_BASE_URL and check-latest: resolves "stable" from the listing, skipping the release candidate', async () => {
    const job = newJob('stable', toolCache);
    const before = dl.requests.length;
    const res = await job.main(plain({ 'go-version': 'stable', 'check-latest': 'true' }), { GO_DOWNLOAD_BASE_URL: dl.baseUrl });
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.outputs['go-version'], tc.semver);
    assert.ok(dl.requests.length > before, 'the listing was not fetched');
    assert.equal(job.env.GOTOOLCHAIN, 'local');
  });

  test('gotoolchain input overrides GOTOOLCHAIN for later steps', async () => {
    const job = newJob('gotoolchain', toolCache);
    const res = await job.main(plain({ 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl, gotoolchain: 'auto' }));
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const e = await job.sh('go env GOTOOLCHAIN');
    assert.equal(e.stdout.trim(), 'auto');
  });
});

describe('failed downloads leave nothing behind', () => {
  const cases: { name: string; setup: () => void; inputs?: Record<string, string>; expect: RegExp }[] = [
    { name: 'bad sha256', setup: () => { dl.mode = 'ok'; dl.listedSha = 'c'.repeat(64); }, expect: /sha256 mismatch for http:\/\/127\.0\.0\.1:\d+\/dl\/go.*the listing says c{64}/ },
    { name: '404', setup: () => { dl.mode = '404'; }, expect: /HTTP 404/ },
    { name: '500', setup: () => { dl.mode = '500'; }, expect: /HTTP 500/ },
    { name: 'truncated archive', setup: () => { dl.mode = 'truncate'; }, expect: /(cut off|truncated)/ },
    { name: 'unknown version', setup: () => { dl.mode = 'ok'; }, inputs: { 'go-version': '1.98.3' }, expect: /Go version go1\.98\.3 was not found for linux\/amd64 in http:\/\/127\.0\.0\.1:\d+\/dl\/\?mode=json&include=all/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      c.setup();
      try {
        const job = newJob(`fail-${c.name.replace(/\W+/g, '-')}`);
        const res = await job.main(plain({ 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl, ...c.inputs }));
        assert.equal(res.code, 1, res.stdout);
        const err = res.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
        assert.match(err, c.expect);
        assert.deepEqual(listFiles(job.env.RUNNER_TOOL_CACHE), [], 'the tool cache must stay empty');
        assert.deepEqual(listFiles(job.env.RUNNER_TEMP), [], 'RUNNER_TEMP must not keep partial downloads');
        assert.equal(res.outputs['go-version'], undefined);
      } finally {
        dl.mode = 'ok';
        dl.listedSha = tc.sha256;
      }
    });
  }

  test('malformed go.mod names the file and line', async () => {
    const job = newJob('fail-gomod');
    fs.writeFileSync(path.join(job.workspace, 'go.mod'), 'module m\n\ngo one.twenty\n');
    const res = await job.main(plain({ 'go-version-file': 'go.mod', 'go-download-base-url': dl.baseUrl }));
    assert.equal(res.code, 1);
    // An annotation on the file (workspace-relative, so it links to the repository) and line.
    assert.match(res.stdout, /^::error title=go-weave,file=go\.mod,line=3::expected a Go version like 1\.22 or 1\.22\.3 after "go", found "one\.twenty"$/m);
    assert.deepEqual(listFiles(job.env.RUNNER_TOOL_CACHE), []);
  });
});
