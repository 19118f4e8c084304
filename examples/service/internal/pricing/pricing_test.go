package pricing

import (
	"context"
	"errors"
	"testing"
)

func TestPrice(t *testing.T) {
	q, err := Price(context.Background(), "apple", 45, 10, 12)
	if err != nil {
		t.Fatal(err)
	}
	if q.Cents != 405 {
		t.Fatalf("10 apples cost %d cents, want 405", q.Cents)
	}
	if _, err := Price(context.Background(), "pear", 80, 4, 3); !errors.Is(err, ErrOutOfStock) {
		t.Fatalf("err = %v, want ErrOutOfStock", err)
	}
}
