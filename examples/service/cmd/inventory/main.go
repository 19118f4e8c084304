// Command inventory serves item stock from a SQLite database.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"

	"example.com/shop/internal/serve"
	"example.com/shop/internal/store"
)

func main() {
	st, err := store.Open(serve.Env("INVENTORY_DB", ":memory:"))
	if err != nil {
		log.Fatal(err)
	}
	if err := st.Seed(context.Background()); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{name}", func(w http.ResponseWriter, r *http.Request) {
		it, err := st.Lookup(r.Context(), r.PathValue("name"))
		if errors.Is(err, store.ErrUnknownItem) {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(it)
	})
	log.Fatal(serve.ListenAndServe("inventory", serve.Env("INVENTORY_ADDR", "127.0.0.1:8081"), mux))
}
