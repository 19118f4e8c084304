// Package handlers is the HTTP API of the example service.
package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"example.com/service/internal/store"
)

// New returns the service's routes.
func New(st *store.Store, version string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		hello(r.Context(), st, w, r)
	})
	mux.HandleFunc("GET /languages", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"languages": st.Languages(), "version": version})
	})
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) {
		explode(r.URL.Query().Get("why"))
	})
	return mux
}

// hello answers /hello?lang=xx&name=yy.
//
//weave:span handlers.hello
func hello(ctx context.Context, st *store.Store, w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		lang = "en"
	}
	msg, err := st.Greeting(ctx, strings.ToLower(lang), r.URL.Query().Get("name"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	writeJSON(w, map[string]string{"message": msg})
}

// explode panics on purpose: the stack trace must name this file and line.
func explode(why string) {
	panic("boom: " + why)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
