// The example's frontend, instrumented by hand with the OpenTelemetry SDK and otelhttp.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"strconv"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"

	"example.com/shop-otel/internal/otelsetup"
)

type item struct {
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	Cents    int    `json:"cents"`
}

type quote struct {
	Item     string `json:"item"`
	Quantity int    `json:"quantity"`
	Cents    int    `json:"cents"`
}

var (
	tracer        = otel.Tracer("example.com/shop-otel/frontend")
	errOutOfStock = errors.New("out of stock")
	errNotFound   = errors.New("inventory: unknown item")
)

func price(ctx context.Context, name string, unitCents, quantity, inStock int) (quote, error) {
	_, span := tracer.Start(ctx, "pricing.Price")
	defer span.End()
	if quantity > inStock {
		span.SetStatus(codes.Error, errOutOfStock.Error())
		return quote{}, errOutOfStock
	}
	total := unitCents * quantity
	if quantity >= 10 {
		total -= total / 10
	}
	return quote{Item: name, Quantity: quantity, Cents: total}, nil
}

func fetchItem(ctx context.Context, c *http.Client, base, name string) (item, error) {
	var it item
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/items/"+url.PathEscape(name), nil)
	if err != nil {
		return it, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return it, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return it, errNotFound
	}
	if resp.StatusCode != http.StatusOK {
		return it, fmt.Errorf("inventory: %s", resp.Status)
	}
	return it, json.NewDecoder(resp.Body).Decode(&it)
}

func main() {
	stop, err := otelsetup.Start(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	base := otelsetup.Env("INVENTORY_URL", "http://127.0.0.1:8081")
	client := &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /order", func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("item")
		qty, err := strconv.Atoi(r.URL.Query().Get("qty"))
		if err != nil || qty <= 0 {
			http.Error(w, "qty: expected a positive integer", http.StatusBadRequest)
			return
		}
		it, err := fetchItem(r.Context(), client, base, name)
		if errors.Is(err, errNotFound) {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		q, err := price(r.Context(), name, it.Cents, qty, it.Quantity)
		if err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(q)
	})
	log.Fatal(otelsetup.Serve("frontend", otelsetup.Env("FRONTEND_ADDR", "127.0.0.1:8080"), otelhttp.NewHandler(mux, "frontend"), stop))
}
