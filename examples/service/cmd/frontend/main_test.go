package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/shop/internal/inventoryclient"
	"example.com/shop/internal/store"
)

// TestOrder runs the frontend's handler against a fake inventory served on loopback.
func TestOrder(t *testing.T) {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/items/apple" {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(store.Item{Name: "apple", Quantity: 12, Cents: 45})
	}))
	defer fake.Close()
	inv := &inventoryclient.Client{BaseURL: fake.URL, HTTP: fake.Client()}

	rec := httptest.NewRecorder()
	order(rec, httptest.NewRequest("GET", "/order?item=apple&qty=2", nil), inv)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got struct{ Cents int }
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Cents != 90 {
		t.Fatalf("2 apples cost %d cents, want 90", got.Cents)
	}

	rec = httptest.NewRecorder()
	order(rec, httptest.NewRequest("GET", "/order?item=kiwi&qty=1", nil), inv)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("kiwi: status %d, want 404", rec.Code)
	}
}
