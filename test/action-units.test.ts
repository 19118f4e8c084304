// The action's pure parts: Go version names, listing selection, version files, key
// ingredients, build-cache trimming, the weaver report, and the `go` shim's routing.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { goToSemver, parseVersionSpec, semverToGo } from '../action/goversion.ts';
import { parseListing, selectRelease, type ListedRelease } from '../action/listing.ts';
import { readVersionFile } from '../action/version-file.ts';
import { cacheKey } from '../action/caches.ts';
import { hashDependencyFiles, matchFiles } from '../action/deps-hash.ts';
import { trimBuildCache } from '../action/trim.ts';
import { readReport } from '../action/report.ts';
import { goShimScript } from '../weaver/src/gocmd/shim.ts';
import { parse as parseYaml } from 'yaml';
import { REPO, run } from './support/action-runner.ts';
import { machineGoroot } from './support/action-toolchain.ts';

const made: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-action-unit-'));
  made.push(d);
  return d;
};
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('Go version names', () => {
  test('map to semver and back', () => {
    const cases: [string, string, string][] = [
      ['go1.21.0', '1.21.0', 'go1.21.0'],
      ['1.20', '1.20.0', 'go1.20'],
      ['go1.21rc2', '1.21.0-rc.2', 'go1.21rc2'],
      ['go1.10beta1', '1.10.0-beta.1', 'go1.10beta1'],
      ['1.26.8', '1.26.8', 'go1.26.8'],
    ];
    for (const [name, sv, back] of cases) {
      assert.equal(goToSemver(name), sv, name);
      assert.equal(semverToGo(sv), back, sv);
    }
    assert.equal(goToSemver('go1.22.0-foo'), null);
    assert.equal(goToSemver('banana'), null);
  });

  test('specs: bare minor is the newest patch, names are exact, ranges pass through', () => {
    assert.deepEqual(parseVersionSpec('1.22'), { kind: 'range', range: '~1.22.0', includePrerelease: false });
    assert.deepEqual(parseVersionSpec('go1.22.3'), { kind: 'exact', semver: '1.22.3' });
    assert.deepEqual(parseVersionSpec('1.23rc1'), { kind: 'exact', semver: '1.23.0-rc.1' });
    assert.deepEqual(parseVersionSpec('oldstable'), { kind: 'oldstable' });
    assert.equal(parseVersionSpec('>=1.21 <1.23').kind, 'range');
    assert.throws(() => parseVersionSpec('one.two'), /go-version "one.two" is not understood/);
  });
});

