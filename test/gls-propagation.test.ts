// Goroutine-local span propagation, end to end: a program built by
// `go-weave build` with go-weave:gls serves a request whose handler calls a
// helper three levels down without any context.Context; the helper runs a
// database/sql query and starts a goroutine that calls another HTTP server.
// The spans, exported to a real OTLP receiver on loopback, must form one
// trace tree. The same program built with the default aspects only (no gls)
// is the control: there the query and the outbound call are separate roots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { goWeave, run, tempDir } from './support/go-tool.ts';
import { formatTraceTree, startReceiver, type ReceivedSpan } from './support/otlp-receiver.ts';

const PROGRAM = `package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"

	"go-weave.dev/runtime/trace"
)

// A minimal database/sql driver: the spans come from the woven database/sql,
// whatever the driver.
type tinyDriver struct{}
type tinyConn struct{}
type tinyStmt struct{ q string }
type tinyRows struct{ done bool }

func (tinyDriver) Open(string) (driver.Conn, error)      { return tinyConn{}, nil }
func (tinyConn) Prepare(q string) (driver.Stmt, error)   { return tinyStmt{q}, nil }
func (tinyConn) Close() error                            { return nil }
func (tinyConn) Begin() (driver.Tx, error)               { return nil, errors.New("no transactions") }
func (tinyStmt) Close() error                            { return nil }
func (tinyStmt) NumInput() int                           { return -1 }
func (tinyStmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(0), nil }
func (tinyStmt) Query([]driver.Value) (driver.Rows, error)  { return &tinyRows{}, nil }
func (*tinyRows) Columns() []string                      { return []string{"n"} }
func (*tinyRows) Close() error                           { return nil }
func (r *tinyRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = int64(42)
	return nil
}

var (
	db         *sql.DB
	downstream string
)

func handler(w http.ResponseWriter, r *http.Request) {
	n, body := level1()
	fmt.Fprintf(w, "%d %s", n, body)
}

func level1() (int, string) { return level2() }
func level2() (int, string) { return level3() }

// level3 has no context.Context and is given none.
func level3() (int, string) {
	var n int
	if err := db.QueryRow("SELECT 42").Scan(&n); err != nil {
		panic(err)
	}
	// A context that carries a span wins over the goroutine's span.
	other := trace.ExtractHeaders(context.Background(), map[string][]string{
		"traceparent": {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
	})
	var m int
	if err := db.QueryRowContext(other, "SELECT 7").Scan(&m); err != nil {
		panic(err)
	}
	var wg sync.WaitGroup
	var body string
	wg.Add(1)
	go func() {
		defer wg.Done()
		resp, err := http.Get(downstream + "/downstream")
		if err != nil {
			panic(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
	}()
	wg.Wait()
	return n, body
}

func listen(h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, h)
	return "http://" + ln.Addr().String()
}

func main() {
	sql.Register("tiny", tinyDriver{})
	var err error
	if db, err = sql.Open("tiny", ""); err != nil {
		panic(err)
	}
	downstream = listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "pong")
	}))
	served := make(chan struct{})
	front := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler(w, r)
		close(served)
	}))
	fmt.Println("READY", front)
	<-served
	// Lets the response reach the client before main returns and the woven
	// main flushes the spans.
	var buf [1]byte
	os.Stdin.Read(buf[:])
}
`;

let dir = '';

