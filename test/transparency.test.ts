// The built-in aspects change what a program reports, never what it does: the standard library's
// own tests of the packages they weave pass woven, and a panic takes the course it would take
// unwoven, whatever GODEBUG says about panic(nil).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { GO, goWeave } from './support/go-shop.ts';

let dir = '';
let report = '';
let env: NodeJS.ProcessEnv = {};

const PANICS = `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(caller(os.Args[1] == "nil"))
}

// The panic below is recovered here; whether the code after the call runs tells whether a
// deferred function on the way stopped it.
func caller(nilPanic bool) (s string) {
	defer func() { s += fmt.Sprintf("recovered %v", recover()) }()
	boom(nilPanic)
	return "returned; "
}

//weave:span
func boom(nilPanic bool) {
	if nilPanic {
		panic(nil)
	}
	panic("boom")
}
`;

before(async () => {
  // The standard library's tests expect the GODEBUG defaults of its own release, which follow
  // the main module's go line (Go 1.27's net/http range tests fail under a go 1.25 line, woven or
  // not).
  const version = (await run(GO, ['env', 'GOVERSION'])).stdout.trim();
  const release = /^go(1\.\d+)/.exec(version)?.[1];
  assert.ok(release, `go env GOVERSION: ${version}`);
  dir = writeTree({ 'go.mod': `module example.com/transparent\n\ngo ${release}\n`, 'main.go': PANICS }, 'gw-transparent-');
  report = join(dir, 'report.jsonl');
  // Spans are made, recorded and exported (to a port nobody listens on, and dropped).
  env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', GOWEAVE_REPORT: report, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' };
});
after(() => removeTree(dir));

/** The aspects the last go-weave command applied, from its report line. */
function lastAspects(): string[] {
  const lines = readFileSync(report, 'utf8').trim().split('\n');
  return (JSON.parse(lines[lines.length - 1]) as { aspects: string[] }).aspects;
}

