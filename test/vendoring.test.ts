// The pure parts of vendor-mode support: when a build is vendored, and modules.txt in workspace form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoArgs } from '../weaver/src/gocmd/args.ts';
import { buildsVendored, completePre114ModulesTxt, workspaceModulesTxt } from '../weaver/src/gocmd/vendoring.ts';
import { removeTree, writeTree } from './support/go-fixture.ts';

test('vendor mode: -mod on the command line wins over GOFLAGS, which wins over vendor/modules.txt', () => {
  const withVendor = writeTree({ 'go.mod': 'module m\n\ngo 1.24\n', 'vendor/modules.txt': '' }, 'gw-vend-');
  const without = writeTree({ 'go.mod': 'module m\n\ngo 1.24\n' }, 'gw-vend-');
  try {
    const args = (...a: string[]) => parseGoArgs('build', [...a, '.']);
    assert.equal(buildsVendored(withVendor, args(), undefined), true);
    assert.equal(buildsVendored(withVendor, args(), '-trimpath -mod=mod'), false);
    assert.equal(buildsVendored(withVendor, args('-mod=vendor'), '-mod=mod'), true);
    assert.equal(buildsVendored(withVendor, args('-mod', 'readonly'), '-mod=vendor'), false);
    assert.equal(buildsVendored(withVendor, args(), '--mod=vendor'), true);
    // Without modules.txt the go command reports the problem itself; go-weave does not step in.
    assert.equal(buildsVendored(without, args('-mod=vendor'), undefined), false);
    mkdirSync(join(without, 'vendor'));
    writeFileSync(join(without, 'vendor', 'other.txt'), '');
    assert.equal(buildsVendored(without, args(), undefined), false);
  } finally {
    removeTree(withVendor);
    removeTree(without);
  }
});

test('modules.txt in workspace form: header, and local replacements relative to the workspace', () => {
  const text = [
    '# example.com/a v1.2.0',
    '## explicit; go 1.22',
    'example.com/a',
    '# example.com/b v0.0.0 => ../b',
    '## explicit; go 1.21',
    'example.com/b',
    '# example.com/c v1.0.0 => example.com/c-fork v1.0.1',
    '## explicit',
    'example.com/c',
    '# example.com/d v0.0.0 => ./third_party/d',
    '# example.com/e v0.0.0 => /abs/e',
    '# example.com/b => ../b',
    '',
  ].join('\n');
  const out = workspaceModulesTxt(text, '/src/app', '/cache/ws/1234');
  assert.equal(out, [
    '## workspace',
    '# example.com/a v1.2.0',
    '## explicit; go 1.22',
    'example.com/a',
    '# example.com/b v0.0.0 => ../../../src/b',
    '## explicit; go 1.21',
    'example.com/b',
    '# example.com/c v1.0.0 => example.com/c-fork v1.0.1',
    '## explicit',
    'example.com/c',
    '# example.com/d v0.0.0 => ../../../src/app/third_party/d',
    '# example.com/e v0.0.0 => /abs/e',
    '# example.com/b => ../../../src/b',
    '',
  ].join('\n'));
  // A replacement inside the workspace directory keeps the ./ a local path needs.
  assert.match(workspaceModulesTxt('# x v0.0.0 => ./x\n', '/cache/ws', '/cache/ws'), /=> \.\/x$/m);
});

test('modules.txt of a module below go 1.14 gets the explicit marks and replacements 1.14 added', () => {
  const old = [
    '# example.com/a v1.2.0',
    'example.com/a',
    'example.com/a/sub',
    '# example.com/b v0.0.0 => ../b',
    'example.com/b',
    '# example.com/dep v1.0.0',
    'example.com/dep',
    '',
  ].join('\n');
  const mod = {
    Go: '1.13',
    Require: [{ Path: 'example.com/a', Version: 'v1.2.0' }, { Path: 'example.com/b', Version: 'v0.0.0' }, { Path: 'example.com/tools', Version: 'v0.3.0' }],
    Replace: [{ Old: { Path: 'example.com/b' }, New: { Path: '../b' } }, { Old: { Path: 'example.com/x', Version: 'v1.0.0' }, New: { Path: 'example.com/y', Version: 'v1.0.1' } }],
  };
  assert.equal(completePre114ModulesTxt(old, mod), [
    '# example.com/a v1.2.0',
    '## explicit',
    'example.com/a',
    'example.com/a/sub',
    '# example.com/b v0.0.0 => ../b',
    '## explicit',
    'example.com/b',
    // Only in the module graph, not required by go.mod: not explicit.
    '# example.com/dep v1.0.0',
    'example.com/dep',
    // Required, but no package vendored.
    '# example.com/tools v0.3.0',
    '## explicit',
    // The whole-path replacement, and one of a module with nothing vendored.
    '# example.com/b => ../b',
    '# example.com/x v1.0.0 => example.com/y v1.0.1',
    '',
  ].join('\n'));
  // Written by go 1.14 or later (or a module at 1.14 or later): left as it is.
  const marked = completePre114ModulesTxt(completePre114ModulesTxt(old, mod), mod);
  assert.equal(marked, completePre114ModulesTxt(old, mod), 'completing twice adds nothing');
  assert.equal(completePre114ModulesTxt(old, { ...mod, Go: '1.14' }), old);
  assert.equal(completePre114ModulesTxt(old, { ...mod, Go: undefined }), old);
});
