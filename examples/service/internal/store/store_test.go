package store

import (
	"context"
	"errors"
	"testing"
)

func TestLookup(t *testing.T) {
	ctx := context.Background()
	s, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	it, err := s.Lookup(ctx, "pear")
	if err != nil {
		t.Fatal(err)
	}
	if it.Quantity != 3 || it.Cents != 80 {
		t.Fatalf("pear = %+v, want quantity 3 at 80 cents", it)
	}
	if _, err := s.Lookup(ctx, "durian"); !errors.Is(err, ErrUnknownItem) {
		t.Fatalf("durian: err = %v, want ErrUnknownItem", err)
	}
}
