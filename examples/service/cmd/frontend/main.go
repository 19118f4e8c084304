// Command frontend takes orders: it asks the inventory service for stock and prices them.
package main

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"strconv"

	"example.com/shop/internal/inventoryclient"
	"example.com/shop/internal/pricing"
	"example.com/shop/internal/serve"
)

func main() {
	inv := &inventoryclient.Client{BaseURL: serve.Env("INVENTORY_URL", "http://127.0.0.1:8081"), HTTP: &http.Client{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /order", func(w http.ResponseWriter, r *http.Request) {
		order(w, r, inv)
	})
	mux.HandleFunc("GET /panic", func(w http.ResponseWriter, r *http.Request) {
		explode(r.URL.Query().Get("why"))
	})
	log.Fatal(serve.ListenAndServe("frontend", serve.Env("FRONTEND_ADDR", "127.0.0.1:8080"), mux))
}

func order(w http.ResponseWriter, r *http.Request, inv *inventoryclient.Client) {
	item := r.URL.Query().Get("item")
	qty, err := strconv.Atoi(r.URL.Query().Get("qty"))
	if err != nil || qty <= 0 {
		http.Error(w, "qty: expected a positive integer", http.StatusBadRequest)
		return
	}
	it, err := inv.Item(r.Context(), item)
	if errors.Is(err, inventoryclient.ErrNotFound) {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	q, err := pricing.Price(r.Context(), item, it.Cents, qty, it.Quantity)
	if errors.Is(err, pricing.ErrOutOfStock) {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(q)
}

// explode panics on purpose: the server recovers and logs the stack, which must name this line.
func explode(why string) {
	if why == "" {
		why = "boom"
	}
	panic("explode: " + why)
}
