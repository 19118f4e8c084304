package trace

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
)

var (
	hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)
	hex16 = regexp.MustCompile(`^[0-9a-f]{16}$`)
)

func TestIDsAreHexNonZeroAndDistinct(t *testing.T) {
	useProvider(t, nil, &recorder{})
	seenT := map[string]bool{}
	seenS := map[string]bool{}
	for i := 0; i < 1000; i++ {
		_, s := Start(context.Background(), "x", KindInternal)
		if !hex32.MatchString(s.TraceID()) || !hex16.MatchString(s.SpanID()) {
			t.Fatalf("bad ids %q %q", s.TraceID(), s.SpanID())
		}
		if s.TraceID() == strings.Repeat("0", 32) || s.SpanID() == strings.Repeat("0", 16) {
			t.Fatal("zero id")
		}
		if seenT[s.TraceID()] || seenS[s.SpanID()] {
			t.Fatalf("repeated id after %d spans", i)
		}
		seenT[s.TraceID()], seenS[s.SpanID()] = true, true
	}
}

func TestParentChildAndExport(t *testing.T) {
	rec := &recorder{}
	p := useProvider(t, map[string]string{"OTEL_SERVICE_NAME": "svc"}, rec)
	ctx, parent := Start(context.Background(), "parent", KindServer)
	if SpanFromContext(ctx) != parent {
		t.Fatal("context does not carry the new span")
	}
	_, child := Start(ctx, "child", KindClient)
	child.SetAttribute("n", 7)
	child.SetAttribute("ok", true)
	child.SetAttribute("tags", []string{"a", "b"})
	child.SetAttribute("n", 8) // replaces
	child.RecordError(errors.New("boom"))
	child.End()
	child.End() // idempotent
	parent.End()
	p.proc.flush()

	got := rec.got()
	if len(got) != 2 {
		t.Fatalf("exported %d spans, want 2", len(got))
	}
	c, pr := got[0], got[1]
	if c.Name != "child" || pr.Name != "parent" {
		t.Fatalf("order/names: %q %q", c.Name, pr.Name)
	}
	if c.TraceID != pr.TraceID || c.ParentSpanID != pr.SpanID || pr.HasParent() {
		t.Fatal("child is not linked to parent")
	}
	if c.Kind != KindClient || pr.Kind != KindServer {
		t.Fatal("kinds lost")
	}
	want := map[string]any{"n": int64(8), "ok": true}
	for _, a := range c.Attributes {
		if w, ok := want[a.Key]; ok && w != a.Value {
			t.Errorf("attribute %s = %#v, want %#v", a.Key, a.Value, w)
		}
	}
	if len(c.Attributes) != 3 {
		t.Errorf("attributes: %+v", c.Attributes)
	}
	if c.Status.Code != StatusError || c.Status.Description != "boom" {
		t.Errorf("status %+v", c.Status)
	}
	if len(c.Events) != 1 || c.Events[0].Name != "exception" || c.Events[0].Attributes[0].Value != "*errors.errorString" || c.Events[0].Attributes[1].Value != "boom" {
		t.Errorf("events %+v", c.Events)
	}
	if c.Resource.Get("service.name") != "svc" || c.Resource.Get("telemetry.sdk.name") != "go-weave" {
		t.Errorf("resource %+v", c.Resource.Attributes)
	}
	if !c.EndTime.After(c.StartTime) && !c.EndTime.Equal(c.StartTime) {
		t.Error("end before start")
	}
	if child.LocalRoot() != parent || parent.LocalRoot() != parent {
		t.Error("LocalRoot should be the first local span")
	}
}

