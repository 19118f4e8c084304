// What go_weaved_test needs that the go command does for go test: the tests, benchmarks, fuzz
// targets and examples a package's test files declare, and the main package that runs them.
// Pure functions over parsed files; main.ts reads, weaves and writes.
import type { Node } from 'web-tree-sitter';
import type { GoFile } from '../../../weaver/src/parse/gofile.ts';
import { WeaveError } from '../../../weaver/src/errors.ts';
import { coverMainSource } from './coverage.ts';

export type TestKind = 'test' | 'benchmark' | 'fuzz' | 'example';

export interface TestFunc {
  kind: TestKind;
  name: string;
  /** Examples only: the output their last comment expects; undefined when it expects none (not run). */
  output?: string;
  unordered?: boolean;
}

/** One test package's declarations: the internal (package p) or external (p_test) one. */
export interface TestDecls {
  funcs: TestFunc[];
  hasTestMain: boolean;
}

export const noTestDecls = (): TestDecls => ({ funcs: [], hasTestMain: false });

const PREFIXES: [string, TestKind, string | undefined][] = [
  ['Test', 'test', 'T'],
  ['Benchmark', 'benchmark', 'B'],
  ['Fuzz', 'fuzz', 'F'],
  ['Example', 'example', undefined],
];

/** A name the go command takes for prefix: the prefix alone, or followed by anything but a lower-case letter. */
function named(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const next = name.slice(prefix.length);
  return next === '' || !/^\p{Ll}/u.test(next);
}

/** Whether a parameter's type is *testing.<name>, however the file imports testing. */
function isTestingPointer(file: GoFile, type: Node | null, name: string): boolean {
  if (type?.type !== 'pointer_type') return false;
  const target = type.namedChildren[0];
  if (target?.type === 'qualified_type') {
    const pkg = target.childForFieldName('package')?.text;
    return target.childForFieldName('name')?.text === name && pkg !== undefined && file.aliases.get(pkg) === 'testing';
  }
  return target?.type === 'type_identifier' && target.text === name && file.dotImports.includes('testing');
}

/** The parameter types of a function declaration, one per declared name. */
function parameterTypes(fn: Node): (Node | null)[] {
  const out: (Node | null)[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'parameter_declaration' && p?.type !== 'variadic_parameter_declaration') continue;
    const names = p.childrenForFieldName('name').length;
    for (let i = 0; i < Math.max(1, names); i++) out.push(p.type === 'variadic_parameter_declaration' ? null : p.childForFieldName('type'));
  }
  return out;
}

/**
 * The text of a comment group as go/doc reads it: markers and the first space of line comments
 * removed, line by line.
 */
function commentText(comments: Node[]): string {
  const lines: string[] = [];
  for (const c of comments) {
    const t = c.text;
    if (t.startsWith('//')) lines.push(t.slice(2).replace(/^ /, ''));
    else lines.push(...t.slice(2, -2).split('\n'));
  }
  return lines.map((l) => l.replace(/\s+$/, '')).join('\n');
}

const OUTPUT = /^\s*(unordered )?output:/i;

/** An example's expected output: its body's last comment group, when that starts with "Output:". */
function exampleOutput(fn: Node): { output: string; unordered: boolean } | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const comments: Node[] = [];
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'comment') comments.push(c);
      else walk(c);
    }
  };
  walk(body);
  if (comments.length === 0) return undefined;
  // The group: the last comment and those on the lines right above it.
  const group = [comments[comments.length - 1]];
  for (let i = comments.length - 2; i >= 0; i--) {
    if (comments[i].endPosition.row + 1 !== group[0].startPosition.row) break;
    group.unshift(comments[i]);
  }
  const text = commentText(group);
  const m = OUTPUT.exec(text);
  if (!m) return undefined;
  return { output: text.slice(m[0].length).trim(), unordered: m[1] !== undefined };
}

/** The tests and the TestMain of one test file, with the go command's signature checks. */
export function testDecls(file: GoFile): TestDecls {
  const out = noTestDecls();
  for (const fn of file.root.namedChildren) {
    if (fn?.type !== 'function_declaration') continue;
    const name = fn.childForFieldName('name')?.text ?? '';
    const params = parameterTypes(fn);
    const results = fn.childForFieldName('result');
    const generic = fn.childForFieldName('type_parameters');
    if (name === 'TestMain') {
      if (params.length !== 1 || !isTestingPointer(file, params[0], 'M') || results || generic) {
        throw new WeaveError('wrong signature for TestMain, must be: func TestMain(m *testing.M)', file.positions.position(fn.startIndex));
      }
      out.hasTestMain = true;
      continue;
    }
    const match = PREFIXES.find(([prefix]) => named(name, prefix));
    if (!match) continue;
    const [, kind, param] = match;
    if (kind === 'example') {
      // The go command leaves examples with parameters or results to go vet; so do we.
      if (params.length > 0 || results || generic) continue;
      const expected = exampleOutput(fn);
      out.funcs.push(expected ? { kind, name, output: expected.output, unordered: expected.unordered } : { kind, name });
      continue;
    }
    if (params.length !== 1 || !isTestingPointer(file, params[0], param ?? '') || results || generic) {
      throw new WeaveError(`wrong signature for ${name}, must be: func ${name}(${param?.toLowerCase()} *testing.${param})`, file.positions.position(fn.startIndex));
    }
    out.funcs.push({ kind, name });
  }
  return out;
}

