// The weaver as Bazel actions run it (bazel/private/weaver_launcher.cjs): up to date with its
// sources and the core, and weaving with the semantics the rules rely on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildLauncher, launcherPath } from '../bazel/private/launcher/build.mjs';
import { exampleDir, repoRoot } from './support/bazel-harness.ts';

function runLauncher(args: string[]): { status: number | null; stderr: string } {
  // As in an action: the runfiles root plus the rlocation of dist/weaver.
  const r = spawnSync(process.execPath, [launcherPath, ...args], {
    cwd: exampleDir,
    env: { PATH: '/usr/bin:/bin', RUNFILES_DIR: join(repoRoot, '..'), GOWEAVE_ASSETS_RLOCATION: `${repoRoot.split('/').pop()}/dist/weaver` },
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr };
}

test('the committed launcher bundle matches its sources (node bazel/private/launcher/build.mjs)', async () => {
  assert.equal(await buildLauncher(), readFileSync(launcherPath, 'utf8'));
});

test('weave --main-module wraps //weave:span functions and maps lines to the original file', () => {
  const out = mkdtempSync(join(tmpdir(), 'go-weave-launcher-'));
  const report = join(out, 'report.json');
  const r = runLauncher(['weave', '--main-module', '-p', 'example.com/service/internal/store', '-o', out, '--report', report, 'internal/store/store.go']);
  assert.equal(r.status, 0, r.stderr);
  const woven = readFileSync(join(out, 'store.go'), 'utf8');
  assert.match(woven, /^\/\/go-weave:woven\n\/\/line internal\/store\/store\.go:1:1\n/);
  assert.match(woven, /Start\(ctx, "store\.Greeting"/);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { addedImports: string[]; joinPoints: number };
  assert.deepEqual(parsed.addedImports, ['go-weave.dev/runtime/trace']);
  assert.equal(parsed.joinPoints, 1);
});

test('without --main-module, main-module-only aspects leave a library alone', () => {
  const out = mkdtempSync(join(tmpdir(), 'go-weave-launcher-'));
  const r = runLauncher(['weave', '-p', 'example.com/service/internal/store', '-o', out, 'internal/store/store.go']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(out, 'store.go'), 'utf8'), readFileSync(join(exampleDir, 'internal/store/store.go'), 'utf8'));
});

test('a missing aspect file and a bad flag are errors naming what was expected', () => {
  const out = mkdtempSync(join(tmpdir(), 'go-weave-launcher-'));
  const missing = runLauncher(['weave', '-c', 'nope.yml', '-p', 'x', '-o', out, 'internal/greet/greet.go']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.yml/);
  const bad = runLauncher(['weave', '--frobnicate']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /unknown flag --frobnicate; usage: weaver weave/);
});

test('--build-context leaves out the files another platform compiles; a library of only those builds empty', () => {
  const out = mkdtempSync(join(tmpdir(), 'go-weave-launcher-'));
  const ctx = join(out, 'buildctx');
  writeFileSync(ctx, 'goos linux\ngoarch amd64\ncompiler gc\ncgo false\ntags go1.26 amd64.v1\n');
  const srcs = ['internal/greet/greet.go', 'internal/greet/newline_other.go', 'internal/greet/newline_windows.go'];
  const lib = runLauncher(['weave', '--build-context', ctx, '-p', 'example.com/service/internal/greet', '-o', join(out, 'lib'), ...srcs]);
  assert.equal(lib.status, 0, lib.stderr);
  assert.deepEqual(readdirSync(join(out, 'lib')).sort(), ['goweave-excluded.txt', 'greet.go', 'newline_other.go']);
  assert.equal(readFileSync(join(out, 'lib', 'goweave-excluded.txt'), 'utf8'), 'newline_windows.go\n');

  // Only a Windows file for linux: an empty package, or, for an executable, go's error.
  const only = ['internal/greet/newline_windows.go'];
  const empty = runLauncher(['weave', '--build-context', ctx, '-p', 'example.com/service/internal/greet', '-o', join(out, 'empty'), ...only]);
  assert.equal(empty.status, 0, empty.stderr);
  assert.equal(readFileSync(join(out, 'empty', 'zz_goweave_empty.go'), 'utf8'), 'package greet\n');
  const exe = runLauncher(['weave', '--build-context', ctx, '-p', 'main', '-o', join(out, 'exe'), '--link-deps-into', 'zz_goweave_linkdeps.go', ...only]);
  assert.equal(exe.status, 1);
  assert.match(exe.stderr, /^go-weave: build constraints exclude all Go files in internal\/greet\n\tinternal\/greet\/newline_windows\.go: its name is for another GOOS\/GOARCH than linux\/amd64\n$/);

  writeFileSync(ctx, 'goos linux\ngoarch amd64\ncgo maybe\n');
  const bad = runLauncher(['weave', '--build-context', ctx, '-p', 'x', '-o', join(out, 'bad'), ...srcs]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /buildctx: expected "cgo true" or "cgo false", not "cgo maybe"/);
});

test('a library leaves its _test.go files to go_weaved_test, as go build does', () => {
  const out = mkdtempSync(join(tmpdir(), 'go-weave-launcher-'));
  const report = join(out, 'report.json');
  const r = runLauncher(['weave', '-p', 'example.com/service/internal/greet', '-o', out, '--report', report, 'internal/greet/greet.go', 'internal/greet/greet_test.go']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['goweave-excluded.txt', 'greet.go', 'report.json']);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { excluded: unknown };
  assert.deepEqual(parsed.excluded, [{ path: 'internal/greet/greet_test.go', reason: 'it is a test file (go_weaved_test compiles it)' }]);
});
