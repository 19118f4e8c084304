// Package store keeps the inventory in SQLite through database/sql.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	// A pure-Go SQLite driver (no cgo), registered as "sqlite3".
	_ "github.com/ncruces/go-sqlite3/driver"
)

// ErrUnknownItem is returned for an item the inventory does not carry.
var ErrUnknownItem = errors.New("unknown item")

type Store struct {
	db *sql.DB
}

// Open opens (and creates if needed) the database at dsn, e.g. "file:inv.db" or ":memory:".
func Open(dsn string) (*Store, error) {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dsn, err)
	}
	// One connection: an in-memory database exists per connection.
	db.SetMaxOpenConns(1)
	return &Store{db: db}, nil
}

func (s *Store) Close() error { return s.db.Close() }

// Seed creates the schema and a few items.
func (s *Store) Seed(ctx context.Context) error {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS items (name TEXT PRIMARY KEY, quantity INTEGER NOT NULL, cents INTEGER NOT NULL)`,
		`INSERT OR REPLACE INTO items (name, quantity, cents) VALUES ('apple', 12, 45), ('pear', 3, 80), ('fig', 0, 120)`,
	}
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	return nil
}

// Item is one row of the inventory.
type Item struct {
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	Cents    int    `json:"cents"`
}

// Lookup returns the stock and unit price of an item.
func (s *Store) Lookup(ctx context.Context, name string) (Item, error) {
	it := Item{Name: name}
	err := s.db.QueryRowContext(ctx, `SELECT quantity, cents FROM items WHERE name = ?`, name).Scan(&it.Quantity, &it.Cents)
	if errors.Is(err, sql.ErrNoRows) {
		return it, ErrUnknownItem
	}
	if err != nil {
		return it, fmt.Errorf("lookup %q: %w", name, err)
	}
	return it, nil
}
