// Every Starlark file of the Bazel rules and the example passes `buildifier --lint=warn`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
