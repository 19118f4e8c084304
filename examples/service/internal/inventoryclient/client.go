// Package inventoryclient calls the inventory service over HTTP.
package inventoryclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"example.com/shop/internal/store"
)

type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// ErrNotFound is returned when the inventory does not know the item.
var ErrNotFound = fmt.Errorf("inventory: %w", store.ErrUnknownItem)

// Item asks the inventory for an item's stock and price.
func (c *Client) Item(ctx context.Context, name string) (store.Item, error) {
	var it store.Item
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/items/"+url.PathEscape(name), nil)
	if err != nil {
		return it, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return it, fmt.Errorf("inventory: %w", err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return it, ErrNotFound
	default:
		return it, fmt.Errorf("inventory: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&it); err != nil {
		return it, fmt.Errorf("inventory: decoding reply: %w", err)
	}
	return it, nil
}