export interface TestMainInput {
  /** The package under test's import path (testdeps.ImportPath, and the internal package's). */
  importPath: string;
  internal: TestDecls;
  /** Undefined when there are no external test files. */
  external?: TestDecls;
  /** Packages linked in for their side effects (aspects' link-package advice). */
  linkDeps: string[];
  /** The package's directory in the runfiles tree (`<repository>/<path>`): tests run from there. */
  packageDir: string;
  /** bazel coverage: the instrumented packages the binary links, whose counters it reports. */
  coverPackages?: string[];
}

const quote = (s: string) => JSON.stringify(s);

/** The main package of a test binary, in Go. */
export function testMainSource(t: TestMainInput): string {
  const sources: [string, TestDecls][] = [['_test', t.internal]];
  if (t.external) sources.push(['_xtest', t.external]);
  const used = new Set<string>();
  const entries = (kind: TestKind, fmt: (ref: string, f: TestFunc) => string): string[] => {
    const out: string[] = [];
    for (const [alias, decls] of sources) {
      for (const f of decls.funcs) {
        if (f.kind !== kind || (kind === 'example' && f.output === undefined)) continue;
        used.add(alias);
        out.push(`\t${fmt(`${alias}.${f.name}`, f)},\n`);
      }
    }
    return out;
  };
  const tests = entries('test', (ref, f) => `{Name: ${quote(f.name)}, F: ${ref}}`);
  const benchmarks = entries('benchmark', (ref, f) => `{Name: ${quote(f.name)}, F: ${ref}}`);
  const fuzz = entries('fuzz', (ref, f) => `{Name: ${quote(f.name)}, Fn: ${ref}}`);
  const examples = entries('example', (ref, f) => `{Name: ${quote(f.name)}, F: ${ref}, Output: ${quote(f.output ?? '')}, Unordered: ${f.unordered ? 'true' : 'false'}}`);
  const mainAlias = t.external?.hasTestMain ? '_xtest' : '_test';
  used.add(mainAlias);
  const cover = [...new Set(t.coverPackages ?? [])].sort();
  const std = ['os', 'path/filepath', 'reflect', 'strconv', 'strings', 'testing', 'testing/internal/testdeps', ...(cover.length ? ['fmt', 'sort'] : [])];
  const imports = std.sort().map((p) => `\t${quote(p)}\n`);
  if (used.has('_test')) imports.push(`\t_test ${quote(t.importPath)}\n`);
  if (used.has('_xtest')) imports.push(`\t_xtest ${quote(t.importPath + '_test')}\n`);
  for (const d of [...t.linkDeps].sort()) imports.push(`\t_ ${quote(d)}\n`);
  const coverAliases = cover.map((_, i) => `_cover${i}`);
  cover.forEach((p, i) => imports.push(`\t${coverAliases[i]} ${quote(p)}\n`));
  return `// Code generated by go-weave for go_weaved_test. DO NOT EDIT.

package main

import (
${imports.join('')})

var tests = []testing.InternalTest{
${tests.join('')}}

var benchmarks = []testing.InternalBenchmark{
${benchmarks.join('')}}

var fuzzTargets = []testing.InternalFuzzTarget{
${fuzz.join('')}}

var examples = []testing.InternalExample{
${examples.join('')}}

func init() {
	testdeps.ImportPath = ${quote(t.importPath)}
	// bazel test (and bazel run) start the binary in its runfiles tree; go test runs tests from
	// their package's directory, where they look for testdata/.
	root := os.Getenv("TEST_SRCDIR")
	if root == "" {
		root = os.Getenv("RUNFILES_DIR")
	}
	if root != "" {
		if err := os.Chdir(filepath.Join(root, ${quote(t.packageDir)})); err != nil {
			panic(err)
		}
	}
	// bazel test --test_filter=Pattern is go test's -test.run, unless the arguments give one.
	if filter := os.Getenv("TESTBRIDGE_TEST_ONLY"); filter != "" && !hasFlag("test.run") {
		os.Args = append(os.Args, "-test.run="+filter)
	}
	// shard_count: shard i of n runs every n-th test and example from the i-th; benchmarks and
	// fuzz targets (their seeds run as tests) stay with shard 0.
	n, _ := strconv.Atoi(os.Getenv("TEST_TOTAL_SHARDS"))
	if n > 0 {
		if status := os.Getenv("TEST_SHARD_STATUS_FILE"); status != "" {
			if err := os.WriteFile(status, nil, 0o644); err != nil {
				panic(err)
			}
		}
		i, _ := strconv.Atoi(os.Getenv("TEST_SHARD_INDEX"))
		tests, examples = shard(tests, i, n), shard(examples, i, n)
		if i != 0 {
			benchmarks, fuzzTargets = nil, nil
		}
	}
}

func hasFlag(name string) bool {
	for _, a := range os.Args[1:] {
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

func shard[T any](all []T, i, n int) []T {
	var mine []T
	for j := i; j < len(all); j += n {
		mine = append(mine, all[j])
	}
	return mine
}

func main() {
	m := testing.MainStart(${cover.length ? 'coverDeps{}' : 'testdeps.TestDeps{}'}, tests, benchmarks, fuzzTargets, examples)
	// There is always a TestMain (the package's own or go-weave's stand-in): the aspects about
	// test binaries join it. One that returns ends the binary with its run's code, as in go test.
	${mainAlias}.TestMain(m)
	os.Exit(int(reflect.ValueOf(m).Elem().FieldByName("exitCode").Int()))
}
${cover.length ? coverMainSource(coverAliases) : ''}`;
}
