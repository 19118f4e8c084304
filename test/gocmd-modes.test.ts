// The other ways into the go command: run, install, -race, a cross-compiled target, and the
// `go-weave go …` passthrough, each with the real weaver and the real toolchain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { GO, goWeave } from './support/go-shop.ts';

const MAIN = `package main

import (
	"fmt"
	"os"
	"sync"
)

//weave:span
func square(n int) int { return n * n }

func main() {
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = square(i)
		}()
	}
	wg.Wait()
	fmt.Println(results, os.Args[1:])
}
`;

let dir = '';
let env: NodeJS.ProcessEnv = {};
const SPAN = /"name":"main\.square"/g;

// A package with its tests, for coverage.
const LIB = `package lib

import "errors"

//weave:span
func Half(n int) (int, error) {
	if n%2 != 0 {
		return 0, errors.New("odd")
	}
	return n / 2, nil
}
`;

const LIB_TEST = `package lib

import "testing"

func TestHalf(t *testing.T) {
	if h, err := Half(4); err != nil || h != 2 {
		t.Fatal(h, err)
	}
}
`;

before(() => {
  dir = writeTree({ 'go.mod': 'module example.com/modes\n\ngo 1.22\n', 'main.go': MAIN, 'lib/lib.go': LIB, 'lib/lib_test.go': LIB_TEST }, 'gw-modes-');
  env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', OTEL_TRACES_EXPORTER: 'console' };
});
after(() => removeTree(dir));

