package trace

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestQueueFullDropsAndCounts(t *testing.T) {
	rec := &recorder{block: make(chan struct{})}
	p := useProvider(t, map[string]string{
		"OTEL_BSP_MAX_QUEUE_SIZE":        "4",
		"OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "1",
		"OTEL_BSP_SCHEDULE_DELAY":        "60000",
	}, rec)
	// The worker takes the first span and blocks exporting it; four more fill
	// the queue; the remaining five must be dropped without blocking us.
	_, first := Start(context.Background(), "first", KindInternal)
	first.End()
	deadline := time.Now().Add(5 * time.Second)
	for p.proc.queued() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	for i := 0; i < 9; i++ {
		_, s := Start(context.Background(), "s", KindInternal)
		s.End()
	}
	if got := Dropped(); got != 5 {
		t.Fatalf("Dropped() = %d, want 5", got)
	}
	close(rec.block)
	p.proc.flush()
	if got := len(rec.got()); got != 5 {
		t.Fatalf("exported %d spans, want 5 (1 in flight + 4 queued)", got)
	}
}

func TestScheduledExportWithoutFlush(t *testing.T) {
	rec := &recorder{}
	useProvider(t, map[string]string{"OTEL_BSP_SCHEDULE_DELAY": "20"}, rec)
	_, s := Start(context.Background(), "s", KindInternal)
	s.End()
	deadline := time.Now().Add(5 * time.Second)
	for len(rec.got()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if len(rec.got()) != 1 {
		t.Fatal("span not exported on the schedule")
	}
}

func TestBatchSizeSplitsExports(t *testing.T) {
	rec := &recorder{}
	calls := 0
	counting := exporterFunc(func(ctx context.Context, spans []ReadOnlySpan) error {
		calls++
		if len(spans) > 3 {
			t.Errorf("batch of %d exceeds 3", len(spans))
		}
		return rec.Export(ctx, spans)
	})
	proc := newBatchProcessor(bspConfig{maxQueue: 100, maxBatch: 3, delay: time.Hour, timeout: 5 * time.Second},
		[]namedExporter{{name: "c", exp: counting}})
	for i := 0; i < 10; i++ {
		proc.enqueue(endedSpan("x"))
	}
	proc.shutdown()
	if len(rec.got()) != 10 || calls != 4 {
		t.Fatalf("exported %d spans in %d calls, want 10 in 4", len(rec.got()), calls)
	}
	proc.enqueue(endedSpan("late")) // after shutdown: ignored, no panic
	proc.flush()
	proc.shutdown()
}

func TestPanickingExporterIsContained(t *testing.T) {
	bad := exporterFunc(func(context.Context, []ReadOnlySpan) error { panic("exporter bug") })
	proc := newBatchProcessor(bspConfig{maxQueue: 10, maxBatch: 10, delay: time.Hour, timeout: time.Second},
		[]namedExporter{{name: "bad", exp: bad}})
	proc.enqueue(endedSpan("x"))
	proc.flush()
	proc.shutdown()
}

type exporterFunc func(context.Context, []ReadOnlySpan) error

func (f exporterFunc) Export(ctx context.Context, s []ReadOnlySpan) error { return f(ctx, s) }
func (f exporterFunc) Shutdown(context.Context) error                     { return nil }

func endedSpan(name string) *Span {
	s := &Span{name: name, prov: &provider{}}
	s.ended.Store(true)
	return s
}

// processorGoroutines counts goroutines running the export loop.
func processorGoroutines() int {
	buf := make([]byte, 1<<20)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "(*batchProcessor).run(")
}

func TestNoGoroutineOnceExported(t *testing.T) {
	rec := &recorder{}
	p := useProvider(t, map[string]string{"OTEL_BSP_SCHEDULE_DELAY": "10"}, rec)
	if n := processorGoroutines(); n != 0 {
		t.Fatalf("%d export goroutines before any span", n)
	}
	for round := 1; round <= 2; round++ {
		_, s := Start(context.Background(), "s", KindInternal)
		s.End()
		// Up while a span waits for its export, gone once it is exported: a goroutine-leak
		// check after a test that made spans finds nothing of ours.
		deadline := time.Now().Add(5 * time.Second)
		for (len(rec.got()) < round || processorGoroutines() != 0) && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if len(rec.got()) != round || processorGoroutines() != 0 {
			t.Fatalf("round %d: %d spans exported, %d export goroutines left", round, len(rec.got()), processorGoroutines())
		}
	}
	// A flush with nothing queued starts nothing.
	p.proc.flush()
	if n := processorGoroutines(); n != 0 {
		t.Fatalf("%d export goroutines after an idle flush", n)
	}
}

func TestFlushWaitsForTheExportUnderWay(t *testing.T) {
	rec := &recorder{block: make(chan struct{})}
	p := useProvider(t, map[string]string{"OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "1", "OTEL_BSP_SCHEDULE_DELAY": "60000"}, rec)
	_, s := Start(context.Background(), "first", KindInternal)
	s.End()
	// The worker has taken the span and is blocked exporting it.
	deadline := time.Now().Add(5 * time.Second)
	for p.proc.queued() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	flushed := make(chan struct{})
	go func() {
		p.proc.flush()
		close(flushed)
	}()
	select {
	case <-flushed:
		t.Fatal("flush returned while the span queued before it was still being exported")
	case <-time.After(50 * time.Millisecond):
	}
	close(rec.block)
	<-flushed
	if len(rec.got()) != 1 {
		t.Fatalf("exported %d spans, want 1", len(rec.got()))
	}
}
