// The example's inventory service, instrumented by hand with the OpenTelemetry SDK.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log"
	"net/http"

	_ "github.com/ncruces/go-sqlite3/driver"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"example.com/shop-otel/internal/otelsetup"
)

type item struct {
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	Cents    int    `json:"cents"`
}

var tracer = otel.Tracer("example.com/shop-otel/inventory")

func lookup(ctx context.Context, db *sql.DB, name string) (item, error) {
	const q = `SELECT quantity, cents FROM items WHERE name = ?`
	ctx, span := tracer.Start(ctx, "SELECT", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.system", "sqlite"), attribute.String("db.query.text", q)))
	defer span.End()
	it := item{Name: name}
	err := db.QueryRowContext(ctx, q, name).Scan(&it.Quantity, &it.Cents)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	}
	return it, err
}

func main() {
	stop, err := otelsetup.Start(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	db, err := sql.Open("sqlite3", otelsetup.Env("INVENTORY_DB", ":memory:"))
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		`CREATE TABLE IF NOT EXISTS items (name TEXT PRIMARY KEY, quantity INTEGER NOT NULL, cents INTEGER NOT NULL)`,
		`INSERT OR REPLACE INTO items (name, quantity, cents) VALUES ('apple', 12, 45), ('pear', 3, 80), ('fig', 0, 120)`,
	} {
		if _, err := db.Exec(q); err != nil {
			log.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{name}", func(w http.ResponseWriter, r *http.Request) {
		it, err := lookup(r.Context(), db, r.PathValue("name"))
		if errors.Is(err, sql.ErrNoRows) {
			http.Error(w, "unknown item", http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(it)
	})
	log.Fatal(otelsetup.Serve("inventory", otelsetup.Env("INVENTORY_ADDR", "127.0.0.1:8081"), otelhttp.NewHandler(mux, "inventory"), stop))
}
