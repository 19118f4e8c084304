package rasp

import (
	"net/http/httptest"
	"testing"

	"go-weave.dev/runtime/trace"
)

// The checks' own cost per query; bench/rasp-query.ts measures it in a
// woven service against the unprotected build.
func BenchmarkCheckSQLBenignFound(b *testing.B) {
	q := "SELECT id, name, email FROM users WHERE name = 'alice'"
	in := []Input{{Source: "query", Name: "name", Value: "alice"}, {Source: "query", Name: "n", Value: "2000"}, {Source: "header", Name: "User-Agent", Value: "node"}}
	for b.Loop() {
		if CheckSQL(q, in) != nil {
			b.Fatal("finding")
		}
	}
}

func BenchmarkCheckSQLNoInputInQuery(b *testing.B) {
	q := "SELECT id, name, email FROM users WHERE name = ?"
	in := []Input{{Source: "query", Name: "name", Value: "alice"}, {Source: "header", Name: "User-Agent", Value: "node"}}
	for b.Loop() {
		CheckSQL(q, in)
	}
}

// The whole guard as woven database/sql calls it, inside a request: span
// lookup, cached inputs, the check.
func BenchmarkGuardSQLInRequest(b *testing.B) {
	useModeB(b, Block)
	r := httptest.NewRequest("GET", "/users?name=alice&n=1000", nil)
	r.Header.Set("User-Agent", "bench")
	ctx, span := trace.Start(r.Context(), "GET /users", trace.KindServer)
	defer span.End()
	r = r.WithContext(ctx)
	span.SetLocal("http.request", r)
	span.SetLocal("http.response_writer", httptest.NewRecorder())
	_ = trace.Guard(ctx, "http.request", r.URL.Path)
	_, db := trace.Start(ctx, "SELECT", trace.KindClient)
	dbctx := trace.ContextWithSpan(ctx, db)
	q := "SELECT id, name, email FROM users WHERE name = 'alice'"
	for b.Loop() {
		if err := trace.Guard(dbctx, "sql", q); err != nil {
			b.Fatal(err)
		}
	}
}

func useModeB(b *testing.B, m Mode) {
	c, _ := configFrom(func(string) string { return "" })
	c.mode = m
	currentConfig()
	old := cfg.Swap(&c)
	b.Cleanup(func() { cfg.Store(old) })
}
