package store

import "testing"

func TestSeedIsEmbedded(t *testing.T) {
	if len(seed) == 0 {
		t.Fatal("greetings.json was not embedded")
	}
}
