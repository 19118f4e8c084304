// Package pricing computes what an order costs.
package pricing

import (
	"context"
	"errors"
)

// Quote is the price of an order in cents.
type Quote struct {
	Item     string `json:"item"`
	Quantity int    `json:"quantity"`
	Cents    int    `json:"cents"`
}

var ErrOutOfStock = errors.New("out of stock")

// Price applies a bulk discount: 10% off from 10 units.
//
//weave:span
func Price(ctx context.Context, item string, unitCents, quantity, inStock int) (Quote, error) {
	if err := ctx.Err(); err != nil {
		return Quote{}, err
	}
	if quantity > inStock {
		return Quote{}, ErrOutOfStock
	}
	total := unitCents * quantity
	if quantity >= 10 {
		total -= total / 10
	}
	return Quote{Item: item, Quantity: quantity, Cents: total}, nil
}
