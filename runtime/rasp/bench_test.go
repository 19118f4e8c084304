package rasp

import "testing"

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
