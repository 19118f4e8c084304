// The server span is named after the route its router matched ("GET /items/{id}"), whoever
// handed the router the request: the server itself, or a middleware that passed on a copy
// (r.WithContext), whose Pattern the server's own request never sees, with nested muxes the
// innermost one's route (behind StripPrefix with the cut prefix put back); and for chi, gin, echo,
// gorilla/mux and httprouter, which route with requests and contexts of their own (behind
// StripPrefix too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';

const PROGRAM = `package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
)

type key struct{}

// withValue is the usual middleware: the next handler gets a copy of the request.
func withValue(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key{}, "v")))
	})
}

func main() {
	items := http.NewServeMux()
	items.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "item ", r.PathValue("id"))
	})
	api := http.NewServeMux()
	api.Handle("/api/", http.StripPrefix("/api", items))
	// A service's usual layout: a root mux whose catch-all hands the application, behind a
	// middleware, to a mux of its own, which hands /v1/ to the API's mux.
	v1 := http.NewServeMux()
	v1.HandleFunc("GET /v1/me", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "me") })
	app := http.NewServeMux()
	app.Handle("/v1/", v1)
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ui") })
	root := http.NewServeMux()
	root.Handle("/", withValue(app))
	plain := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "plain") })
	for _, c := range []struct {
		handler http.Handler
		path    string
	}{{items, "/items/1"}, {withValue(items), "/items/2"}, {api, "/api/items/3"}, {root, "/v1/me"}, {root, "/settings"}, {plain, "/anything"}} {
		srv := httptest.NewServer(c.handler)
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		fmt.Println(c.path, string(body))
	}
}
`;

interface ConsoleSpan { name: string; kind: string; attributes: Record<string, unknown> }

/**
 * Builds the module in dir woven and runs it with the console exporter: what it printed, and its
 * server spans by url.path as [name, http.route or null].
 */
function buildAndRun(dir: string): { stdout: string; routes: Record<string, [string, unknown]> } {
  const b = goWeave(['build', '-o', join(dir, 'prog'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const r = run(join(dir, 'prog'), [], { env: { OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(r.code, 0, r.stderr);
  const spans = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ConsoleSpan).filter((s) => s.kind === 'SERVER');
  return { stdout: r.stdout, routes: Object.fromEntries(spans.map((s) => [String(s.attributes['url.path']), [s.name, s.attributes['http.route'] ?? null]])) };
}

test('server spans take the route a ServeMux matched, behind a middleware that copies the request too', () => {
  const dir = tempDir('route');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/route\n\ngo 1.25\n');
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  const r = buildAndRun(dir);
  assert.equal(r.stdout, '/items/1 item 1\n/items/2 item 2\n/api/items/3 item 3\n/v1/me me\n/settings ui\n/anything plain\n');
  assert.deepEqual(r.routes, {
    '/items/1': ['GET /items/{id}', '/items/{id}'],
    '/items/2': ['GET /items/{id}', '/items/{id}'],
    // The inner mux, behind StripPrefix, matched the rest of the path: the route puts back what
    // was cut, and names more than the outer mux's /api/.
    '/api/items/3': ['GET /api/items/{id}', '/api/items/{id}'],
    // The innermost mux's route, not the catch-alls around it.
    '/v1/me': ['GET /v1/me', '/v1/me'],
    '/settings': ['GET /', '/'],
    '/anything': ['GET', null],
  });
});

test('chi, gin, echo, gorilla/mux and httprouter: the server span takes the route template the router matched', { timeout: 600_000 }, () => {
  // A module with the five routers (test/fixtures/routers), fetched through the Go module proxy.
  const dir = tempDir('routers');
  cpSync(join(REPO, 'test', 'fixtures', 'routers'), dir, { recursive: true });
  const r = buildAndRun(dir);
  assert.equal(r.stdout, '/api/users/1 200 chi 1\n/users/2 200 gin 2\n/users/3 200 echo 3\n/api/items/4 200 gorilla 4\n/users/5 200 httprouter 5\n/files/a/b 200 httprouter /a/b\n/missing 404 404 page not found\n' +
    '/chi/api/users/6 200 chi 6\n/gin/users/7 200 gin 7\n/echo/users/8 200 echo 8\n/gorilla/api/items/9 200 gorilla 9\n/httprouter/users/10 200 httprouter 10\n');
  assert.deepEqual(r.routes, {
    // chi's whole pattern, through the router mounted at /api.
    '/api/users/1': ['GET /api/users/{id}', '/api/users/{id}'],
    // gin's and echo's own template syntax.
    '/users/2': ['GET /users/:id', '/users/:id'],
    '/users/3': ['GET /users/:id', '/users/:id'],
    // gorilla/mux's template, through a subrouter.
    '/api/items/4': ['GET /api/items/{id}', '/api/items/{id}'],
    // httprouter's, for a Handle and for an http.Handler (which it wraps in a Handle).
    '/users/5': ['GET /users/:id', '/users/:id'],
    '/files/a/b': ['GET /files/*path', '/files/*path'],
    '/missing': ['GET', null],
    // Behind StripPrefix: the router's route with the prefix it never saw put back.
    '/chi/api/users/6': ['GET /chi/api/users/{id}', '/chi/api/users/{id}'],
    '/gin/users/7': ['GET /gin/users/:id', '/gin/users/:id'],
    '/echo/users/8': ['GET /echo/users/:id', '/echo/users/:id'],
    '/gorilla/api/items/9': ['GET /gorilla/api/items/{id}', '/gorilla/api/items/{id}'],
    '/httprouter/users/10': ['GET /httprouter/users/:id', '/httprouter/users/:id'],
  });
});
