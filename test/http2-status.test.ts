// The server span of an HTTP/2 request carries the status its handler wrote. HTTP/2 keeps that
// status in a type net/http cannot name the same way in every Go release (bundled up to Go 1.26,
// net/http/internal/http2 from Go 1.27), so each release is woven and run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, run, tempDir } from './support/go-tool.ts';

const PROGRAM = `package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

func main() {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	for _, p := range []string{"/ok", "/fail"} {
		resp, err := srv.Client().Get(srv.URL + p)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(p, resp.Proto, resp.StatusCode)
	}
}
`;

interface ConsoleSpan { name: string; kind: string; attributes: Record<string, unknown>; status?: { code?: string } }

function serverSpans(stdout: string): ConsoleSpan[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ConsoleSpan).filter((s) => s.kind === 'SERVER');
}

const GO127 = 'go1.27.3';
const go127 = run('go', ['version'], { env: { GOTOOLCHAIN: GO127 } });

for (const [label, toolchain] of [['installed Go', 'local'], [GO127, GO127]] as const) {
  const skip = toolchain !== 'local' && !go127.stdout.includes(GO127) ? `GOTOOLCHAIN=${GO127} is not available` : false;
  test(`${label}: HTTP/2 server spans record the handler's status`, { skip }, () => {
    const dir = tempDir('h2');
    writeFileSync(join(dir, 'go.mod'), 'module example.com/h2\n\ngo 1.25\n');
    writeFileSync(join(dir, 'main.go'), PROGRAM);
    const b = goWeave(['build', '-o', join(dir, 'h2'), '.'], { cwd: dir, env: { GOTOOLCHAIN: toolchain } });
    assert.equal(b.code, 0, b.stderr);
    assert.doesNotMatch(b.stderr, /left unwoven|not weaving/);
    const r = run(join(dir, 'h2'), [], { env: { OTEL_TRACES_EXPORTER: 'console' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\/ok HTTP\/2\.0 200$/m);
    assert.match(r.stdout, /^\/fail HTTP\/2\.0 503$/m);
    // The console exporter writes one JSON object per span to stderr.
    const spans = serverSpans(r.stderr);
    assert.deepEqual(spans.map((s) => [s.attributes['network.protocol.version'], s.attributes['http.response.status_code']]).sort(), [['2', 200], ['2', 503]], r.stderr);
    assert.equal(spans.find((s) => s.attributes['http.response.status_code'] === 503)?.status?.code, 'ERROR');
  });
}

// golang.org/x/net/http2's server (ConfigureServer, as Caddy sets it up; ServeConn; h2c) hands
// requests to the net/http server's handler, with a writer of its own: the status is read from
// it without weaving x/net, whose build info would otherwise name a copy instead of its version.
const XNET = `package main

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"

	"golang.org/x/net/http2"
)

func main() {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/quiet":
		default:
			fmt.Fprint(w, "ok")
		}
	}))
	if err := http2.ConfigureServer(srv.Config, new(http2.Server)); err != nil {
		panic(err)
	}
	srv.TLS = srv.Config.TLSConfig
	srv.StartTLS()
	defer srv.Close()
	client := &http.Client{Transport: &http2.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	for _, p := range []string{"/ok", "/missing", "/quiet"} {
		resp, err := client.Get(srv.URL + p)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(p, resp.Proto, resp.StatusCode)
	}
}
`;

test('golang.org/x/net/http2 servers: the span records the handler\'s status, and x/net is not woven', () => {
  const dir = tempDir('h2xnet');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/h2xnet\n\ngo 1.25\n');
  writeFileSync(join(dir, 'main.go'), XNET);
  for (const args of [['get', 'golang.org/x/net@v0.56.0'], ['mod', 'tidy']]) {
    const r = run('go', args, { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
  }
  const report = join(dir, 'report.jsonl');
  const b = goWeave(['build', '-o', join(dir, 'h2'), '.'], { cwd: dir, env: { GOWEAVE_REPORT: report } });
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual((JSON.parse(readFileSync(report, 'utf8').trim().split('\n').pop()!) as { replacedModules: string[] }).replacedModules, []);
  const r = run(join(dir, 'h2'), [], { env: { OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '/ok HTTP/2.0 200\n/missing HTTP/2.0 404\n/quiet HTTP/2.0 200\n');
  const spans = serverSpans(r.stderr);
  assert.deepEqual(spans.map((s) => [s.attributes['url.path'], s.attributes['network.protocol.version'], s.attributes['http.response.status_code']]).sort(), [['/missing', '2', 404], ['/ok', '2', 200], ['/quiet', '2', 200]], r.stderr);
});
