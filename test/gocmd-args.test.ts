// Parsing of go command lines: what go-weave plans for and what it passes on untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boolFlagOn, parseGoArgs } from '../weaver/src/gocmd/args.ts';
import { candidateModules, versionedArgs } from '../weaver/src/gocmd/versioned.ts';
import { parseJSONStream } from '../weaver/src/gocmd/golist.ts';
import { compareGoVersions } from '../weaver/src/gocmd/modfile.ts';
import { unifiedDiff } from '../weaver/src/gocmd/diff.ts';
import { aheadArgs, launcherOfRecord } from '../weaver/src/gocmd/ahead.ts';
import type { ReplayRecord } from '../weaver/src/gocmd/replay.ts';

test('build: packages, graph flags, and the user -overlay/-modfile taken out', () => {
  const p = parseGoArgs('build', ['-C', 'sub', '-tags', 'a,b', '-o', 'out', '-race', '-overlay=ov.json', '--modfile', 'alt.mod', './cmd/x', './y']);
  assert.equal(p.chdir, 'sub');
  assert.deepEqual(p.packages, ['./cmd/x', './y']);
  assert.deepEqual(p.graphFlags, ['-tags', 'a,b', '-race']);
  assert.equal(p.userOverlay, 'ov.json');
  assert.equal(p.userModfile, 'alt.mod');
  assert.deepEqual(p.rest, ['-tags', 'a,b', '-o', 'out', '-race', './cmd/x', './y']);
});

test('a build ahead runs the recorded go build with its outputs redirected, -C still first', () => {
  const rec = (args: string[], outputs = 1): ReplayRecord => ({
    v: 1, go: '/go/bin/go', args, set: {}, unset: [], stamps: [], stderr: '', report: '', summary: '',
    skip: { dir: '/m', outputs: Array.from({ length: outputs }, (_, i) => ({ path: `/m/bin/cmd${i}`, pkg: `m/cmd${i}` })), files: [], embeds: [] },
  });
  const recorded = ['build', '-C', 'sub', '-overlay=/c/o.json', '-o', 'bin/app', '-tags', 'x', '-ldflags=-X a.b=c', '-o=bin/cmd0', './cmd/cmd0'];
  assert.deepEqual(aheadArgs(rec(recorded), '/c/r.json.ahead-out'), ['build', '-C', 'sub', '-overlay=/c/o.json', '-tags', 'x', '-ldflags=-X a.b=c', '-o', '/c/r.json.ahead-out/cmd0', './cmd/cmd0']);
  // Without -o: go build of one command writes it in its directory; the build ahead does not.
  assert.deepEqual(aheadArgs(rec(['build', '-trimpath', '.']), '/p'), ['build', '-trimpath', '-o', '/p/cmd0', '.']);
  // Several commands go into the directory, each under its own name, as into the user's.
  assert.deepEqual(aheadArgs(rec(['build', '-o', 'bin/', './cmd/...'], 2), '/p'), ['build', '-o', '/p/', './cmd/...']);
  // An install is built ahead as a build (go install links the same executable).
  assert.deepEqual(aheadArgs(rec(['install', '-tags=x', './cmd/app']), '/p'), ['build', '-tags=x', '-o', '/p/cmd0', './cmd/app']);
  // Not a build of executables the launcher vouches for: no build ahead.
  assert.equal(aheadArgs(rec(['build', './lib'], 0), '/p'), undefined);
  assert.equal(aheadArgs({ ...rec(['build', '.']), skip: undefined }, '/p'), undefined);
  assert.equal(aheadArgs(rec(['build', '.', '--', 'x']), '/p'), undefined);
  assert.equal(launcherOfRecord('/c/v1/replay/abc/k.json'), '/c/v1/launcher/abc/go-weave-launch');
});

