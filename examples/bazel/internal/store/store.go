// Package store holds greetings, seeded from an embedded JSON file.
package store

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"

	"example.com/service/internal/greet"
)

//go:embed greetings.json
var seed []byte

// Store maps language codes to greetings.
type Store struct {
	greetings map[string]string
}

// Open loads the embedded greetings.
func Open() (*Store, error) {
	s := &Store{}
	if err := json.Unmarshal(seed, &s.greetings); err != nil {
		return nil, fmt.Errorf("store: greetings.json: %w", err)
	}
	return s, nil
}

// Greeting returns the greeting for name in lang.
//
//weave:span store.Greeting
func (s *Store) Greeting(ctx context.Context, lang, name string) (string, error) {
	word, ok := s.greetings[lang]
	if !ok {
		return "", fmt.Errorf("store: no greeting for language %q", lang)
	}
	return greet.Format(word, name), nil
}

// Languages lists the known language codes.
func (s *Store) Languages() []string {
	langs := make([]string, 0, len(s.greetings))
	for l := range s.greetings {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}