/** Runs body in a module of its own (go.mod for `module`, plus files), with a weave cache of its own. */
async function inModule(module: string, files: Record<string, string>, body: (d: string, e: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const d = writeTree({ 'go.mod': `module ${module}\n\ngo 1.22\n`, ...files }, 'gw-module-');
  try {
    await body(d, { ...env, GOWEAVE_CACHE: join(d, '.weave') });
  } finally {
    removeTree(d);
  }
}

test('go-weave run: the program gets its arguments and runs woven', async () => {
  const r = await goWeave(['run', '.', 'a', '-v'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[0 1 4 9] [a -v]\n');
  assert.equal(r.stderr.match(SPAN)?.length, 4, r.stderr);
});

test('go-weave run main.go: files named on the command line are woven as the module\'s own code', async () => {
  const r = await goWeave(['run', 'main.go', 'b'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[0 1 4 9] [b]\n');
  assert.equal(r.stderr.match(SPAN)?.length, 4, r.stderr);
});

test('go-weave install puts a woven binary in GOBIN', async () => {
  const gobin = join(dir, 'gobin');
  const r = await goWeave(['install', '.'], { cwd: dir, env: { ...env, GOBIN: gobin } });
  assert.equal(r.code, 0, r.stderr);
  const out = await run(join(gobin, 'modes'), ['x'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(out.stdout, '[0 1 4 9] [x]\n');
  assert.equal(out.stderr.match(SPAN)?.length, 4, out.stderr);
});

const cc = ['gcc', 'cc', 'clang'].some((c) => ['/usr/bin', '/usr/local/bin', '/bin'].some((d) => existsSync(join(d, c))));
test('go-weave build -race: the woven program and the runtime pass the race detector', { skip: cc ? false : 'no C compiler for -race' }, async () => {
  const bin = join(dir, 'race');
  const r = await goWeave(['build', '-race', '-o', bin, '.'], { cwd: dir, env: { ...env, CGO_ENABLED: '1' } });
  assert.equal(r.code, 0, r.stderr);
  const out = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console', GORACE: 'halt_on_error=1' } });
  assert.equal(out.code, 0, out.stderr);
  assert.doesNotMatch(out.stderr, /DATA RACE/);
  assert.equal(out.stderr.match(SPAN)?.length, 4, out.stderr);
});

test('a file that uses cgo is woven like any other: its spans, and panics at its own lines', { skip: cc ? false : 'no C compiler for cgo' }, async () => {
  await inModule('example.com/cgo', {
    'main.go': `package main

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"fmt"
	"os"
)

//weave:span
func double(n int) int {
	if n > 100 {
		panic("too big")
	}
	return int(C.twice(C.int(n)))
}

func main() {
	fmt.Println(double(21))
	if len(os.Args) > 1 {
		double(1000)
	}
}
`,
  }, async (cgoDir, moduleEnv) => {
    const cgoEnv = { ...moduleEnv, CGO_ENABLED: '1' };
    const r = await goWeave(['run', '.'], { cwd: cgoDir, env: cgoEnv });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '42\n');
    assert.equal(r.stderr.match(/"name":"main\.double"/g)?.length, 1, r.stderr);
    const p = await goWeave(['run', '.', 'panic'], { cwd: cgoDir, env: cgoEnv });
    assert.notEqual(p.code, 0);
    assert.match(p.stderr, /panic: too big/);
    assert.match(p.stderr, /main\.double\(.*\)\n\t.*\/main\.go:16 /, p.stderr);
    assert.match(p.stderr, /main\.main\(\)\n\t.*\/main\.go:24 /, p.stderr);
  });
});

test('log.Fatal and a *log.Logger\'s Fatal flush the spans before the process ends', async () => {
  await inModule('example.com/fatal', {
    'main.go': `package main

import (
	"log"
	"os"
)

//weave:span
func work() int { return 7 }

func main() {
	work()
	logger := log.New(os.Stderr, "", 0)
	if len(os.Args) > 1 {
		logger.Fatalf("logger: %d", 1)
	}
	log.Fatalln("package")
}
`,
  }, async (fatalDir, fatalEnv) => {
    for (const [args, said] of [[[], /package/], [['x'], /logger: 1/]] as const) {
      const r = await goWeave(['run', '.', ...args], { cwd: fatalDir, env: fatalEnv });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, said);
      assert.equal(r.stderr.match(/"name":"main\.work"/g)?.length, 1, r.stderr);
    }
  });
});

test('a panic that ends a goroutine the program started flushes the spans, and goes on as a crash naming its own lines', async () => {
  await inModule('example.com/crash', {
    'main.go': `package main

import (
	"fmt"
	"os"
	"sync"
)

//weave:span
func work() int { return 7 }

func explode(why string) {
	panic(why)
}

func main() {
	fmt.Println(work())
	if len(os.Args) > 1 && os.Args[1] == "wg" {
		var wg sync.WaitGroup
		wg.Go(func() {
			explode("from wg.Go")
		})
		wg.Wait()
	}
	done := make(chan struct{})
	if len(os.Args) > 1 && os.Args[1] == "named" {
		go explodeAll(reasons, done)
		<-done
	}
	go func() {
		explode("boom")
		close(done)
	}()
	<-done
}
`,
    // A function and a variable of another file of the package, started by a go statement.
    'other.go': `package main

var reasons = []string{"from a named function"}

func explodeAll(why []string, done chan struct{}) {
	for _, w := range why {
		explode(w)
	}
	close(done)
}
`,
  }, async (crashDir, crashEnv) => {
    const bin = join(crashDir, 'crash');
    const b = await goWeave(['build', '-o', bin, '.'], { cwd: crashDir, env: crashEnv });
    assert.equal(b.code, 0, b.stderr);
    // A go statement's literal, one that sync.WaitGroup.Go starts, and a go statement calling a
    // named function (which go-weave wraps in a literal of its own, on the statement's line).
    const cases = [[[], 'boom', 'func3', 31], [['wg'], 'from wg.Go', 'func1', 21], [['named'], 'from a named function', 'func2', 27]] as const;
    for (const [args, why, fn, line] of cases) {
      const r = await run(bin, [...args], { env: { ...process.env, ...crashEnv } });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '7\n');
      assert.match(r.stderr, new RegExp(`^panic: ${why} \\[recovered, repanicked\\]$`, 'm'));
      assert.match(r.stderr, /main\.explode\(.*\)\n\t.*\/main\.go:13\s/, r.stderr);
      assert.match(r.stderr, new RegExp(`main\\.main\\.${fn}\\(\\)\\n\\t.*/main\\.go:${line} `), r.stderr);
      if (args[0] === 'named') assert.match(r.stderr, /main\.explodeAll\(.*\)\n\t.*\/other\.go:7\s/, r.stderr);
      assert.equal(r.stderr.match(/"name":"main\.work"/g)?.length, 1, r.stderr);
    }
  });
});

test('a cross-compiled target (GOOS/GOARCH) is planned and woven for that target', async () => {
  const report = join(dir, 'cross-report.jsonl');
  const targets = [['windows', 'amd64', 'modes.exe'], ['linux', 'arm64', 'modes-arm64']];
  for (const [goos, goarch, name] of targets) {
    const bin = join(dir, name);
    const r = await goWeave(['build', '-o', bin, '.'], { cwd: dir, env: { ...env, GOOS: goos, GOARCH: goarch, GOWEAVE_REPORT: report } });
    assert.equal(r.code, 0, r.stderr);
    // The woven binary carries the runtime and the span name; the plain one would not.
    const bytes = readFileSync(bin);
    assert.ok(bytes.includes('go-weave.dev/runtime/trace'), `${goos}/${goarch}: no runtime in the binary`);
    assert.ok(bytes.includes('main.square'), `${goos}/${goarch}: no span name in the binary`);
    const file = await run('file', [bin]).catch(() => undefined);
    if (file?.code === 0) assert.match(file.stdout, goos === 'windows' ? /PE32\+/ : /ARM aarch64/);
  }
  const lines = readFileSync(report, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { wovenPackages: number; errors: unknown[] });
  assert.equal(lines.length, targets.length);
  for (const l of lines) {
    assert.ok(l.wovenPackages > 0);
    assert.deepEqual(l.errors, []);
  }
});

// go hands the cover tool the original files, not the overlay's (golang/go#73802): go-weave
// weaves what cover made of them, so the covered code is traced and counted as plain go counts it.
test('go-weave test -cover: the covered package runs woven, and its profile is plain go\'s', async () => {
  const woven = join(dir, 'woven.cover');
  const plain = join(dir, 'plain.cover');
  const r = await goWeave(['test', '-count=1', '-v', '-coverprofile', woven, './lib'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /coverage: 66\.7% of statements/);
  assert.equal((r.stdout + r.stderr).match(/"name":"lib\.Half"/g)?.length, 1, r.stdout + r.stderr);
  const p = await run(GO, ['test', '-count=1', '-coverprofile', plain, './lib'], { cwd: dir, env: { ...process.env, GOFLAGS: '-buildvcs=false' } });
  assert.equal(p.code, 0, p.stderr);
  assert.equal(readFileSync(woven, 'utf8'), readFileSync(plain, 'utf8'));
});

test('go-weave test -cover keeps the user\'s own -toolexec, inside its own', async () => {
  const log = join(dir, 'toolexec.log');
  const wrapper = join(dir, 'user toolexec.sh');
  writeFileSync(wrapper, `#!/bin/sh\necho "\${1##*/}" >> '${log}'\nexec "$@"\n`, { mode: 0o755 });
  const r = await goWeave(['test', '-count=1', '-v', '-cover', `-toolexec='${wrapper}'`, './lib'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal((r.stdout + r.stderr).match(/"name":"lib\.Half"/g)?.length, 1, r.stdout + r.stderr);
  const tools = new Set(readFileSync(log, 'utf8').split('\n'));
  for (const t of ['compile', 'cover', 'link']) assert.ok(tools.has(t), `${t} ran through the user's -toolexec: ${[...tools]}`);
});

test('go-weave build -cover: the program runs woven, and its coverage data is plain go\'s', async () => {
  // Each program writes its counters into a directory of its own; textfmt turns them into a profile.
  const profile = async (bin: string, name: string) => {
    const covdir = join(dir, `covdata-${name}`);
    mkdirSync(covdir);
    const out = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console', GOCOVERDIR: covdir } });
    assert.equal(out.code, 0, out.stderr);
    const text = join(dir, `${name}.txt`);
    const t = await run(GO, ['tool', 'covdata', 'textfmt', '-i', covdir, '-o', text]);
    assert.equal(t.code, 0, t.stderr);
    return { stderr: out.stderr, profile: readFileSync(text, 'utf8') };
  };
  const wovenBin = join(dir, 'covered');
  const r = await goWeave(['build', '-cover', '-o', wovenBin, '.'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  const plainBin = join(dir, 'covered-plain');
  const p = await run(GO, ['build', '-cover', '-o', plainBin, '.'], { cwd: dir, env: { ...process.env, GOFLAGS: '-buildvcs=false' } });
  assert.equal(p.code, 0, p.stderr);
  const [woven, plain] = [await profile(wovenBin, 'woven'), await profile(plainBin, 'plain')];
  assert.equal(woven.stderr.match(SPAN)?.length, 4, woven.stderr);
  assert.equal(plain.stderr.match(SPAN), null);
  assert.match(woven.profile, /^example\.com\/modes\/main\.go:10\./m, 'square, line 10, counted');
  assert.equal(woven.profile, plain.profile);
});

test('go-weave build -cover of a main package to which the overlay adds a file (link-package advice)', async () => {
  await inModule('example.com/linked', {
    'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n',
    'go-weave.yml': `extends:
  - go-weave:default
aspects:
  - id: link-expvar
    join-point:
      all-of:
        - package-name: main
        - function-body:
            function:
              - name: main
    advice:
      - link-package: expvar
`,
  }, async (linkDir, linkEnv) => {
    const bin = join(linkDir, 'linked');
    // cover opens each file of the package by its path: zz_goweave_linkdeps.go is only in the overlay.
    const r = await goWeave(['build', '-cover', '-o', bin, '.'], { cwd: linkDir, env: linkEnv });
    assert.equal(r.code, 0, r.stderr);
    const covdir = join(linkDir, 'covdata');
    mkdirSync(covdir);
    const out = await run(bin, [], { env: { ...process.env, GOCOVERDIR: covdir } });
    assert.equal(out.stdout, 'hi\n');
    const pct = await run(GO, ['tool', 'covdata', 'percent', '-i', covdir]);
    assert.match(pct.stdout, /example\.com\/linked\s+coverage: 100\.0% of statements/);
    assert.ok(readFileSync(bin).includes('expvar'), 'expvar linked');
  });
});

test('go-weave go passes any go command through unchanged', async () => {
  const mine = await goWeave(['go', 'env', 'GOOS', 'GOMOD'], { cwd: dir, env });
  const real = await run(GO, ['env', 'GOOS', 'GOMOD'], { cwd: dir });
  assert.equal(mine.code, 0, mine.stderr);
  assert.equal(mine.stdout, real.stdout);
  const bad = await goWeave(['go', 'no-such-subcommand'], { cwd: dir, env });
  const realBad = await run(GO, ['no-such-subcommand'], { cwd: dir });
  assert.equal(bad.code, realBad.code);
  assert.notEqual(bad.code, 0);
});
