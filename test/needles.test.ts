// The text prefilter: a file that cannot contain a join point is not parsed at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAspectFiles, weavePackage } from '../weaver/src/index.ts';
import { needlesOf } from '../weaver/src/join/needles.ts';
import { tempDir } from './support/go-tool.ts';

const ASPECTS = `aspects:
  - id: exit.flush
    join-point:
      all-of:
        - package-filter: {pattern: '**', root: true}
        - one-of:
            - function-call: os.Exit
            - function-call: log.Fatal
    advice:
      - wrap-expression:
          template: 'func() { println("bye"); {{ . }} }()'
`;

test('needles: all-of keeps every clause, one-of unites its members, package facts add none', () => {
  const dir = tempDir('needles');
  writeFileSync(join(dir, 'a.yml'), ASPECTS);
  const set = loadAspectFiles([join(dir, 'a.yml')]);
  assert.deepEqual(needlesOf(set.aspects[0].joinPoint), [['Exit', '"os"', '`os`', { inPackage: 'os' }, 'Fatal', '"log"', '`log`', { inPackage: 'log' }]]);
});

test('a call of pkg.F (a literal of pkg.T) needs F (T) and an import of pkg, unless the file is in pkg itself', async () => {
  const dir = tempDir('needles');
  writeFileSync(join(dir, 'a.yml'), `aspects:
  - id: exit.flush
    join-point:
      function-call: os.Exit
    advice:
      - wrap-expression:
          template: 'func() { println("bye"); {{ . }} }()'
`);
  const set = loadAspectFiles([join(dir, 'a.yml')]);
  assert.deepEqual(needlesOf(set.aspects[0].joinPoint), [['Exit'], ['"os"', '`os`', { inPackage: 'os' }]]);
  // Says Exit, imports no "os": broken on purpose, it would fail to weave if it were parsed.
  const broken = 'package gen\n\nimport "runtime"\n\nfunc apiExit() { if {\n';
  const skipped = await weavePackage(set, { importPath: 'example.com/gen', name: 'gen', files: [{ path: 'gen.go', source: broken }] });
  assert.deepEqual(skipped.files.map((f) => f.changed), [false]);
  // An alias, and a raw string, still spell the path.
  for (const imp of ['osx "os"', 'osx `os`']) {
    const woven = await weavePackage(set, { importPath: 'example.com/m', name: 'm', files: [{ path: 'm.go', source: `package m\n\nimport ${imp}\n\nfunc F() { osx.Exit(2) }\n` }] });
    assert.equal(woven.joinPoints, 1, imp);
  }
  // A literal of pkg.T likewise.
  const lit = { kind: 'struct-literal' as const, type: { pkg: 'net/http', name: 'Server', pointer: false }, match: 'any' as const, origin: { file: 'a.yml', line: 1, col: 1 } };
  assert.deepEqual(needlesOf(lit), [['Server'], ['"net/http"', '`net/http`', { inPackage: 'net/http' }]]);
  // In package os, Exit is called by its bare name.
  const inOs = await weavePackage(set, { importPath: 'os', name: 'os', standard: true, files: [{ path: 'x.go', source: 'package os\n\nfunc Bye() { Exit(3) }\n' }] });
  assert.equal(inOs.joinPoints, 1);
});

test('a file without any needle is left as is without parsing; one with a needle is parsed', async () => {
  const dir = tempDir('needles');
  writeFileSync(join(dir, 'a.yml'), ASPECTS);
  const set = loadAspectFiles([join(dir, 'a.yml')]);
  const facts = { importPath: 'example.com/m', name: 'main', mainModule: true };
  // Broken on purpose: were it parsed, weaving would fail with a syntax error.
  const broken = 'package main\n\nfunc main() { if {\n';
  const skipped = await weavePackage(set, { ...facts, files: [{ path: 'x.go', source: broken }] });
  assert.deepEqual(skipped.files.map((f) => f.changed), [false]);
  await assert.rejects(weavePackage(set, { ...facts, files: [{ path: 'y.go', source: broken + '\nos.Exit(1)\n' }] }), /y\.go:\d+/);
  const woven = await weavePackage(set, { ...facts, files: [{ path: 'z.go', source: 'package main\n\nimport "os"\n\nfunc main() { os.Exit(2) }\n' }] });
  assert.equal(woven.joinPoints, 1);
  assert.match(woven.files[0].source, /println\("bye"\); \/\*line z\.go:5:15\*\/os\.Exit\(2\)/);
});

test('a goroutine needs a go statement (of a literal or any other call), whatever the spacing, or a call of a method Go; other files are not parsed for it', () => {
  const jp = { kind: 'function' as const, options: { goroutine: true }, origin: { file: 'a.yml', line: 1, col: 1 } };
  const [[word]] = needlesOf(jp);
  assert.ok(word instanceof RegExp);
  for (const src of ['go func() {}()', 'go\tfunc() {}()', 'go (func() {})()', 'go(\n(func() {}))()', 'wg.Go(func() {})', 'go f()', 'go\n\ts.run()']) assert.ok(word.test(src), src);
  for (const src of ['// go-weave\nfunc main() {}', 'ago func', '//go:build linux', 'cargo funcs', 'x.gopher()']) assert.ok(!word.test(src), src);
});
