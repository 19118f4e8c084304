package store_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"example.com/service/internal/store"
)

func open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Greeting has a //weave:span directive: with OTEL_TRACES_EXPORTER=console the test log shows
// its span.
func TestGreeting(t *testing.T) {
	got, err := open(t).Greeting(context.Background(), "fr", "Ann")
	if err != nil || got != "Bonjour, Ann!" {
		t.Fatalf("Greeting(fr, Ann) = %q, %v", got, err)
	}
}

// testdata/ is read relative to the package's directory, as under go test.
func TestLanguages(t *testing.T) {
	want, err := os.ReadFile("testdata/languages.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(open(t).Languages(), " "); got != strings.TrimSpace(string(want)) {
		t.Errorf("Languages() = %q, want %q", got, want)
	}
}
