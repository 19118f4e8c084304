// go_weaved_test's reading of test files (bazel/private/launcher/testmain.ts): which functions
// the test binary runs, as the go command picks them, and the errors it reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDecls } from '../bazel/private/launcher/testmain.ts';
import { loadGoFile } from '../weaver/src/parse/gofile.ts';
import { WeaveError } from '../weaver/src/errors.ts';

async function declsOf(source: string) {
  const file = await loadGoFile('pkg/a_test.go', source);
  try {
    return testDecls(file);
  } finally {
    file.tree.delete();
  }
}

test('tests, benchmarks, fuzz targets and examples are found by name and signature', async () => {
  const d = await declsOf(`package a

import (
	tt "testing"
)

func Test(t *tt.T)             {}
func TestX(t *tt.T)            {}
func Test_under(t *tt.T)       {}
func Testlower(t *tt.T)        {}
func BenchmarkX(b *tt.B)       {}
func FuzzX(f *tt.F)            {}
func helper(t *tt.T)           {}
func (s S) TestMethod(t *tt.T) {}

func ExampleX() {
	println("a")
	println("b")
	// Output:
	// a
	// b
}

func ExampleY() {
	// Unordered output: b
	// a
}

func ExampleNoOutput() {
	// just a comment
}

func Examplelower() {}
`);
  assert.deepEqual(d.funcs, [
    { kind: 'test', name: 'Test' },
    { kind: 'test', name: 'TestX' },
    { kind: 'test', name: 'Test_under' },
    { kind: 'benchmark', name: 'BenchmarkX' },
    { kind: 'fuzz', name: 'FuzzX' },
    { kind: 'example', name: 'ExampleX', output: 'a\nb', unordered: false },
    { kind: 'example', name: 'ExampleY', output: 'b\na', unordered: true },
    { kind: 'example', name: 'ExampleNoOutput' },
  ]);
  assert.equal(d.hasTestMain, false);
});

test('a dot-imported testing and TestMain are recognised', async () => {
  const d = await declsOf(`package a_test

import . "testing"

func TestMain(m *M) { m.Run() }
func TestY(t *T)    {}
`);
  assert.deepEqual(d.funcs, [{ kind: 'test', name: 'TestY' }]);
  assert.equal(d.hasTestMain, true);
});

test('a test or TestMain with the wrong signature is an error at its line', async () => {
  const cases: [string, RegExp][] = [
    ['func TestBad(n int) {}', /^pkg\/a_test\.go:5:1: wrong signature for TestBad, must be: func TestBad\(t \*testing\.T\)$/],
    ['func BenchmarkBad(t *testing.T) {}', /wrong signature for BenchmarkBad, must be: func BenchmarkBad\(b \*testing\.B\)/],
    ['func TestMain(t *testing.T) {}', /wrong signature for TestMain, must be: func TestMain\(m \*testing\.M\)/],
    ['func TestRet(t *testing.T) error { return nil }', /wrong signature for TestRet/],
  ];
  for (const [fn, want] of cases) {
    await assert.rejects(declsOf(`package a\n\nimport "testing"\n\n${fn}\n`), (e: unknown) => e instanceof WeaveError && want.test(e.message));
  }
});