describe('listing selection', () => {
  const rel = (version: string, stable: boolean): ListedRelease => ({
    version,
    stable,
    files: [{ filename: `${version}.linux-amd64.tar.gz`, os: 'linux', arch: 'amd64', version, sha256: 'f'.repeat(64), size: 10, kind: 'archive' }],
  });
  const listing = [rel('go1.27rc1', false), rel('go1.26.2', true), rel('go1.26.1', true), rel('go1.25.9', true), rel('go1.25.0', true), rel('go1.20', true)];
  const pick = (spec: string) => selectRelease('L', listing, parseVersionSpec(spec), 'linux', 'amd64').release.version;

  test('stable, oldstable, ranges, exact names and prereleases', () => {
    assert.equal(pick('stable'), 'go1.26.2');
    assert.equal(pick('oldstable'), 'go1.25.9');
    assert.equal(pick('1.25'), 'go1.25.9');
    assert.equal(pick('^1.25'), 'go1.26.2');
    assert.equal(pick('1.20'), 'go1.20', 'go1.20 is a release of its own');
    assert.equal(pick('1.26.1'), 'go1.26.1');
    assert.equal(pick('1.27rc1'), 'go1.27rc1');
    assert.equal(pick('>=1.27.0-rc.0'), 'go1.27rc1');
  });

  test('unknown versions and other platforms fail with what was looked for', () => {
    assert.throws(() => pick('1.24.3'), /Go version go1\.24\.3 was not found for linux\/amd64 in L \(newest stable releases there: go1\.26\.2/);
    assert.throws(() => selectRelease('L', listing, parseVersionSpec('stable'), 'linux', 'arm64'), /not found for linux\/arm64/);
  });

  test('a listed archive without a usable sha256 is refused', () => {
    const bad = [{ ...rel('go1.26.2', true), files: [{ ...rel('go1.26.2', true).files[0], sha256: '' }] }];
    assert.throws(() => selectRelease('L', bad, parseVersionSpec('1.26.2'), 'linux', 'amd64'), /no valid sha256 in the listing/);
  });

  test('malformed listings name the URL and the problem', () => {
    assert.throws(() => parseListing('U', '<html>'), /Go download listing U: expected JSON/);
    assert.throws(() => parseListing('U', '{}'), /expected a JSON array of releases/);
    assert.throws(() => parseListing('U', '[{"version": 1}]'), /release #0: expected/);
  });
});

describe('version files', () => {
  const write = (name: string, text: string) => {
    const f = path.join(tmp(), name);
    fs.writeFileSync(f, text);
    return f;
  };
  test('go.mod / go.work: toolchain before go, default and custom names', () => {
    assert.equal(readVersionFile(write('go.mod', 'module m\ngo 1.22\n')), '1.22');
    assert.equal(readVersionFile(write('go.work', 'go 1.22.1\ntoolchain go1.23.4\nuse .\n')), '1.23.4');
    assert.equal(readVersionFile(write('go.mod', 'module m\ngo 1.22\ntoolchain default\n')), '1.22');
    assert.equal(readVersionFile(write('go.mod', 'module m\ngo 1.22\ntoolchain go1.22.5-custom\n')), '1.22.5');
  });
  test('.go-version and .tool-versions', () => {
    assert.equal(readVersionFile(write('.go-version', '\ngo1.23.2\n')), '1.23.2');
    assert.equal(readVersionFile(write('.tool-versions', 'nodejs 20.1.0\ngolang 1.24.0 # pinned\n')), '1.24.0');
  });
  test('bad files name file and line', () => {
    const f = write('go.mod', 'module m\n\ntoolchain gox\n');
    assert.throws(() => readVersionFile(f), new RegExp(`^Error: ${f.replace(/[.]/g, '\\.')}:3: expected a toolchain name like go1\\.22\\.3 after "toolchain", found "gox"`));
    assert.throws(() => readVersionFile(write('go.mod', 'module m\n')), /no "toolchain" or "go" line/);
    assert.throws(() => readVersionFile(write('.tool-versions', 'golang latest\n')), /\.tool-versions:1: expected a Go version like 1\.22\.3 after "golang", found "latest"/);
    assert.throws(() => readVersionFile('/nonexistent/go.mod'), /go-version-file \/nonexistent\/go\.mod: cannot read it \(ENOENT\)/);
  });
});

describe('cache keys', () => {
  const parts = { os: 'linux', arch: 'amd64', imageOS: 'ubuntu24', goVersion: '1.26.8', weaverVersion: '0.1.0', aspectHash: 'abcd', depsHash: 'd1', suffix: '' };
  test('each cache has its own key, prefix restore key ends before the go.sum hash', () => {
    assert.deepEqual(cacheKey('mod', parts), { key: 'go-weave-mod-linux-amd64-ubuntu24-go1.26.8-d1', restoreKeys: ['go-weave-mod-linux-amd64-ubuntu24-go1.26.8-'] });
    assert.equal(cacheKey('build', parts).key, 'go-weave-build-linux-amd64-ubuntu24-go1.26.8-gw0.1.0-aabcd-d1');
    assert.equal(cacheKey('weave', { ...parts, suffix: 'lint' }).restoreKeys[0], 'go-weave-weave-linux-amd64-ubuntu24-go1.26.8-gw0.1.0-aabcd-lint-');
    assert.notEqual(cacheKey('build', { ...parts, aspectHash: 'ef' }).key, cacheKey('build', parts).key);
  });
  test('dependency hash follows go.sum content and glob patterns', () => {
    const d = tmp();
    fs.mkdirSync(path.join(d, 'sub', 'vendor'), { recursive: true });
    fs.writeFileSync(path.join(d, 'go.sum'), 'a\n');
    fs.writeFileSync(path.join(d, 'sub', 'go.sum'), 'b\n');
    fs.writeFileSync(path.join(d, 'sub', 'vendor', 'go.sum'), 'c\n');
    assert.deepEqual(matchFiles(d, ['**/go.sum']), ['go.sum', 'sub/go.sum']);
    const h1 = hashDependencyFiles(d, []).hash;
    fs.writeFileSync(path.join(d, 'sub', 'go.sum'), 'B\n');
    assert.notEqual(hashDependencyFiles(d, []).hash, h1);
    assert.equal(hashDependencyFiles(tmp(), []).hash, 'none');
  });
});

test('build-cache trim drops entries not used within the job, keeps the rest', () => {
  const d = tmp();
  fs.mkdirSync(path.join(d, 'ab'));
  const entry = (n: string, ageMin: number) => {
    const f = path.join(d, 'ab', `${n.repeat(64)}-a`);
    fs.writeFileSync(f, 'x');
    const t = new Date(Date.now() - ageMin * 60_000);
    fs.utimesSync(f, t, t);
    return f;
  };
  const old = entry('1', 600);
  const recent = entry('2', 30);
  fs.writeFileSync(path.join(d, 'README'), 'keep');
  const r = trimBuildCache(d, Date.now());
  assert.deepEqual([r.removed, r.kept], [1, 1]);
  assert.ok(!fs.existsSync(old) && fs.existsSync(recent) && fs.existsSync(path.join(d, 'README')));
});

test('weaver report: sums lines, locates errors, flags malformed lines with file:line', () => {
  const f = path.join(tmp(), 'r.jsonl');
  fs.writeFileSync(
    f,
    [
      JSON.stringify({ wovenPackages: 3, joinPoints: 5, aspects: ['http.server'], errors: [] }),
      'not json',
      JSON.stringify({ wovenPackages: 1, joinPoints: 2, aspects: ['sql', 'http.server'], errors: [{ message: 'go-weave: /w/a.yml:4:2: bad' }], replacedModules: ['github.com/spf13/cobra@v1.10.2'] }),
      JSON.stringify({ wovenPackages: 0, joinPoints: 0, aspects: [], errors: [], replacedModules: ['github.com/spf13/cobra@v1.10.2', 'github.com/a/b@v0.1.0'] }),
    ].join('\n'),
  );
  const r = readReport(f);
  assert.equal(r.wovenPackages, 4);
  assert.equal(r.joinPoints, 7);
  assert.deepEqual(r.aspects, ['http.server', 'sql']);
  assert.deepEqual(r.replacedModules, ['github.com/a/b@v0.1.0', 'github.com/spf13/cobra@v1.10.2']);
  assert.deepEqual(r.errors, [{ file: '/w/a.yml', line: 4, col: 2, message: 'bad' }]);
  assert.match(r.malformed[0], /r\.jsonl:2: expected one JSON object per line/);
});

describe('go shim routing', () => {
  // A stand-in weaver entry that records being called, so routing is observable.
  const d = tmp();
  const log = path.join(d, 'weaver.log');
  const fakeWeaver = path.join(d, 'fake-weaver.cjs');
  fs.writeFileSync(fakeWeaver, `require('fs').appendFileSync(${JSON.stringify(log)}, process.argv.slice(2).join(' ') + ' GOWEAVE_GO=' + process.env.GOWEAVE_GO + '\\n');\n`);
  // Like dist/weaver/go-weave, it runs the weaver with the node the shim names.
  const fakeEntry = path.join(d, 'go-weave');
  fs.writeFileSync(fakeEntry, `#!/bin/sh\nexec "$GOWEAVE_NODE" ${JSON.stringify(fakeWeaver)} "$@"\n`, { mode: 0o755 });
  const shim = path.join(d, 'go');
  const realGo = path.join(machineGoroot(), 'bin', 'go');
  fs.writeFileSync(shim, goShimScript(process.execPath, fakeEntry, realGo, 'a test'), { mode: 0o755 });
  const go = async (...args: string[]) => run(shim, args, { env: { PATH: process.env.PATH ?? '', HOME: d, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOPROXY: 'off' }, cwd: d });
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');

  test('build, test, vet, install and run of local packages go to the weaver', async () => {
    for (const sub of ['build', 'test', 'vet', 'install', 'run']) await go(sub, './...');
    await go('install', '-ldflags=-s', './cmd/x');
    // The program's own arguments may contain "@"; they do not make the package a pkg@version.
    await go('run', '-tags', 'a', '.', 'user@example.test');
    assert.equal(
      calls(),
      ['build', 'test', 'vet', 'install', 'run'].map((s) => `go ${s} ./... GOWEAVE_GO=${realGo}\n`).join('') +
        `go install -ldflags=-s ./cmd/x GOWEAVE_GO=${realGo}\n` +
        `go run -tags a . user@example.test GOWEAVE_GO=${realGo}\n`,
    );
  });

  test('pkg@version installs and other subcommands run the real go directly', async () => {
    const before = calls();
    const v = await go('version');
    assert.match(v.stdout, /^go version go1\./);
    const e = await go('env', 'GOTOOLCHAIN');
    assert.equal(e.stdout.trim(), 'local');
    const i = await go('install', 'example.test/tool@v1.2.3');
    assert.match(i.stderr, /example\.test\/tool@v1\.2\.3/, 'the real go should have tried (and failed offline)');
    await go('run', 'example.test/tool@latest');
    await go('run', '-tags', 'x', 'example.test/tool@v1.0.0', 'arg');
    await go('install', '--ldflags', '-s', 'example.test/tool@v1.0.0');
    assert.equal(calls(), before);
  });
});

test('action.yml: the contract input and output names, node24 with main and post bundles', () => {
  const meta = parseYaml(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string; post: string };
  };
  const contract = ['go-version', 'go-version-file', 'check-latest', 'architecture', 'go-download-base-url', 'weave', 'config', 'working-directory', 'cache', 'cache-dependency-path', 'cache-save', 'cache-key-suffix'];
  for (const name of contract) assert.ok(name in meta.inputs, `input ${name} missing`);
  for (const name of ['go-version', 'go-root', 'cache-hit', 'woven-packages']) assert.ok(name in meta.outputs, `output ${name} missing`);
  assert.equal(meta.runs.using, 'node24');
  assert.ok(fs.existsSync(path.join(REPO, meta.runs.main)) && fs.existsSync(path.join(REPO, meta.runs.post)));
  // Every declared input is read by the action (a renamed input would otherwise be ignored silently).
  const src = fs.readFileSync(path.join(REPO, 'action', 'inputs.ts'), 'utf8');
  for (const name of Object.keys(meta.inputs)) assert.ok(src.includes(`'${name}'`), `input ${name} is declared but never read`);
});
