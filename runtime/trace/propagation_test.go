package trace

import (
	"context"
	"encoding/hex"
	"fmt"
	"testing"
)

const (
	validTP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	tid     = "4bf92f3577b34da6a3ce929d0e0e4736"
	sid     = "00f067aa0ba902b7"
)

func TestExtractTraceparentCases(t *testing.T) {
	cases := []struct {
		name    string
		tp      string
		valid   bool
		sampled bool
	}{
		{"valid sampled", validTP, true, true},
		{"valid not sampled", "00-" + tid + "-" + sid + "-00", true, false},
		{"unknown flag bits kept out", "00-" + tid + "-" + sid + "-09", true, true},
		{"version ff", "ff-" + tid + "-" + sid + "-01", false, false},
		{"all-zero trace id", "00-00000000000000000000000000000000-" + sid + "-01", false, false},
		{"all-zero span id", "00-" + tid + "-0000000000000000-01", false, false},
		{"uppercase trace id", "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + sid + "-01", false, false},
		{"uppercase version", "0A-" + tid + "-" + sid + "-01", false, false},
		{"version 00 with extra field", validTP + "-extra", false, false},
		{"future version with extra field", "01-" + tid + "-" + sid + "-01-extra", true, true},
		{"future version, bad separator", "01-" + tid + "-" + sid + "-01x", false, false},
		{"short", "00-" + tid + "-" + sid, false, false},
		{"bad separator", "00_" + tid + "-" + sid + "-01", false, false},
		{"non-hex", "00-" + tid + "-" + "00f067aa0ba902bz" + "-01", false, false},
		{"empty", "", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := ExtractHeaders(context.Background(), map[string][]string{"Traceparent": {c.tp}})
			s := SpanFromContext(ctx)
			if (s != nil) != c.valid {
				t.Fatalf("valid=%v, want %v", s != nil, c.valid)
			}
			if s == nil {
				return
			}
			if s.TraceID() != tid || s.SpanID() != sid || s.IsSampled() != c.sampled || s.IsRecording() {
				t.Fatalf("got %s %s sampled=%v recording=%v", s.TraceID(), s.SpanID(), s.IsSampled(), s.IsRecording())
			}
		})
	}
}

func TestExtractRejectsRepeatedTraceparent(t *testing.T) {
	ctx := ExtractHeaders(context.Background(), map[string][]string{"Traceparent": {validTP, validTP}})
	if SpanFromContext(ctx) != nil {
		t.Fatal("two traceparent headers must be ignored")
	}
}

func TestTracestateKeptAndPropagated(t *testing.T) {
	useProvider(t, nil, &recorder{})
	in := map[string][]string{
		"traceparent": {validTP},
		"tracestate":  {"congo=t61rcWkgMzE", "rojo=00f067aa0ba902b7"},
	}
	ctx := ExtractHeaders(context.Background(), in)
	ctx, s := Start(ctx, "server", KindServer)
	out := map[string][]string{}
	InjectHeaders(ctx, out)
	if got := out["Traceparent"]; len(got) != 1 || got[0] != "00-"+tid+"-"+s.SpanID()+"-01" {
		t.Fatalf("traceparent %v", got)
	}
	if got := out["Tracestate"]; len(got) != 1 || got[0] != "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7" {
		t.Fatalf("tracestate %v", got)
	}
}

func TestInvalidTracestateDroppedParentKept(t *testing.T) {
	ctx := ExtractHeaders(context.Background(), map[string][]string{
		"Traceparent": {validTP}, "Tracestate": {"Bad Key=1"},
	})
	s := SpanFromContext(ctx)
	if s == nil || s.traceState != "" {
		t.Fatalf("want parent without tracestate, got %+v", s)
	}
}

func TestInjectNotSampledAndSuppressed(t *testing.T) {
	useProvider(t, map[string]string{"OTEL_TRACES_SAMPLER": "always_off"}, &recorder{})
	ctx, s := Start(context.Background(), "x", KindClient)
	h := map[string][]string{}
	InjectHeaders(ctx, h)
	if h["Traceparent"][0] != "00-"+s.TraceID()+"-"+s.SpanID()+"-00" {
		t.Fatalf("traceparent %v", h)
	}
	h2 := map[string][]string{}
	InjectHeaders(WithSuppressed(ctx), h2)
	InjectHeaders(context.Background(), h2)
	if len(h2) != 0 {
		t.Fatalf("nothing should be injected: %v", h2)
	}
}

