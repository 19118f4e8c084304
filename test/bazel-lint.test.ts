// Every Starlark file of the Bazel rules and the example passes `buildifier --lint=warn`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { arch } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './support/bazel-harness.ts';

const STARLARK = /(^|\/)(BUILD|BUILD\.bazel|WORKSPACE|WORKSPACE\.bazel|MODULE\.bazel)$|\.bzl$/;

function starlarkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...starlarkFiles(p));
    else if (STARLARK.test(p)) out.push(p);
  }
  return out;
}

test('buildifier --lint=warn is clean on every Starlark file', () => {
  const files = [
    ...['MODULE.bazel', 'WORKSPACE', 'BUILD.bazel'].map((f) => join(repoRoot, f)),
    ...starlarkFiles(join(repoRoot, 'bazel')),
    ...starlarkFiles(join(repoRoot, 'examples', 'bazel')),
  ];
  assert.ok(files.some((f) => f.endsWith('defs.bzl')) && files.some((f) => f.endsWith('extensions.bzl')));
  const tool = join(repoRoot, 'node_modules/@bazel/buildifier', `buildifier-linux_${arch() === 'arm64' ? 'arm64' : 'amd64'}`);
  const r = spawnSync(tool, ['--lint=warn', '--mode=check', ...files], { encoding: 'utf8' });
  assert.equal(r.error, undefined);
  const report = `${r.stdout}${r.stderr}`.split(repoRoot + '/').join('');
  assert.equal(r.status, 0, report);
  assert.equal(report.trim(), '', `buildifier findings in ${files.map((f) => relative(repoRoot, f)).length} files`);
});

// The standard library's action compiles the runtime module too, with only the build tags std's
// own files name (bazel/private/settings.bzl std_build_tags): a constraint of the runtime's would
// not see the others.
test('the runtime module has no build constraints, which the standard library\'s action would read with std\'s tags only', () => {
  const goFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? goFiles(p) : /\.(go|s)$/.test(name) ? [p] : [];
    });
  const files = goFiles(join(repoRoot, 'dist', 'runtime'));
  assert.ok(files.length > 10, `${files.length} files`);
  const constrained = files.filter((f) => /^\/\/go:build |^\/\/ \+build /m.test(readFileSync(f, 'utf8'))).map((f) => relative(repoRoot, f));
  assert.deepEqual(constrained, []);
});
