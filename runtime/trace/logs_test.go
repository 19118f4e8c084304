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

func TestLogFields(t *testing.T) {
	if _, ok := LogFields(nil); ok {
		t.Fatal("a nil context has log fields")
	}
	ctx := ExtractHeaders(context.Background(), map[string][]string{"Traceparent": {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}})
	fields, ok := LogFields(ctx)
	want := [3]LogField{{"trace_id", "0af7651916cd43dd8448eb211c80319c"}, {"span_id", "b7ad6b7169203331"}, {"trace_flags", "01"}}
	if !ok || fields != want {
		t.Fatalf("LogFields = %v, %v", fields, ok)
	}
	if n := testing.AllocsPerRun(100, func() { LogFields(context.Background()) }); n != 0 {
		t.Fatalf("%v allocations without a span", n)
	}
}

func TestHasJSONKey(t *testing.T) {
	for _, c := range []struct {
		buf  string
		want bool
	}{
		{`{"level":"info","trace_id":"x"`, true},
		{`{"trace_id":`, true},
		{`{"level":"info"`, false},
		{`{"msg":"trace_id"`, false},
		{`{"msg":"\"trace_id\":1"`, false},
		{`{"trace_ids":1`, false},
		{`{"a":{"trace_id":1}`, true},
		{`"trace_id"`, false},
		{``, false},
	} {
		if got := HasJSONKey([]byte(c.buf), "trace_id"); got != c.want {
			t.Errorf("HasJSONKey(%s) = %v", c.buf, got)
		}
	}
	buf := []byte(`{"level":"info","message":"a long enough line","n":1`)
	if n := testing.AllocsPerRun(100, func() { HasJSONKey(buf, "span_id") }); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}
