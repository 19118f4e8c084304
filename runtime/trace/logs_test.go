package trace

import (
	"context"
	"testing"
)

func TestLogContext(t *testing.T) {
	if _, _, _, ok := LogContext(context.Background()); ok {
		t.Fatal("a context without a span has a log context")
	}
	if _, _, _, ok := LogContext(nil); ok {
		t.Fatal("a nil context has a log context")
	}
	parent := ExtractHeaders(context.Background(), map[string][]string{"Traceparent": {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"}})
	tid, sid, flags, ok := LogContext(parent)
	if !ok || tid != "0af7651916cd43dd8448eb211c80319c" || sid != "b7ad6b7169203331" || flags != "00" {
		t.Fatalf("remote parent: %q %q %q %v", tid, sid, flags, ok)
	}
	parent = ExtractHeaders(context.Background(), map[string][]string{"Traceparent": {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}})
	if _, _, flags, _ := LogContext(parent); flags != "01" {
		t.Fatalf("sampled remote parent: flags %q", flags)
	}
}
