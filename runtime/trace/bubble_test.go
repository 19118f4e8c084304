//go:build go1.25

// The module's go line predates Go 1.23's timers, which synctest needs.
//go:debug asynctimerchan=0

package trace

import (
	"context"
	"testing"
	"testing/synctest"
)

// A span that ends inside a testing/synctest bubble starts nothing there (a goroutine of ours
// in the bubble would keep synctest.Test waiting, or crash it on our channels); it is exported
// by the next flush outside.
func TestSpanEndedInSynctestBubble(t *testing.T) {
	rec := &recorder{}
	useProvider(t, map[string]string{"OTEL_BSP_SCHEDULE_DELAY": "10"}, rec)
	if inSynctestBubble() {
		t.Fatal("inSynctestBubble outside any bubble")
	}
	synctest.Test(t, func(t *testing.T) {
		if !inSynctestBubble() {
			t.Fatal("inSynctestBubble is false in a bubble")
		}
		_, s := Start(context.Background(), "in-bubble", KindInternal)
		s.End()
		Flush() // cannot start the export here: returns at once
	})
	if n := processorGoroutines(); n != 0 {
		t.Fatalf("%d export goroutines after the bubble", n)
	}
	Flush()
	if got := rec.got(); len(got) != 1 || got[0].Name != "in-bubble" {
		t.Fatalf("exported %v", got)
	}
}
