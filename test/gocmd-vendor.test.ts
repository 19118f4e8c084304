// A module that builds from vendor/: the real weaver, the real runtime and the woven standard
// library, brought together without touching the module's go.mod, go.sum or vendor/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, snapshot, writeTree } from './support/go-fixture.ts';
import { GO, goWeave } from './support/go-shop.ts';

const MAIN = `package main

import (
	"fmt"
	"io"
	"net"
	"net/http"

	"example.com/greet"
)

//weave:span
func fetch(url string) string {
	res, err := http.Get(url)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, greet.Hello("vendor")) })
	go http.Serve(ln, mux)
	fmt.Println(fetch("http://" + ln.Addr().String() + "/hello"))
}
`;

const TEST = `package main

import "testing"

func TestHello(t *testing.T) {
	if got := double(21); got != 42 {
		t.Fatal(got)
	}
}

//weave:span
func double(n int) int { return 2 * n }
`;

let dir = '';
let env: NodeJS.ProcessEnv = {};

/** The user's tree, without go-weave's cache and the built binaries, which the tests put there. */
const userTree = (root: string) => snapshot(root, ['.weave', 'bin']);

before(async () => {
  dir = writeTree({
    'app/go.mod': 'module example.com/app\n\ngo 1.24\n\nrequire example.com/greet v0.0.0\n\nreplace example.com/greet => ../greet\n',
    'app/main.go': MAIN,
    'app/main_test.go': TEST,
    'greet/go.mod': 'module example.com/greet\n\ngo 1.22\n',
    'greet/greet.go': 'package greet\n\nfunc Hello(name string) string { return "hello, " + name }\n',
  }, 'gw-vendor-');
  env = { GOWEAVE_CACHE: join(dir, 'app', '.weave'), GOFLAGS: '-buildvcs=false', OTEL_TRACES_EXPORTER: 'console' };
  const v = await run(GO, ['mod', 'vendor'], { cwd: join(dir, 'app') });
  assert.equal(v.code, 0, v.stderr);
});
after(() => removeTree(dir));

/** Builds the module in cwd woven into out, runs it with console spans, checks its output and a span. */
async function buildAndRun(cwd: string, out: string, cache: string, stdout: string, span: RegExp): Promise<void> {
  const b = await goWeave(['build', '-o', out, '.'], { cwd, env: { ...env, GOWEAVE_CACHE: cache } });
  assert.equal(b.code, 0, b.stderr);
  const r = await run(out, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, stdout);
  assert.match(r.stderr, span);
}

test('vendor mode: build, test and vet are woven; spans come from the woven std and the runtime', async () => {
  const app = join(dir, 'app');
  const before = userTree(app);
  const b = await goWeave(['build', '-o', join(app, 'bin', 'app'), '.'], { cwd: app, env });
  assert.equal(b.code, 0, b.stderr);
  // The second identical build compiles nothing: the workspace is reused as it is.
  const again = await goWeave(['build', '-v', '-o', join(app, 'bin', 'app'), '.'], { cwd: app, env });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr.trim(), '', 'packages were compiled again');
  const r = await run(join(app, 'bin', 'app'), [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello, vendor\n');
  const spans = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { name: string; kind: string; traceId: string });
  const byName = (name: string, kind: string) => spans.find((s) => s.name === name && s.kind === kind);
  const fetch = byName('main.fetch', 'INTERNAL');
  const client = byName('GET', 'CLIENT');
  const server = byName('GET /hello', 'SERVER');
  assert.ok(fetch && client && server, r.stderr);
  assert.equal(server.traceId, client.traceId, 'traceparent crossed the loopback connection');

  const t = await goWeave(['test', '-count=1', '-v', '.'], { cwd: app, env });
  assert.equal(t.code, 0, t.stdout + t.stderr);
  assert.match(t.stdout + t.stderr, /"name":"main\.double"/);
  const vet = await goWeave(['vet', './...'], { cwd: app, env });
  assert.equal(vet.code, 0, vet.stderr);
  assert.deepEqual(userTree(app), before, 'go.mod, go.sum or vendor/ changed');
});

test('a vendored workspace (go work vendor): woven through a go.work copy with its vendor/ beside it', async () => {
  const ws = writeTree({
    'go.work': 'go 1.24\n\nuse (\n\t./app\n\t./lib\n)\n',
    'app/go.mod': 'module example.com/app\n\ngo 1.24\n\nrequire example.com/greet v0.0.0\n\nreplace example.com/greet => ../greet\n',
    'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/greet"\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Shout(greet.Hello("workspace"))) }\n',
    'lib/go.mod': 'module example.com/lib\n\ngo 1.24\n',
    'lib/lib.go': 'package lib\n\nimport "strings"\n\n//weave:span\nfunc Shout(s string) string { return strings.ToUpper(s) }\n',
    'greet/go.mod': 'module example.com/greet\n\ngo 1.22\n',
    'greet/greet.go': 'package greet\n\nfunc Hello(name string) string { return "hello, " + name }\n',
  }, 'gw-workvendor-');
  try {
    const v = await run(GO, ['work', 'vendor'], { cwd: ws });
    assert.equal(v.code, 0, v.stderr);
    // From here on greet exists only in vendor/: a build outside vendor mode cannot find it.
    removeTree(join(ws, 'greet'));
    const before = userTree(ws);
    await buildAndRun(join(ws, 'app'), join(ws, 'bin', 'app'), join(ws, '.weave'), 'HELLO, WORKSPACE\n', /"name":"lib\.Shout"/);
    assert.deepEqual(userTree(ws), before, 'go.work, go.mod or vendor/ changed');
  } finally {
    removeTree(ws);
  }
});

test('a module below go 1.14 whose modules.txt an old go command wrote is woven too', async () => {
  const t = writeTree({
    'app/go.mod': 'module example.com/app\n\ngo 1.13\n\nrequire example.com/greet v0.0.0\n\nreplace example.com/greet => ../greet\n',
    'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/greet"\n)\n\n//weave:span\nfunc hello() string { return greet.Hello("old") }\n\nfunc main() { fmt.Println(hello()) }\n',
    'greet/go.mod': 'module example.com/greet\n\ngo 1.13\n',
    'greet/greet.go': 'package greet\n\nfunc Hello(name string) string { return "hello, " + name }\n',
  }, 'gw-oldvendor-');
  try {
    const app = join(t, 'app');
    assert.equal((await run(GO, ['mod', 'vendor'], { cwd: app })).code, 0);
    // As go 1.13 wrote it: no "## explicit" marks, no line for the whole-path replacement.
    const txt = join(app, 'vendor', 'modules.txt');
    writeFileSync(txt, readFileSync(txt, 'utf8').split('\n').filter((l) => !l.startsWith('## ') && l !== '# example.com/greet => ../greet').join('\n'));
    assert.equal(readFileSync(txt, 'utf8'), '# example.com/greet v0.0.0 => ../greet\nexample.com/greet\n');
    const plain = await run(GO, ['build', '-o', join(app, 'bin', 'plain'), '.'], { cwd: app, env: { ...process.env, GOFLAGS: '-buildvcs=false' } });
    assert.equal(plain.code, 0, `the go command builds it: ${plain.stderr}`);
    const before = userTree(app);
    await buildAndRun(app, join(app, 'bin', 'app'), join(app, '.weave'), 'hello, old\n', /"name":"main\.hello"/);
    assert.deepEqual(userTree(app), before, 'go.mod or vendor/ changed');
  } finally {
    removeTree(t);
  }
});