test('a go run is built ahead as the same go run starting true: -exec=true after the go flags, before the package and its arguments', () => {
  const rec = (args: string[]): ReplayRecord => ({ v: 1, go: '/go/bin/go', args, set: {}, unset: [], stamps: [], stderr: '', report: '', summary: '' });
  assert.deepEqual(aheadArgs(rec(['run', '-overlay=/c/o.json', '-tags', 'x', './cmd/app', '-v', 'arg']), '/p'), ['run', '-overlay=/c/o.json', '-tags', 'x', '-exec=true', './cmd/app', '-v', 'arg']);
  assert.deepEqual(aheadArgs(rec(['run', '-C', 'sub', 'main.go', 'util.go']), '/p'), ['run', '-C', 'sub', '-exec=true', 'main.go', 'util.go']);
  // The user's own -exec stays; the later one wins in the run ahead only.
  assert.deepEqual(aheadArgs(rec(['run', '-exec', 'sudo', '.']), '/p'), ['run', '-exec', 'sudo', '-exec=true', '.']);
  // -a rebuilds everything in the user's run anyway; -n runs nothing.
  assert.equal(aheadArgs(rec(['run', '-a', '.']), '/p'), undefined);
  assert.equal(aheadArgs(rec(['run', '-n', '.']), '/p'), undefined);
  assert.equal(aheadArgs(rec(['run']), '/p'), undefined);
});

test('a go test is built ahead as the same go test starting true and caching no result: -exec=true -count=1 last, before -args', () => {
  const rec = (args: string[]): ReplayRecord => ({ v: 1, go: '/go/bin/go', args, set: {}, unset: [], stamps: [], stderr: '', report: '', summary: '' });
  assert.deepEqual(aheadArgs(rec(['test', '-overlay=/c/o.json', './...', '-run', 'TestX', '-count=3']), '/p'), ['test', '-overlay=/c/o.json', './...', '-run', 'TestX', '-count=3', '-exec=true', '-count=1']);
  assert.deepEqual(aheadArgs(rec(['test', '-C', 'sub', '-v', './pkg', '-args', '-flag', 'x']), '/p'), ['test', '-C', 'sub', '-v', './pkg', '-exec=true', '-count=1', '-args', '-flag', 'x']);
  // Flags that write files or build something else: not built ahead.
  for (const flag of [['-c'], ['-o', 'bin/t'], ['-coverprofile=c.out'], ['-cpuprofile', 'cpu.out'], ['-fuzz=FuzzX'], ['-outputdir', 'o'], ['-a']]) {
    assert.equal(aheadArgs(rec(['test', ...flag, './pkg']), '/p'), undefined, flag.join(' '));
  }
  // A positional after the flags goes to the test binary: left alone.
  assert.equal(aheadArgs(rec(['test', './pkg', '-v', 'extra']), '/p'), undefined);
  // go vet is run ahead as it is: go caches its findings.
  assert.deepEqual(aheadArgs(rec(['vet', '-overlay=/c/o.json', './pkg']), '/p'), ['vet', '-overlay=/c/o.json', './pkg']);
});

test('run: arguments after the package belong to the program', () => {
  const p = parseGoArgs('run', ['-tags=x', './cmd/app', '-tags', 'notmine', 'arg']);
  assert.deepEqual(p.packages, ['./cmd/app']);
  assert.deepEqual(p.graphFlags, ['-tags=x']);
  assert.deepEqual(p.rest, ['-tags=x', './cmd/app', '-tags', 'notmine', 'arg']);
  const files = parseGoArgs('run', ['main.go', 'util.go', 'input.txt']);
  assert.deepEqual(files.packages, ['main.go', 'util.go']);
});

test('test: flags after packages and -args pass through', () => {
  const p = parseGoArgs('test', ['-count=1', './...', '-run', 'TestX', '-cover', '-args', '-v', 'pkg']);
  assert.deepEqual(p.packages, ['./...']);
  assert.deepEqual(p.graphFlags, ['-cover']);
  assert.deepEqual(p.rest, ['-count=1', './...', '-run', 'TestX', '-cover', '-args', '-v', 'pkg']);
});