before(() => {
  dir = tempDir('gls');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/glsdemo\n\ngo 1.25\n');
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  writeFileSync(join(dir, 'gls.yml'), 'extends: [go-weave:gls]\n');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** GOWEAVE_CONFIG: the built-in aspects plus, when given, an aspect file (empty: built-ins only). */
function weaveEnv(config?: string): NodeJS.ProcessEnv {
  return { GOWEAVE_CONFIG: config ?? '' };
}

function build(out: string, extra: string[], config?: string): void {
  const r = goWeave(['build', ...extra, '-o', out, '.'], { cwd: dir, env: weaveEnv(config) });
  assert.equal(r.code, 0, `go-weave build ${extra.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Runs the program, sends it one request, and returns what the receiver got once it exited. */
async function exercise(binary: string): Promise<ReceivedSpan[]> {
  const receiver = await startReceiver();
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('OTEL_') || k.startsWith('GOWEAVE_')) delete env[k];
    const child = spawn(binary, [], {
      env: { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_TRACES_EXPORTER: 'otlp', OTEL_BSP_SCHEDULE_DELAY: '60000' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a hang guard, not a timing assertion
    const lines = createInterface({ input: child.stdout });
    let front = '';
    for await (const line of lines) {
      if (line.startsWith('READY ')) { front = line.slice(6); break; }
    }
    assert.ok(front, `the program did not start:\n${stderr}`);
    const res = await fetch(`${front}/front`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '42 pong');
    child.stdin.end('\n');
    const code = await exited;
    clearTimeout(killer);
    assert.equal(code, 0, stderr);
    assert.ok(!/DATA RACE/.test(stderr), stderr);
    return await receiver.waitFor((s) => s.length >= 5, 10_000);
  } finally {
    await receiver.close();
  }
}

function one(spans: ReceivedSpan[], what: string, pred: (s: ReceivedSpan) => boolean): ReceivedSpan {
  const found = spans.filter(pred);
  assert.equal(found.length, 1, `expected one ${what} in:\n${formatTraceTree(spans)}`);
  return found[0];
}

function assertOneTree(all: ReceivedSpan[]): void {
  const tree = formatTraceTree(all);
  assert.equal(all.length, 5, tree);
  // The query given a context with its own (remote) parent stays there.
  const own = one(all, 'query with its own context', (s) => s.attributes['db.query.text'] === 'SELECT 7');
  assert.equal(own.traceId, '0af7651916cd43dd8448eb211c80319c', `the context's span wins over the goroutine's:\n${tree}`);
  assert.equal(own.parentSpanId, 'b7ad6b7169203331', tree);
  const spans = all.filter((s) => s !== own);
  const front = one(spans, 'front server span', (s) => s.kind === 2 && s.attributes['url.path'] === '/front');
  const query = one(spans, 'query span', (s) => s.kind === 3 && s.attributes['db.query.text'] === 'SELECT 42');
  const call = one(spans, 'outbound client span', (s) => s.kind === 3 && String(s.attributes['url.full'] ?? '').endsWith('/downstream'));
  const down = one(spans, 'downstream server span', (s) => s.kind === 2 && s.attributes['url.path'] === '/downstream');
  assert.equal(front.parentSpanId, '', `the front span is the root:\n${tree}`);
  assert.equal(new Set(spans.map((s) => s.traceId)).size, 1, `one trace:\n${tree}`);
  assert.equal(query.parentSpanId, front.spanId, `the query (no ctx, three levels down) is a child of the request:\n${tree}`);
  assert.equal(call.parentSpanId, front.spanId, `the call from the goroutine is a child of the request:\n${tree}`);
  assert.equal(down.parentSpanId, call.spanId, `the downstream server continues the call:\n${tree}`);
}

test('with go-weave:gls, spans three levels down and in a new goroutine join the request trace', async () => {
  const bin = join(dir, 'glsdemo');
  build(bin, [], join(dir, 'gls.yml'));
  assertOneTree(await exercise(bin));
});

test('the same program with -race: one trace, no data race reported', async () => {
  const bin = join(dir, 'glsdemo-race');
  build(bin, ['-race'], join(dir, 'gls.yml'));
  assertOneTree(await exercise(bin));
});

test('go vet passes on the woven program', () => {
  const r = goWeave(['vet', '.'], { cwd: dir, env: weaveEnv(join(dir, 'gls.yml')) });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
});

test('control: without gls the query and the outbound call start their own traces', async () => {
  const bin = join(dir, 'glsdemo-plain');
  build(bin, []);
  const spans = await exercise(bin);
  const tree = formatTraceTree(spans);
  assert.equal(spans.length, 5, tree);
  assert.equal(new Set(spans.map((s) => s.traceId)).size, 4, `request, query, call and the query with its own context are four traces:\n${tree}`);
});

/**
 * The newest Go release, as GOTOOLCHAIN fetches it through the module proxy into the module
 * cache: there the go command refuses overlays of its standard library, so go-weave builds with
 * a copy of the toolchain. The runtime and net/http of this release are woven and must work.
 */
const GO127 = 'go1.27.3';
const go127 = run('go', ['version'], { env: { GOTOOLCHAIN: GO127 } });

test('Go 1.27 from GOTOOLCHAIN: runtime and net/http woven from a toolchain copy give one trace', { skip: go127.stdout.includes(GO127) ? false : `GOTOOLCHAIN=${GO127} is not available: ${go127.stderr.trim()}` }, async () => {
  const bin = join(dir, 'glsdemo-go127');
  const r = goWeave(['build', '-o', bin, '.'], { cwd: dir, env: { ...weaveEnv(join(dir, 'gls.yml')), GOTOOLCHAIN: GO127 } });
  assert.equal(r.code, 0, `go-weave build failed:\n${r.stdout}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /not weaving|left unwoven/);
  assert.match(run('go', ['version', bin]).stdout, /go1\.27\.3/);
  assertOneTree(await exercise(bin));
});
