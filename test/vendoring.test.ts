// The pure parts of vendor-mode support: when a build is vendored, and modules.txt in workspace form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoArgs } from '../weaver/src/gocmd/args.ts';
import { buildsVendored, workspaceModulesTxt } from '../weaver/src/gocmd/vendoring.ts';
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