test('a boolean build flag: GOFLAGS, then the command line, the last one winning', () => {
  const on = (args: string[], goflags?: string) => boolFlagOn('trimpath', parseGoArgs('build', args), goflags);
  assert.equal(on(['.']), false);
  assert.equal(on(['-trimpath', '.']), true);
  assert.equal(on(['--trimpath=true', '.']), true);
  assert.equal(on(['-trimpath=false', '.']), false);
  assert.equal(on(['.'], '-mod=mod -trimpath'), true);
  assert.equal(on(['-trimpath=false', '.'], '-trimpath'), false);
  assert.equal(on(['-trimpath', '-trimpath=0', '.']), false);
  assert.equal(on(['-race', '.'], '-tags=trimpath'), false);
});

test('pkg@version arguments of go install and go run are recognised; a program\'s own arguments are not', () => {
  assert.deepEqual(versionedArgs(parseGoArgs('install', ['-v', 'golang.org/x/tools/cmd/stringer@v0.1.0', 'golang.org/x/tools/cmd/goimports@v0.1.0'])).map((a) => [a.path, a.query]), [
    ['golang.org/x/tools/cmd/stringer', 'v0.1.0'], ['golang.org/x/tools/cmd/goimports', 'v0.1.0'],
  ]);
  assert.deepEqual(versionedArgs(parseGoArgs('run', ['example.com/tool@latest', 'x@y'])).map((a) => a.arg), ['example.com/tool@latest']);
  assert.deepEqual(versionedArgs(parseGoArgs('install', ['./cmd/x'])), []);
  assert.deepEqual(versionedArgs(parseGoArgs('build', ['example.com/tool@v1.0.0'])), []);
  assert.deepEqual(candidateModules('golang.org/x/tools/cmd/stringer'), ['golang.org/x/tools/cmd/stringer', 'golang.org/x/tools/cmd', 'golang.org/x/tools', 'golang.org/x', 'golang.org']);
});

test('go list -json stream parsing copes with braces inside strings', () => {
  const got = parseJSONStream<{ A: string }>('{\n "A": "x{y}\\"z"\n}\n{\n "A": "}"\n}\n');
  assert.deepEqual(got, [{ A: 'x{y}"z' }, { A: '}' }]);
});

test('Go version comparison', () => {
  assert.ok(compareGoVersions('1.22', '1.25') < 0);
  assert.ok(compareGoVersions('1.25.0', '1.25') === 0);
  assert.ok(compareGoVersions('1.26.1', '1.25.9') > 0);
});

test('unified diff hunks match diff -u', () => {
  const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
  const b = 'a\nb\nX\nc\nd\ne\nf\ng\nh\ni\nj\nY\n';
  assert.equal(unifiedDiff('a/x', 'b/x', a, b), '--- a/x\n+++ b/x\n@@ -1,5 +1,6 @@\n a\n b\n+X\n c\n d\n e\n@@ -8,4 +9,4 @@\n h\n i\n j\n-k\n+Y\n');
  assert.equal(unifiedDiff('a/x', 'b/x', 'same\n', 'same\n'), '');
});

test('the plan-relevant header of a Go file stops after the imports', async () => {
  const { goHeader } = await import('../weaver/src/gocmd/plancache.ts');
  const src = '//go:build linux\n\n// Package x does.\npackage x\n\n/*\n#include <a.h>\n*/\nimport "C"\n\nimport (\n\t"fmt" // why\n\tf "os"\n)\n\nfunc F() { fmt.Println(f.Args) }\n';
  assert.equal(goHeader(src), src.slice(0, src.indexOf(')\n\nfunc F') + 1));
  assert.equal(goHeader('package x\n\nvar v = 1\n'), 'package x\n');
  assert.equal(goHeader('package x\nimport "a"\nimport "b"\nfunc f() {}\n'), 'package x\nimport "a"\nimport "b"\n');
});