test('database/sql: its own tests pass with the built-in aspects woven in', { timeout: 600_000 }, async () => {
  const r = await goWeave(['test', '-count=1', 'database/sql'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok\s+database\/sql\s/m);
  for (const id of ['sql.query', 'sql.stmt', 'sql.tx']) assert.ok(lastAspects().includes(id), `${id} not woven: ${lastAspects().join(', ')}`);
});

test('log: its own tests pass with the built-in aspects woven in (runtime.fatal: its exits flush first)', { timeout: 600_000 }, async () => {
  const r = await goWeave(['test', '-count=1', 'log'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok\s+log\s/m);
  assert.ok(lastAspects().includes('runtime.fatal'), `runtime.fatal not woven: ${lastAspects().join(', ')}`);
});

test('net/http: its own tests pass with the built-in aspects woven in, but for those that expect exact request bytes', { timeout: 900_000 }, async () => {
  // These compare the bytes a client sends with a list that has no traceparent header: the
  // header is what the client aspect adds, on purpose.
  const exactBytes = ['TestClientCopyHeadersOnRedirect', 'TestRetryRequestsOnError', 'TestTransportFlushesBodyChunks'];
  const r = await goWeave(['test', '-count=1', '-short', `-skip=^(${exactBytes.join('|')})$`, 'net/http'], { cwd: dir, env });
  // Among them: trailers a request body sets while it is sent, CancelRequest given the caller's
  // request, a handler's panic(nil) under GODEBUG=panicnil=1, multipart files removed after
  // the handler, Response.Request.
  assert.equal(r.code, 0, (r.stdout + r.stderr).slice(-20_000));
  assert.match(r.stdout, /^ok\s+net\/http\s/m);
  for (const id of ['http.server', 'http.client', 'http.client.cancel']) assert.ok(lastAspects().includes(id), `${id} not woven: ${lastAspects().join(', ')}`);
});

test('log/slog: its own tests pass with go-weave:logs woven in, its allocation counts included', { timeout: 600_000 }, async () => {
  const config = join(dir, 'logs.yml');
  writeFileSync(config, 'extends: [go-weave:logs]\n');
  const r = await goWeave(['test', '-count=1', 'log/slog'], { cwd: dir, env: { ...env, GOWEAVE_CONFIG: config } });
  assert.equal(r.code, 0, (r.stdout + r.stderr).slice(-20_000));
  assert.match(r.stdout, /^ok\s+log\/slog\s/m);
  assert.ok(lastAspects().includes('logs.slog'), `logs.slog not woven: ${lastAspects().join(', ')}`);
});

test('//weave:span: a panic goes on its way unchanged, panic(nil) included, with GODEBUG panicnil=1 or not', async () => {
  const plainBin = join(dir, 'plain');
  const wovenBin = join(dir, 'woven');
  const plain = await run(GO, ['build', '-o', plainBin, '.'], { cwd: dir, env: { ...process.env, ...env } });
  assert.equal(plain.code, 0, plain.stderr);
  const woven = await goWeave(['build', '-o', wovenBin, '.'], { cwd: dir, env });
  assert.equal(woven.code, 0, woven.stderr);
  assert.ok(lastAspects().includes('weave.span'));
  for (const godebug of ['panicnil=1', 'panicnil=0']) {
    for (const arg of ['nil', 'value']) {
      const runEnv = { ...process.env, GODEBUG: godebug, OTEL_TRACES_EXPORTER: 'console' };
      const want = await run(plainBin, [arg], { env: runEnv });
      const got = await run(wovenBin, [arg], { env: runEnv });
      assert.equal(got.code, 0, got.stderr);
      assert.equal(got.stdout, want.stdout, `GODEBUG=${godebug}, ${arg} panic`);
      // The span ends either way; it records the panic wherever recover can see one.
      assert.match(got.stderr, /"name":"main\.boom"/);
      if (godebug === 'panicnil=0') assert.match(got.stderr, /"exception\.escaped":true/);
    }
  }
});

const CANCEL = `package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

// Two requests made from one (they share its URL and its nil body) are in flight; the
// deprecated Transport.CancelRequest cancels the one it is given, and only that one.
func main() {
	for round := 0; round < 8; round++ {
		arrived := make(chan struct{}, 2)
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-r.Context().Done():
			}
			fmt.Fprint(w, "ok")
		}))
		tr := &http.Transport{}
		base, _ := http.NewRequest("GET", srv.URL, nil)
		reqs := map[string]*http.Request{"first": base.WithContext(base.Context()), "second": base.WithContext(base.Context())}
		done := make(chan string, 2)
		for name, r := range reqs {
			go func() {
				resp, err := tr.RoundTrip(r)
				if err != nil {
					done <- name + " failed"
					return
				}
				resp.Body.Close()
				done <- name + " answered"
			}()
		}
		<-arrived
		<-arrived
		tr.CancelRequest(reqs["second"])
		fmt.Println(<-done)
		close(release)
		fmt.Println(<-done)
		tr.CloseIdleConnections()
		srv.Close()
	}
}
`;

test('Transport.CancelRequest cancels the request it is given, not another made from the same one', async () => {
  const cancelDir = writeTree({ 'go.mod': 'module example.com/cancel\n\ngo 1.25\n', 'main.go': CANCEL }, 'gw-cancel-');
  try {
    const plain = await run(GO, ['run', '.'], { cwd: cancelDir, env: { ...process.env, ...env }, timeoutMs: 120_000 });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, 'second failed\nfirst answered\n'.repeat(8));
    const bin = join(cancelDir, 'woven');
    const woven = await goWeave(['build', '-o', bin, '.'], { cwd: cancelDir, env: { ...env, GOWEAVE_CACHE: join(cancelDir, '.weave') } });
    assert.equal(woven.code, 0, woven.stderr);
    assert.ok(lastAspects().includes('http.client.cancel'));
    const out = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' }, timeoutMs: 60_000 });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, plain.stdout);
  } finally {
    removeTree(cancelDir);
  }
});
