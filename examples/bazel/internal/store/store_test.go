package store_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"example.com/service/internal/store"
	"example.com/service/internal/store/storetest"
)

// Greeting has a //weave:span directive: with OTEL_TRACES_EXPORTER=console the test log shows
// its span.
func TestGreeting(t *testing.T) {
	got, err := storetest.Open(t).Greeting(context.Background(), "fr", "Ann")
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
	if got := strings.Join(storetest.Open(t).Languages(), " "); got != strings.TrimSpace(string(want)) {
		t.Errorf("Languages() = %q, want %q", got, want)
	}
}

// store.With comes from export_test.go; storetest (which imports store) links with that same
// variant of the package.
func TestUnknownLanguage(t *testing.T) {
	s := store.With(map[string]string{"sv": "Hej"})
	if _, err := s.Greeting(context.Background(), "fr", "Ann"); err == nil {
		t.Fatal("Greeting(fr) found a greeting in a store without French")
	}
	if got := s.Languages(); len(got) != 1 || got[0] != "sv" {
		t.Errorf("Languages() = %v, want [sv]", got)
	}
	if got := storetest.Open(t).Languages(); len(got) < 2 {
		t.Errorf("the embedded store has %v", got)
	}
}
