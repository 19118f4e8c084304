// Go statements that call something other than a literal (`go worker(ctx, n)`) are wrapped in a
// goroutine literal of go-weave's own so that goroutine advice applies to them: what the program
// passes is evaluated where go evaluated it, names are resolved across the package's files, and
// a statement other advice rewrites, or whose arguments' types the syntax cannot tell, stays as
// written. The woven package is compiled and run by the real go toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAspectFiles, weavePackage, type FileMemo, type PackageInput } from '../weaver/src/index.ts';
import { run, tempDir } from './support/go-tool.ts';
import { run as runAsync } from './support/go-fixture.ts';
import { goWeave } from './support/go-shop.ts';

const GUARD = `aspects:
  - id: guard
    join-point: {function-body: {function: [{goroutine: true}]}}
    advice:
      - prepend-statements:
          template: 'defer func() { if p := recover(); p != nil { println("guarded:", p.(string)); done <- true } }()'
`;

const CONFIG = `package main

var done = make(chan bool, 8)

// A variable of this file and a constant: one is captured, the other written again.
var reason = "from a variable of config.go"

const scale = 2

func worker(why string, d float64, n ...int) {
	panic(why)
}

func generic[T any](x T, why string) {
	panic(why)
}
`;

const MAIN = `package main

import "fmt"

type job struct{ why string }

func (j *job) run() { panic(j.why) }

func main() {
	j := &job{why: "method value"}
	go j.run()
	// The receiver is bound now: the goroutine must still see the first job.
	j = &job{why: "changed"}
	go worker(reason, scale, 1, 2)
	why := "loop"
	for i := 0; i < 2; i++ {
		go generic(i, why+fmt.Sprint(i))
	}
	const n = 1.5
	go worker("constants", n)
	for range 5 {
		<-done
	}
	fmt.Println("end", j.why)
}
`;

function memo(): FileMemo {
  const m = new Map<string, string>();
  return { get: (k) => (m.has(k) ? JSON.parse(m.get(k)!) : undefined), set: (k, v) => void m.set(k, JSON.stringify(v)) };
}

async function weave(files: Record<string, string>, aspects = GUARD, m?: FileMemo) {
  const dir = tempDir('gocalls-aspects');
  writeFileSync(join(dir, 'aspects.yml'), aspects);
  const pkg: PackageInput = { importPath: 'example.com/gocalls', name: 'main', mainModule: true, files: Object.entries(files).map(([path, source]) => ({ path, source })) };
  const res = await weavePackage(loadAspectFiles([join(dir, 'aspects.yml')]), pkg, m);
  return Object.fromEntries(res.files.map((f) => [f.path, f.source]));
}

function goRun(files: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const dir = tempDir('gocalls');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'go.mod'), 'module example.com/gocalls\n\ngo 1.25\n');
  for (const [p, s] of Object.entries(files)) writeFileSync(join(dir, p), s);
  return run('go', ['run', '.'], { cwd: dir });
}

test('go statements calling functions, methods and generic functions run their advice, with the values go evaluated', async () => {
  const woven = await weave({ 'config.go': CONFIG, 'main.go': MAIN });
  // The other file's variable is captured, its constant and function are named again.
  assert.match(woven['main.go'], /__weave_go0 := \/\*line main\.go:14:12\*\/reason;/);
  assert.match(woven['main.go'], /worker\(__weave_go0, scale, 1, 2\)/);
  assert.match(woven['main.go'], /go func\(\) \{\n\/\/line <go-weave:guard>:1\n.*\n\/\*line main\.go:20:5\*\/worker\("constants", n\) \}\(\)/);
  const r = goRun(woven);
  assert.equal(r.code, 0, r.stderr);
  const said = r.stderr.split('\n').filter((l) => l.startsWith('guarded:')).sort();
  assert.deepEqual(said, ['guarded: constants', 'guarded: from a variable of config.go', 'guarded: loop0', 'guarded: loop1', 'guarded: method value']);
  assert.equal(r.stdout, 'end changed\n');
});

test('scopes: a name means what it means at the go statement', async () => {
  const src = `package main

const n = 3

func f(d float64) {}

func main() {
	{
		n := "shadow in a closed block"
		_ = n
	}
	go f(n)
	if n := 2.5; n > 0 {
		go f(n)
	}
	go f(n)
	n := 1.0
	_ = n
}
`;
  const woven = (await weave({ 'main.go': src }))['main.go'];
  // The package constant, twice, stays inline; the if's variable is captured.
  assert.equal(woven.match(/\/\*line main\.go:\d+:\d+\*\/f\(n\) \}\(\)/g)?.length, 2, woven);
  assert.match(woven, /\{ __weave_go0 := \/\*line main\.go:14:8\*\/n; go func/);
  assert.equal(goRun({ 'main.go': woven.replace('func main() {', 'var done = make(chan bool)\n\nfunc main() {') }).code, 0);
});

