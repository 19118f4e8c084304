// `//weave:enabled` (built-in aspect weave.enabled): a bool variable the program marks is true
// in a woven build and keeps its own value in a plain one, so code can tell which it runs in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { loadConfig, weavePackage } from '../weaver/src/index.ts';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { GO, goWeave } from './support/go-shop.ts';

test('//weave:enabled sets a marked bool variable, alone or in a group, in any package; nothing else', async () => {
  const src = [
    'package lib',
    '',
    '//weave:enabled',
    'var Woven bool',
    '',
    'var Other bool',
    '',
    '//weave:enabled',
    'var (',
    '\tA bool',
    '\tB string',
    ')',
    '',
    'var (',
    '\tC bool',
    '\t//weave:enabled',
    '\tD bool = false',
    ')',
    '',
  ].join('\n');
  const r = await weavePackage(loadConfig({}), { importPath: 'example.com/dep/lib', name: 'lib', mainModule: false, files: [{ path: 'a.go', source: src }] });
  const out = r.files[0].source;
  for (const set of ['var Woven bool = true', '\tA bool = true', '\tD bool = true']) assert.ok(out.includes(set), `${set} in\n${out}`);
  for (const kept of ['var Other bool\n', '\tB string\n', '\tC bool\n']) assert.ok(out.includes(kept), `${kept} in\n${out}`);
  assert.deepEqual(r.aspects, ['weave.enabled']);
});

test('a woven program sees its //weave:enabled variable true; the plain build of the same code, false', async () => {
  const dir = writeTree({
    'go.mod': 'module example.com/enabled\n\ngo 1.25\n',
    'main.go': `package main

import "fmt"

// woven is true when go-weave built the program: its tracing by hand then stands aside.
//
//weave:enabled
var woven bool

func main() { fmt.Println("woven:", woven) }
`,
  });
  try {
    const env = { ...process.env, GOWEAVE_CACHE: join(dir, '.cache'), GOWEAVE_SERVER: '0', GOFLAGS: '-buildvcs=false' };
    const plain = await run(GO, ['build', '-o', 'plain', '.'], { cwd: dir, env });
    assert.equal(plain.code, 0, plain.stderr);
    const w = await goWeave(['build', '-o', 'woven', '.'], { cwd: dir, env });
    assert.equal(w.code, 0, w.stderr);
    assert.equal((await run(join(dir, 'plain'), [], { env: { ...env, OTEL_TRACES_EXPORTER: 'none' } })).stdout, 'woven: false\n');
    assert.equal((await run(join(dir, 'woven'), [], { env: { ...env, OTEL_TRACES_EXPORTER: 'none' } })).stdout, 'woven: true\n');
  } finally {
    removeTree(dir);
  }
});
