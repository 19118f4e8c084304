package trace

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// An exporter constructor that itself starts a span (woven code inside the
// exporter) must not deadlock the lazy initialisation.
func TestStartDuringInitialisationDoesNotDeadlock(t *testing.T) {
	if os.Getenv("GOWEAVE_REENTRANT_CHILD") == "1" {
		RegisterExporter("reentrant", func() (Exporter, error) {
			_, s := Start(context.Background(), "inner", KindInternal)
			if s != nil {
				return nil, errorf("inner span should be nil during initialisation")
			}
			return &recorder{}, nil
		})
		_, s := Start(context.Background(), "outer", KindInternal)
		if s == nil || !s.IsRecording() {
			t.Fatal("outer span should record with the reentrant exporter")
		}
		return
	}
	runChild(t, "TestStartDuringInitialisationDoesNotDeadlock", "GOWEAVE_REENTRANT_CHILD=1", "OTEL_TRACES_EXPORTER=reentrant")
}

// runChild runs one test of this binary again in a fresh process with env
// added: initialisation happens once per process.
func runChild(t *testing.T, name string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second) // hang guard only
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+name+"$", "-test.v")
	cmd.Env = append(append(os.Environ(), "GOWEAVE_TRACE_SIGNALS=false"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child failed (%v):\n%s", err, out)
	}
}

// Spans started on other goroutines while one goroutine initialises (the
// first spans of a program that starts work in parallel) wait for it and
// record: only the initialiser's own reentrant spans are skipped.
func TestConcurrentFirstStartsAllRecord(t *testing.T) {
	if os.Getenv("GOWEAVE_CONCURRENT_CHILD") == "1" {
		RegisterExporter("slowinit", func() (Exporter, error) {
			time.Sleep(200 * time.Millisecond)
			return &recorder{}, nil
		})
		const n = 8
		spans := make(chan *Span, n)
		for i := 0; i < n; i++ {
			go func() {
				_, s := Start(context.Background(), "first", KindInternal)
				spans <- s
			}()
		}
		for i := 0; i < n; i++ {
			if s := <-spans; s == nil || !s.IsRecording() {
				t.Fatalf("span %d of %d started during initialisation does not record", i+1, n)
			}
		}
		return
	}
	runChild(t, "TestConcurrentFirstStartsAllRecord", "GOWEAVE_CONCURRENT_CHILD=1", "OTEL_TRACES_EXPORTER=slowinit")
}
