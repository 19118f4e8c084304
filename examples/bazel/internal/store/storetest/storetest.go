// Package storetest opens stores for tests. It imports the package it helps test, so a test
// binary of store compiles it again against store's test variant, as go test does.
package storetest

import (
	"testing"

	"example.com/service/internal/store"
)

// Open opens the embedded store, failing the test when it cannot.
func Open(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