func TestInjectMetadataLowerCaseReplacesEitherSpelling(t *testing.T) {
	useProvider(t, nil, &recorder{})
	ctx := ExtractHeaders(context.Background(), map[string][]string{"traceparent": {validTP}, "tracestate": {"congo=t61rcWkgMzE"}})
	ctx, s := Start(ctx, "client", KindClient)
	// A carrier that already holds a trace context, in either spelling, keeps only the new one.
	md := map[string][]string{"Traceparent": {validTP}, "traceparent": {validTP}, "x-other": {"1"}}
	InjectMetadata(ctx, md)
	want := map[string][]string{
		"traceparent": {"00-" + tid + "-" + s.SpanID() + "-01"},
		"tracestate":  {"congo=t61rcWkgMzE"},
		"x-other":     {"1"},
	}
	if fmt.Sprint(md) != fmt.Sprint(want) {
		t.Fatalf("metadata %v, want %v", md, want)
	}
	// And it reads back as the parent of the next hop.
	if got := SpanFromContext(ExtractHeaders(context.Background(), md)); got == nil || got.SpanID() != s.SpanID() {
		t.Fatalf("extracted %+v", got)
	}
}

// A server with its own header type and its own request context (fasthttp)
// extracts through a lookup function and stores the runtime's values itself.
func TestExtractFuncAndContextValues(t *testing.T) {
	headers := map[string]string{
		"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
		"baggage":     "user=alice",
	}
	ctx := ExtractFunc(context.Background(), func(name string) string { return headers[name] })
	parent := SpanFromContext(ctx)
	if parent == nil || parent.TraceID() != "0af7651916cd43dd8448eb211c80319c" || parent.SpanID() != "b7ad6b7169203331" {
		t.Fatalf("parent = %+v", parent)
	}
	kept := map[any]any{}
	ContextValues(ctx, func(k, v any) { kept[k] = v })
	own := valuesContext{Context: context.Background(), values: kept}
	if SpanFromContext(own) != parent {
		t.Fatal("the span stored through ContextValues is not found again")
	}
	if v, ok := BaggageValue(own, "user"); !ok || v != "alice" {
		t.Fatalf("baggage user = %q, %v", v, ok)
	}
	if SpanFromContext(ExtractFunc(context.Background(), func(string) string { return "" })) != nil {
		t.Fatal("no headers gave a parent")
	}
}

type valuesContext struct {
	context.Context
	values map[any]any
}

func (c valuesContext) Value(k any) any { return c.values[k] }

func TestOutgoingParentKeepsTheTraceTheRequestCarries(t *testing.T) {
	useProvider(t, nil, &recorder{})
	carried := map[string][]string{"Traceparent": {validTP}}

	// No span in ctx: the request's own trace context is the client span's parent.
	_, c := Start(OutgoingParent(context.Background(), carried), "GET", KindClient)
	if c.TraceID() != tid || hex.EncodeToString(c.parentID[:]) != sid {
		t.Fatalf("client span %s/%s, want a child of %s/%s", c.TraceID(), hex.EncodeToString(c.parentID[:]), tid, sid)
	}
	// A span of another trace in ctx: the request's context still wins.
	other, _ := Start(context.Background(), "server", KindServer)
	if _, c := Start(OutgoingParent(other, carried), "GET", KindClient); c.TraceID() != tid || hex.EncodeToString(c.parentID[:]) != sid {
		t.Fatalf("client span %s/%s, want a child of %s/%s", c.TraceID(), hex.EncodeToString(c.parentID[:]), tid, sid)
	}
	// ctx's span is of the same trace (a proxy passing on what it received): it is the closer parent.
	same, server := Start(ExtractHeaders(context.Background(), carried), "server", KindServer)
	if _, c := Start(OutgoingParent(same, carried), "GET", KindClient); hex.EncodeToString(c.parentID[:]) != server.SpanID() {
		t.Fatalf("client span's parent %s, want the server span %s", hex.EncodeToString(c.parentID[:]), server.SpanID())
	}
	// Nothing carried, or suppressed: ctx as it was.
	if got := OutgoingParent(other, map[string][]string{"X-Other": {"1"}}); got != other {
		t.Fatal("a request without trace context changed the parent")
	}
	if SpanFromContext(OutgoingParent(WithSuppressed(context.Background()), carried)) != nil {
		t.Fatal("a suppressed context took a parent")
	}
	// Through a function, as fasthttp's headers are read.
	fn := OutgoingParentFunc(context.Background(), func(name string) string {
		if name == "traceparent" {
			return validTP
		}
		return ""
	})
	if p := SpanFromContext(fn); p == nil || p.TraceID() != tid || p.SpanID() != sid {
		t.Fatalf("parent through a function: %v", p)
	}
}

func TestInjectFuncTreatsTheRequestAsTheCarrier(t *testing.T) {
	useProvider(t, nil, &recorder{})
	ctx, s := Start(context.Background(), "client", KindClient)
	// A request sent before under another trace, with the program's own baggage.
	req := map[string]string{"traceparent": validTP, "tracestate": "congo=t61rcWkgMzE", "baggage": "tenant=acme", "x-other": "1"}
	InjectFunc(ctx, func(n string) string { return req[n] }, func(n, v string) { req[n] = v }, func(n string) { delete(req, n) })
	want := map[string]string{"traceparent": "00-" + s.TraceID() + "-" + s.SpanID() + "-01", "baggage": "tenant=acme", "x-other": "1"}
	if fmt.Sprint(req) != fmt.Sprint(want) {
		t.Fatalf("request headers %v, want %v", req, want)
	}
}