func TestNilSpanIsNoop(t *testing.T) {
	var s *Span
	s.SetAttribute("a", 1)
	s.AddEvent("e", "k", "v")
	s.RecordError(errors.New("x"))
	s.RecordPanic("p")
	s.SetStatus(StatusError, "x")
	s.SetName("n")
	s.SetLocal("k", 1)
	s.End()
	if s.IsRecording() || s.TraceID() != "" || s.SpanID() != "" || s.Local("k") != nil || s.LocalRoot() != nil {
		t.Fatal("nil span is not a no-op")
	}
	if SpanFromContext(nil) != nil { //nolint:staticcheck // nil ctx is part of the contract
		t.Fatal("nil ctx")
	}
}

func TestStatusRules(t *testing.T) {
	rec := &recorder{}
	p := useProvider(t, nil, rec)
	_, s := Start(context.Background(), "s", KindInternal)
	s.SetStatus(StatusError, "bad")
	s.SetStatus(StatusUnset, "ignored")
	s.SetStatus(StatusOK, "dropped description")
	s.SetStatus(StatusError, "after ok: ignored")
	s.RecordError(nil)
	s.End()
	s.SetAttribute("late", 1) // after End: ignored
	p.proc.flush()
	got := rec.got()[0]
	if got.Status != (Status{Code: StatusOK}) {
		t.Fatalf("status %+v", got.Status)
	}
	if len(got.Attributes) != 0 || len(got.Events) != 0 {
		t.Fatalf("late data kept: %+v %+v", got.Attributes, got.Events)
	}
}

func TestRecordPanic(t *testing.T) {
	rec := &recorder{}
	p := useProvider(t, nil, rec)
	_, s := Start(context.Background(), "s", KindInternal)
	func() {
		defer func() { s.RecordPanic(recover()) }()
		panic("kaput")
	}()
	s.RecordPanic(nil) // recover() outside a panic: nothing recorded
	s.End()
	p.proc.flush()
	if n := len(rec.got()[0].Events); n != 1 {
		t.Fatalf("%d events, want 1", n)
	}
	ev := rec.got()[0].Events[0]
	attrs := map[string]any{}
	for _, a := range ev.Attributes {
		attrs[a.Key] = a.Value
	}
	if attrs["exception.message"] != "kaput" || attrs["exception.type"] != "string" {
		t.Fatalf("panic event %+v", attrs)
	}
	if st, _ := attrs["exception.stacktrace"].(string); !strings.Contains(st, "TestRecordPanic") {
		t.Fatalf("stack does not show the panicking function: %q", st)
	}
}

func TestValueNormalisation(t *testing.T) {
	cases := []struct {
		in   any
		want any
	}{
		{int32(3), int64(3)}, {uint64(1 << 63), "9223372036854775808"}, {float32(1.5), 1.5},
		{[]int{1, 2}, []int64{1, 2}}, {errors.New("e"), "e"}, {struct{ A int }{1}, "{1}"}, {nil, ""},
	}
	for _, c := range cases {
		got := normalizeValue(c.in)
		if gs, ok := got.([]int64); ok {
			if len(gs) != 2 || gs[1] != 2 {
				t.Errorf("%#v -> %#v", c.in, got)
			}
			continue
		}
		if got != c.want {
			t.Errorf("%#v -> %#v, want %#v", c.in, got, c.want)
		}
	}
}

func TestSuppressedAndDisabled(t *testing.T) {
	useProvider(t, nil, &recorder{})
	ctx := WithSuppressed(context.Background())
	if !IsSuppressed(ctx) || IsSuppressed(context.Background()) {
		t.Fatal("IsSuppressed")
	}
	if c2, s := Start(ctx, "x", KindClient); s != nil || c2 != ctx {
		t.Fatal("suppressed context must not start spans")
	}
	useProvider(t, map[string]string{"OTEL_SDK_DISABLED": "true"}, nil)
	if _, s := Start(context.Background(), "x", KindClient); s != nil {
		t.Fatal("disabled SDK must return nil spans")
	}
}

func TestNoExporterMeansNotRecording(t *testing.T) {
	useProvider(t, nil, nil)
	_, s := Start(context.Background(), "x", KindInternal)
	if s == nil || s.IsRecording() || !s.IsSampled() {
		t.Fatal("without exporter a span is sampled (for propagation) but not recording")
	}
}

