// What go-weave adds to a package as files of their own goes into a named file when the package
// is a list of files named on the command line (weaver/src/gocmd/filelist.ts): on the package
// clause's line and after the last line, so the user's lines keep their numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extendedSource, isFileList, packageClauseEnd, standInTestMain } from '../weaver/src/gocmd/filelist.ts';

test('the package clause is found past comments and build constraints, never inside a comment', () => {
  const src = '//go:build linux\n\n// Package p does things; package q is not it.\n/* package r\n */ package p // trailing\n\nfunc F() {}\n';
  const end = packageClauseEnd(src);
  assert.equal(src.slice(0, end).endsWith('*/ package p'), true);
  assert.equal(packageClauseEnd('func F() {}\n'), undefined);
  assert.equal(packageClauseEnd('/* never closed'), undefined);
  assert.equal(packageClauseEnd('package élan\n'), 'package élan'.length);
});

test('imports go onto the package clause line and declarations after the end: every line keeps its number', () => {
  const src = 'package p // here\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}';
  const out = extendedSource(src, [{ name: '_', path: 'go-weave.dev/runtime/otlp' }], 'var added = 1\n');
  assert.equal(out, 'package p; import _ "go-weave.dev/runtime/otlp" // here\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\nvar added = 1\n');
  const lines = src.split('\n');
  assert.deepEqual(out?.split('\n').slice(1, lines.length), lines.slice(1));
  // A file go cannot read either is left for go to report.
  assert.equal(extendedSource('func F() {}\n', []), undefined);
});

test('the stand-in TestMain imports testing under its own name, beside the file\'s own import', () => {
  const out = standInTestMain('package p\n\nimport t "testing"\n\nfunc TestX(x *t.T) {}\n') ?? '';
  assert.match(out, /^package p; import __weave_testing "testing"\n/);
  assert.match(out, /\nfunc TestMain\(m \*__weave_testing\.M\) \{\n\tm\.Run\(\)\n\}\n$/);
});

test('only command-line-arguments outside any module and the standard library is a file list', () => {
  assert.equal(isFileList({ ImportPath: 'command-line-arguments' }), true);
  assert.equal(isFileList({ ImportPath: 'command-line-arguments', Module: { Path: 'example.com/m', Main: true } }), false);
  assert.equal(isFileList({ ImportPath: 'example.com/p' }), false);
});