test('a go statement is left as written when its arguments are not known to be typed, or other advice rewrites its call', async () => {
  const src = `package main

import "time"

var done = make(chan bool, 4)

func wait(d time.Duration) {}

func pair() (int, string) { return 0, "" }

func two(int, string) {}

func main() {
	go wait(time.Second)
	go two(pair())
	go wait(3)
	x := 1
	go wait(1 << x)
}
`;
  const woven = (await weave({ 'main.go': src }))['main.go'];
  for (const stmt of ['go wait(time.Second)', 'go two(pair())', 'go wait(1 << x)']) assert.ok(woven.includes('\t' + stmt + '\n'), `${stmt} rewritten:\n${woven}`);
  assert.match(woven, /go func\(\) \{\n[^]*?wait\(3\) \}\(\)/);
  // Another aspect wraps the call: a call evaluated in place still goes into the literal, but
  // a statement whose values would be captured out of the wrapped call is left to that aspect.
  const both = GUARD.replace("template: 'defer", "imports: {fmt: fmt}\n          template: 'defer fmt.Print(); defer") + `  - id: wrap
    join-point: {function-call: example.com/gocalls.wait}
    advice: [{wrap-expression: {template: 'func() { {{ . }} }()'}}]
`;
  const src2 = 'package main\n\nimport "time"\n\nvar done = make(chan bool, 1)\n\nfunc wait(d time.Duration) { panic("waited") }\n\nfunc main() {\n\td := time.Second\n\tgo wait(d)\n\tgo wait(3)\n\t<-done\n\ttime.Sleep(time.Minute)\n}\n';
  const woven2 = (await weave({ 'main.go': src2 }, both))['main.go'];
  assert.doesNotMatch(woven2, /__weave_go0/);
  // The guard's import (fmt) is still used, by the guard kept in a literal that never runs.
  assert.match(woven2, /_ = func\(\) \{\n\/\/line <go-weave:guard>:1\n/);
  assert.match(woven2, /\ngo func\(\) \{ \/\*line main\.go:11:5\*\/wait\(d\) \}\(\)/);
  assert.match(woven2, /go func\(\) \{\n\/\/line <go-weave:guard>:1\n.*\n\/\*line main\.go:12:5\*\/func\(\) \{ \/\*line main\.go:12:5\*\/wait\(3\) \}\(\)\/\*line main\.go:12:12\*\/ \}\(\)/);
  // The guarded goroutine reports its panic; the other one crashes the program, as written.
  const r = goRun({ 'main.go': woven2 });
  assert.match(r.stderr, /^exit status 2$/m, r.stderr);
  assert.match(r.stderr, /^guarded: waited$/m);
  assert.match(r.stderr, /^panic: waited$/m);
});

test('a file is woven again when another file of its package changes what a name is', async () => {
  const m = memo();
  const main = 'package main\n\nfunc f(d float64) {}\n\nfunc main() {\n\tgo f(x)\n}\n';
  const asVar = (await weave({ 'a.go': main, 'b.go': 'package main\n\nvar x = 2.0\n' }, GUARD, m))['a.go'];
  assert.match(asVar, /__weave_go0 := \/\*line a\.go:6:7\*\/x;/);
  const asConst = (await weave({ 'a.go': main, 'b.go': 'package main\n\nconst x = 2\n' }, GUARD, m))['a.go'];
  assert.match(asConst, /go func\(\) \{[^]*f\(x\) \}\(\)/);
  assert.doesNotMatch(asConst, /__weave_go0/);
});

test('a name added to another file of the package leaves a file with go statements to the memo', async () => {
  const stored = new Map<string, string>();
  let hits = 0;
  const m: FileMemo = {
    get: (k) => {
      if (!stored.has(k)) return undefined;
      // Files' lists of names have entries of their own; these are the files' weaves.
      if (!k.startsWith('names:')) hits++;
      return JSON.parse(stored.get(k)!);
    },
    set: (k, v) => void stored.set(k, JSON.stringify(v)),
  };
  const main = 'package main\n\nfunc f(d float64) {}\n\nfunc main() {\n\tgo f(x)\n}\n';
  const first = await weave({ 'a.go': main, 'b.go': 'package main\n\nvar x = 2.0\n' }, GUARD, m);
  hits = 0;
  // b.go gains a function a.go never names: a.go's weave is served from the memo, unchanged.
  const added = await weave({ 'a.go': main, 'b.go': 'package main\n\nvar x = 2.0\n\nfunc helper() {}\n' }, GUARD, m);
  assert.equal(hits, 1);
  assert.equal(added['a.go'], first['a.go']);
  assert.deepEqual(added, await weave({ 'a.go': main, 'b.go': 'package main\n\nvar x = 2.0\n\nfunc helper() {}\n' }));
  // A Unicode name a.go does mention still counts.
  const uni = 'package main\n\nfunc f(d float64) {}\n\nfunc main() {\n\tgo f(größe)\n}\n';
  const asVar = (await weave({ 'a.go': uni, 'b.go': 'package main\n\nvar größe = 2.0\n' }, GUARD, m))['a.go'];
  assert.match(asVar, /__weave_go0 := \/\*line a\.go:6:7\*\/größe;/);
  const asConst = (await weave({ 'a.go': uni, 'b.go': 'package main\n\nconst größe = 2\n' }, GUARD, m))['a.go'];
  assert.doesNotMatch(asConst, /__weave_go0/);
});

test('a panic in a goroutine of an errgroup (x/sync, from the module proxy) or of an AfterFunc, of a literal or a function value, flushes the spans before the crash', async () => {
  const dir = tempDir('gocalls-errgroup');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/eg\n\ngo 1.25\n\nrequire golang.org/x/sync v0.24.0\n');
  writeFileSync(join(dir, 'main.go'), `package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"golang.org/x/sync/errgroup"
)

//weave:span
func work() int { return 7 }

func explode() error { panic("from a function value") }

func stopped() { panic("from a stopped context") }

func main() {
	fmt.Println(work())
	g, _ := errgroup.WithContext(context.Background())
	if len(os.Args) > 1 && os.Args[1] == "after" {
		time.AfterFunc(0, func() { panic("from AfterFunc") })
		time.Sleep(time.Minute)
	}
	if len(os.Args) > 1 && os.Args[1] == "stop" {
		ctx, cancel := context.WithCancel(context.Background())
		context.AfterFunc(ctx, stopped)
		cancel()
		time.Sleep(time.Minute)
	}
	if len(os.Args) > 1 && os.Args[1] == "try" {
		g.TryGo(func() error { panic("from TryGo") })
	} else if len(os.Args) > 1 {
		g.Go(explode)
	} else {
		g.Go(func() error { panic("from Go") })
	}
	_ = g.Wait()
}
`);
  const env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', OTEL_TRACES_EXPORTER: 'console' };
  const tidy = run('go', ['mod', 'tidy'], { cwd: dir });
  assert.equal(tidy.code, 0, tidy.stderr);
  const b = await goWeave(['build', '-o', join(dir, 'eg'), '.'], { cwd: dir, env });
  assert.equal(b.code, 0, b.stderr);
  // A literal handed to Go or TryGo, and a function value (wrapped in a literal of go-weave's).
  // time.AfterFunc and context.AfterFunc run theirs as goroutines too.
  const cases = [[[], 'from Go'], [['try'], 'from TryGo'], [['value'], 'from a function value'], [['after'], 'from AfterFunc'], [['stop'], 'from a stopped context']] as const;
  for (const [args, why] of cases) {
    const r = await runAsync(join(dir, 'eg'), [...args], { env: { ...process.env, ...env } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^panic: ${why} \\[recovered, repanicked\\]$`, 'm'));
    assert.equal(r.stderr.match(/"name":"main\.work"/g)?.length, 1, r.stderr);
  }
});

test('golang.org/x/sync (from the module proxy) passes its own tests with its go statements woven', { timeout: 600_000 }, async () => {
  const dl = run('go', ['mod', 'download', '-json', 'golang.org/x/sync@v0.24.0'], { env: { ...process.env, GOFLAGS: '-mod=mod' } });
  assert.equal(dl.code, 0, dl.stderr);
  const dir = tempDir('gocalls-xsync');
  const r0 = run('cp', ['-r', (JSON.parse(dl.stdout) as { Dir: string }).Dir + '/.', dir]);
  assert.equal(r0.code, 0, r0.stderr);
  run('chmod', ['-R', 'u+w', dir]);
  const env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', OTEL_TRACES_EXPORTER: 'none' };
  // singleflight's `go g.doCall(c, key, fn)` and `go panic(e)`, errgroup's and semaphore's tests' own.
  const diff = await goWeave(['diff', './...'], { cwd: dir, env });
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /^-\tgo g\.doCall\(c, key, fn\)$/m);
  assert.match(diff.stdout, /^\+\t\{ __weave_gof, __weave_go0, __weave_go1, __weave_go2 := .*g\.doCall, .*c, .*key, .*fn; go func\(\) \{$/m);
  assert.match(diff.stdout, /^-\t+go panic\(e\)$/m);
  const t = await goWeave(['test', './...'], { cwd: dir, env });
  assert.equal(t.code, 0, t.stdout + t.stderr);
  for (const pkg of ['errgroup', 'semaphore', 'singleflight', 'syncmap']) assert.match(t.stdout, new RegExp(`^ok\\s+golang\\.org/x/sync/${pkg}\\s`, 'm'));
});
