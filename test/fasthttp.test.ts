// fasthttp servers traced by the built-in aspects (weaver/aspects/tracing-fasthttp.yml, and
// http.route.fiber, fiber v3's): a program (test/fixtures/fasthttp, fasthttp, fiber v2 and v3 from the Go module
// proxy) serves with fasthttp and with fiber, and calls itself with net/http's client and fasthttp's; it is woven, run, and its spans received over OTLP on
// loopback. Each request's server span is the child of the client span in the same trace, what
// the handler starts under its RequestCtx is the server span's child, and a 5xx is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import { runTraced } from './support/traced-run.ts';

const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

test('fasthttp: a server span per request, under the caller\'s client span (net/http\'s or fasthttp\'s), parent of the handler\'s spans', { timeout: 600_000 }, async () => {
  const dir = tempDir('fasthttp');
  try {
    cpSync(join(REPO, 'test', 'fixtures', 'fasthttp'), dir, { recursive: true });
    const plain = run('go', ['run', '.'], { cwd: dir });
    assert.equal(plain.code, 0, plain.stderr);
    const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
    assert.equal(b.code, 0, b.stderr);
    const { stdout, spans } = await runTraced(join(dir, 'woven'), { env: { OTEL_SERVICE_NAME: 'fast' } });
    assert.equal(stdout, plain.stdout);
    assert.equal(stdout, '/hello?name=fast 200 hello, fast\n/fail 503 broken\n/missing 404 no such page\nfasthttp /hello?name=client 200 hello, client\nfasthttp /fail 503 broken\n/users/7 200 hello, 7\n/orders/9 200 hello, 9; hello, again\n');

    const servers = spans.filter((s) => s.kind === SERVER);
    const clients = spans.filter((s) => s.kind === CLIENT);
    assert.equal(servers.length, 7, `spans: ${spans.map((s) => `${s.name}/${s.kind}`).join(', ')}`);
    const byNetHTTP = servers.filter((s) => s.attributes['user_agent.original'] !== 'fasthttp');
    for (const [i, path] of ['/hello', '/fail', '/missing', '/users/7', '/orders/9'].entries()) {
      const server = byNetHTTP.find((s) => s.attributes['url.path'] === path);
      assert.ok(server, path);
      const client = clients.find((c) => c.spanId === server.parentSpanId);
      assert.ok(client, `${path}: the server span's parent is no client span`);
      assert.equal(server.traceId, client.traceId);
      assert.equal(server.name, path === '/users/7' ? 'GET /users/:id' : path === '/orders/9' ? 'GET /orders/:id' : 'GET');
      assert.equal(server.attributes['http.request.method'], 'GET');
      assert.equal(server.attributes['url.scheme'], 'http');
      assert.equal(server.attributes['network.protocol.version'], '1.1');
      assert.match(String(server.attributes['server.address']), /^127\.0\.0\.1:\d+$/);
      assert.equal(server.attributes['http.response.status_code'], [200, 503, 404, 200, 200][i]);
      assert.equal(server.status.code === STATUS_ERROR, path === '/fail', `${path}: status ${JSON.stringify(server.status)}`);
    }
    // fasthttp's client: a span per request (no context to take a parent from, without
    // go-weave:gls: each starts its trace), which the server span joins through traceparent.
    for (const [path, status] of [['/hello', 200], ['/fail', 503]] as const) {
      const server = servers.find((s) => s.attributes['url.path'] === path && s.attributes['user_agent.original'] === 'fasthttp');
      assert.ok(server, `fasthttp ${path}: no server span with fasthttp's user agent`);
      const client = clients.find((c) => c.spanId === server.parentSpanId);
      assert.ok(client, `fasthttp ${path}: the server span's parent is no client span`);
      assert.equal(client.traceId, server.traceId);
      assert.equal(client.parentSpanId, '');
      assert.equal(client.name, 'GET');
      assert.equal(client.attributes['http.request.method'], 'GET');
      assert.match(String(client.attributes['url.full']), new RegExp(`^http://127\\.0\\.0\\.1:\\d+${path.replace('?', '\\?')}${path === '/hello' ? '\\?name=client' : ''}$`));
      assert.equal(client.attributes['server.address'], '127.0.0.1');
      assert.match(String(client.attributes['server.port']), /^\d+$/);
      assert.equal(client.attributes['http.response.status_code'], status);
      assert.equal(client.status.code === STATUS_ERROR, status >= 400, `fasthttp ${path}: status ${JSON.stringify(client.status)}`);
    }
    const hello = byNetHTTP.find((s) => s.attributes['url.path'] === '/hello');
    const greets = spans.filter((s) => s.name === 'main.greet');
    assert.ok(hello);
    assert.ok(greets.some((g) => g.parentSpanId === hello.spanId && g.traceId === hello.traceId), 'greet under /hello');
    // fiber (on fasthttp): the route that matched, past a middleware, names the span; a span
    // started under the fiber Ctx's Context() is its child.
    const user = servers.find((s) => s.attributes['url.path'] === '/users/7');
    assert.ok(user);
    assert.equal(user.name, 'GET /users/:id');
    assert.equal(user.attributes['http.route'], '/users/:id');
    assert.equal(user.attributes['http.response.status_code'], 200);
    assert.ok(greets.some((g) => g.parentSpanId === user.spanId), 'greet under /users/7');
    // fiber v3: the route names the span; spans under the Ctx and under its Context() are children.
    const order = servers.find((s) => s.attributes['url.path'] === '/orders/9');
    assert.ok(order);
    assert.equal(order.attributes['http.route'], '/orders/:id');
    assert.equal(greets.filter((g) => g.parentSpanId === order.spanId).length, 2, 'both greets under /orders/9');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// fasthttp's client takes no context: with go-weave:gls its span is the child of the goroutine's
// active span, here a //weave:span function's.
const GLS_PROGRAM = `package main

import (
	"fmt"
	"net"

	"github.com/valyala/fasthttp"
)

//weave:span
func fetch(addr string) {
	status, body, err := fasthttp.Get(nil, "http://"+addr+"/hello")
	if err != nil {
		panic(err)
	}
	fmt.Println(status, string(body))
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) { ctx.WriteString("hello") }}
	go srv.Serve(ln)
	fetch(ln.Addr().String())
	srv.Shutdown()
}
`;

test('fasthttp\'s client under go-weave:gls: its span is the child of the goroutine\'s span', { timeout: 600_000 }, async () => {
  const dir = tempDir('fasthttp-gls');
  try {
    cpSync(join(REPO, 'test', 'fixtures', 'fasthttp'), dir, { recursive: true });
    writeFileSync(join(dir, 'main.go'), GLS_PROGRAM);
    writeFileSync(join(dir, 'go-weave.yml'), 'extends:\n  - go-weave:gls\n');
    const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
    assert.equal(b.code, 0, b.stderr);
    const { stdout, spans } = await runTraced(join(dir, 'woven'));
    assert.equal(stdout, '200 hello\n');
    const fetch = spans.find((s) => s.name === 'main.fetch');
    const client = spans.find((s) => s.kind === CLIENT);
    const server = spans.find((s) => s.kind === SERVER);
    assert.ok(fetch && client && server, `spans: ${spans.map((s) => `${s.name}/${s.kind}`).join(', ')}`);
    assert.equal(client.parentSpanId, fetch.spanId);
    assert.equal(server.parentSpanId, client.spanId);
    assert.equal(new Set([fetch.traceId, client.traceId, server.traceId]).size, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