func TestLocalsAndLocalRootAcrossRemoteParent(t *testing.T) {
	useProvider(t, nil, &recorder{})
	h := map[string][]string{"traceparent": {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}
	ctx := ExtractHeaders(context.Background(), h)
	ctx, server := Start(ctx, "server", KindServer)
	server.SetLocal("req", 42)
	_, client := Start(ctx, "client", KindClient)
	if client.LocalRoot() != server || client.LocalRoot().Local("req") != 42 {
		t.Fatal("LocalRoot should be the server span, not the remote parent")
	}
	if server.TraceID() != "0af7651916cd43dd8448eb211c80319c" {
		t.Fatal("remote trace id not inherited")
	}
}

func TestGoroutineHooks(t *testing.T) {
	useProvider(t, nil, &recorder{})
	var cur *Span
	CurrentGoroutineSpan = func() *Span { return cur }
	SetGoroutineSpan = func(s *Span) *Span { prev := cur; cur = s; return prev }
	t.Cleanup(func() { CurrentGoroutineSpan, SetGoroutineSpan = nil, nil })

	_, a := Start(context.Background(), "a", KindInternal)
	if cur != a {
		t.Fatal("Start did not make the span current")
	}
	_, b := Start(context.Background(), "b", KindInternal) // no span in ctx: parent from hook
	if b.parentID != a.spanID {
		t.Fatal("parent not taken from the goroutine hook")
	}
	b.End()
	if cur != a {
		t.Fatal("End did not restore the previous span")
	}
	a.End()
	if cur != nil {
		t.Fatal("End of the outer span should restore nil")
	}

	// End where the span is not current (another goroutine's slot, or out
	// of order) leaves the slot alone.
	_, c := Start(context.Background(), "c", KindInternal)
	other := &Span{}
	cur = other
	c.End()
	if cur != other {
		t.Fatal("End clobbered a slot where its span was not current")
	}
}

func TestHookPanicDoesNotEscape(t *testing.T) {
	useProvider(t, nil, &recorder{})
	CurrentGoroutineSpan = func() *Span { panic("hook bug") }
	t.Cleanup(func() { CurrentGoroutineSpan = nil })
	if _, s := Start(context.Background(), "a", KindInternal); s == nil || s.parentID != [8]byte{} {
		t.Fatal("a panicking hook should yield a root span")
	}
}

func TestLimitsFromEnv(t *testing.T) {
	rec := &recorder{}
	p := useProvider(t, map[string]string{
		"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT":   "2",
		"OTEL_SPAN_EVENT_COUNT_LIMIT":       "1",
		"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT": "3",
	}, rec)
	_, s := Start(context.Background(), "s", KindInternal)
	s.SetAttribute("a", "héllo")
	s.SetAttribute("b", []string{"xy", "wxyz"})
	s.SetAttribute("c", 1)    // over the count limit
	s.SetAttribute("a", "ok") // replacing does not count
	s.AddEvent("e1", "k", "abcdef")
	s.AddEvent("e2")
	s.End()
	p.proc.flush()
	got := rec.got()[0]
	if len(got.Attributes) != 2 || got.Attributes[0].Value != "ok" || got.DroppedAttributes != 1 {
		t.Fatalf("attributes %+v dropped %d", got.Attributes, got.DroppedAttributes)
	}
	if l := got.Attributes[1].Value.([]string); l[0] != "xy" || l[1] != "wxy" {
		t.Fatalf("[]string not truncated per element: %v", l)
	}
	if len(got.Events) != 1 || got.DroppedEvents != 1 || got.Events[0].Attributes[0].Value != "abc" {
		t.Fatalf("events %+v dropped %d", got.Events, got.DroppedEvents)
	}
	if truncateString("héllo", 3) != "hél" || truncateString("ab", 3) != "ab" {
		t.Fatal("truncation is by character")
	}
}
