package trace

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// withPropagators runs f with OTEL_PROPAGATORS read as raw.
func withPropagators(t *testing.T, raw string, f func()) {
	t.Helper()
	activePropagators() // the once has run: the list below stays
	old := propagation.list
	list, _ := propagatorsFromEnv(raw)
	propagation.list = list
	defer func() { propagation.list = old }()
	f()
}

func TestPropagatorsFromEnv(t *testing.T) {
	cases := []struct {
		raw   string
		want  []propagator
		warns int
	}{
		{"", []propagator{propTraceContext, propBaggage}, 0},
		{"b3multi, Baggage", []propagator{propB3Multi, propBaggage}, 0},
		{"tracecontext,b3,tracecontext", []propagator{propTraceContext, propB3}, 0},
		{"xray,tracecontext", []propagator{propTraceContext}, 1},
		{"none", nil, 0},
		{"b3,none", nil, 0},
	}
	for _, c := range cases {
		got, warns := propagatorsFromEnv(c.raw)
		if !reflect.DeepEqual(got, c.want) || len(warns) != c.warns {
			t.Errorf("%q: got %v %v, want %v and %d warnings", c.raw, got, warns, c.want, c.warns)
		}
	}
	if _, warns := propagatorsFromEnv("jaeger"); !strings.Contains(warns[0], `"jaeger"`) {
		t.Errorf("warning does not name the propagator: %v", warns)
	}
}

func TestExtractB3(t *testing.T) {
	const tid64 = "a3ce929d0e0e4736"
	cases := []struct {
		name     string
		h        map[string][]string
		traceID  string
		sampled  bool
		deferred bool
	}{
		{"single sampled", map[string][]string{"B3": {tid + "-" + sid + "-1"}}, tid, true, false},
		{"single denied, with parent", map[string][]string{"B3": {tid + "-" + sid + "-0-" + sid}}, tid, false, false},
		{"single debug", map[string][]string{"b3": {tid + "-" + sid + "-d"}}, tid, true, false},
		{"single deferred", map[string][]string{"B3": {tid + "-" + sid}}, tid, false, true},
		{"single 64-bit trace id", map[string][]string{"B3": {tid64 + "-" + sid + "-1"}}, "0000000000000000" + tid64, true, false},
		{"single upper case", map[string][]string{"B3": {strings.ToUpper(tid) + "-" + strings.ToUpper(sid) + "-1"}}, tid, true, false},
		{"multi sampled", map[string][]string{"X-B3-Traceid": {tid}, "X-B3-Spanid": {sid}, "X-B3-Sampled": {"1"}}, tid, true, false},
		{"multi lower-case keys (gRPC metadata)", map[string][]string{"x-b3-traceid": {tid}, "x-b3-spanid": {sid}, "x-b3-sampled": {"true"}}, tid, true, false},
		{"multi debug overrides deny", map[string][]string{"X-B3-Traceid": {tid}, "X-B3-Spanid": {sid}, "X-B3-Sampled": {"0"}, "X-B3-Flags": {"1"}}, tid, true, false},
		{"multi deferred", map[string][]string{"X-B3-Traceid": {tid64}, "X-B3-Spanid": {sid}}, "0000000000000000" + tid64, false, true},
		{"invalid single falls back to multi", map[string][]string{"B3": {"bad"}, "X-B3-Traceid": {tid}, "X-B3-Spanid": {sid}, "X-B3-Sampled": {"0"}}, tid, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			withPropagators(t, "b3", func() {
				s := SpanFromContext(ExtractHeaders(context.Background(), c.h))
				if s == nil {
					t.Fatal("no parent extracted")
				}
				if s.TraceID() != c.traceID || s.SpanID() != sid || s.IsSampled() != c.sampled || s.deferred != c.deferred || !s.remote {
					t.Fatalf("got %s %s sampled=%v deferred=%v", s.TraceID(), s.SpanID(), s.IsSampled(), s.deferred)
				}
			})
		})
	}
	invalid := []map[string][]string{
		{"B3": {"1"}},
		{"B3": {tid + "-" + sid + "-x"}},
		{"B3": {tid + "-0000000000000000-1"}},
		{"B3": {tid + "-" + sid + "-1-abc"}},
		{"X-B3-Traceid": {tid}},
		{"X-B3-Traceid": {tid}, "X-B3-Spanid": {sid}, "X-B3-Sampled": {"maybe"}},
		{"Traceparent": {validTP}}, // not a B3 header: ignored when only b3 is configured
	}
	for _, h := range invalid {
		withPropagators(t, "b3", func() {
			if s := SpanFromContext(ExtractHeaders(context.Background(), h)); s != nil {
				t.Errorf("%v: extracted %s-%s", h, s.TraceID(), s.SpanID())
			}
		})
	}
}

func TestB3DeferredDecisionIsOurs(t *testing.T) {
	p := parentBased{alwaysOff{}}
	parent := &Span{deferred: true, remote: true, flags: 0}
	if p.sample(parent, [16]byte{1}) {
		t.Fatal("a deferred parent must leave the decision to the root sampler (always_off)")
	}
	if !(parentBased{alwaysOn{}}).sample(parent, [16]byte{1}) {
		t.Fatal("a deferred parent must leave the decision to the root sampler (always_on)")
	}
}

func TestInjectFormats(t *testing.T) {
	ctx := ExtractHeaders(context.Background(), map[string][]string{"Traceparent": {validTP}})
	s := SpanFromContext(ctx)
	cases := []struct {
		env   string
		lower bool
		want  map[string][]string
	}{
		{"b3", false, map[string][]string{"B3": {tid + "-" + sid + "-1"}}},
		{"b3multi", false, map[string][]string{"X-B3-Traceid": {tid}, "X-B3-Spanid": {sid}, "X-B3-Sampled": {"1"}}},
		{"b3multi", true, map[string][]string{"x-b3-traceid": {tid}, "x-b3-spanid": {sid}, "x-b3-sampled": {"1"}}},
		{"tracecontext,b3", true, map[string][]string{"traceparent": {validTP}, "b3": {tid + "-" + sid + "-1"}}},
		{"none", false, map[string][]string{}},
	}
	for _, c := range cases {
		withPropagators(t, c.env, func() {
			h := map[string][]string{}
			inject(ContextWithSpan(context.Background(), s), h, c.lower)
			if !reflect.DeepEqual(h, c.want) {
				t.Errorf("%s lower=%v: got %v, want %v", c.env, c.lower, h, c.want)
			}
		})
	}
	// What the caller's own context left in the carrier (a parent id, a debug flag) goes.
	withPropagators(t, "b3multi", func() {
		h := map[string][]string{"X-B3-Parentspanid": {"1111111111111111"}, "x-b3-flags": {"1"}, "X-B3-Sampled": {"0"}}
		InjectHeaders(ContextWithSpan(context.Background(), s), h)
		if want := cases[1].want; !reflect.DeepEqual(h, want) {
			t.Errorf("stale B3 headers: got %v, want %v", h, want)
		}
	})
	// A parent passed on with its decision deferred keeps it deferred.
	withPropagators(t, "b3", func() {
		d := SpanFromContext(ExtractHeaders(context.Background(), map[string][]string{"B3": {tid + "-" + sid}}))
		h := map[string][]string{}
		InjectHeaders(ContextWithSpan(context.Background(), d), h)
		if got := h["B3"]; len(got) != 1 || got[0] != tid+"-"+sid {
			t.Errorf("deferred: got %v", got)
		}
	})
}

func TestWithBaggage(t *testing.T) {
	withPropagators(t, "", func() {
		ctx := ExtractHeaders(context.Background(), map[string][]string{"Baggage": {"user=alice;prop,tenant=old"}})
		ctx, err := WithBaggage(ctx, "tenant", "acme, inc. 100%")
		if err != nil {
			t.Fatal(err)
		}
		ctx, err = WithBaggage(ctx, "région", "x")
		if err == nil {
			t.Fatal("a key that is not a token was taken")
		}
		if v, ok := BaggageValue(ctx, "tenant"); !ok || v != "acme, inc. 100%" {
			t.Fatalf("tenant = %q %v", v, ok)
		}
		if v, _ := BaggageValue(ctx, "user"); v != "alice" {
			t.Fatalf("user = %q", v)
		}
		out := map[string][]string{}
		InjectHeaders(ctx, out)
		want := "user=alice;prop,tenant=acme%2C%20inc.%20100%25"
		if !reflect.DeepEqual(out["Baggage"], []string{want}) {
			t.Fatalf("injected %v", out)
		}
		// What the next service extracts is what was set.
		next := ExtractHeaders(context.Background(), out)
		if v, _ := BaggageValue(next, "tenant"); v != "acme, inc. 100%" {
			t.Fatalf("next service reads tenant = %q", v)
		}
		// Over the limits: an error, and the baggage as it was.
		big, err := WithBaggage(ctx, "big", strings.Repeat("v", maxBaggageBytes))
		if err == nil || baggageFrom(big) != baggageFrom(ctx) {
			t.Fatalf("an oversized member was taken: %v", err)
		}
		many := context.Background()
		for i := 0; i < maxBaggageMembers; i++ {
			if many, err = WithBaggage(many, fmt.Sprintf("k%d", i), "v"); err != nil {
				t.Fatalf("member %d: %v", i, err)
			}
		}
		if _, err := WithBaggage(many, "one-more", "v"); err == nil {
			t.Fatal("a member past 180 was taken")
		}
		if _, err := WithBaggage(many, "k7", "replaced"); err != nil {
			t.Fatalf("replacing a member at the limit: %v", err)
		}
	})
}

func TestBaggage(t *testing.T) {
	withPropagators(t, "", func() {
		in := map[string][]string{"Baggage": {" user = alice ; prop , tenant=acme%2Cinc", "bad key=1,empty=,x=\"q\""}}
		ctx := ExtractHeaders(context.Background(), in)
		if got := baggageFrom(ctx); got != "user=alice;prop,tenant=acme%2Cinc,empty=" {
			t.Fatalf("parsed baggage %q", got)
		}
		if v, ok := BaggageValue(ctx, "tenant"); !ok || v != "acme,inc" {
			t.Fatalf("tenant = %q %v", v, ok)
		}
		if _, ok := BaggageValue(ctx, "missing"); ok {
			t.Fatal("a missing member was found")
		}
		// Without a span, baggage is passed on still; a carrier's own baggage is left alone.
		out := map[string][]string{}
		InjectMetadata(ctx, out)
		if !reflect.DeepEqual(out, map[string][]string{"baggage": {"user=alice;prop,tenant=acme%2Cinc,empty="}}) {
			t.Fatalf("injected %v", out)
		}
		own := map[string][]string{"Baggage": {"mine=1"}}
		InjectHeaders(ctx, own)
		if !reflect.DeepEqual(own, map[string][]string{"Baggage": {"mine=1"}}) {
			t.Fatalf("the program's own baggage was replaced: %v", own)
		}
	})
	// Limits: 180 members, 8192 bytes.
	var many []string
	for i := 0; i < 200; i++ {
		many = append(many, "k=v")
	}
	if b, _ := parseBaggage([]string{strings.Join(many, ",")}); strings.Count(b, ",")+1 != maxBaggageMembers {
		t.Fatalf("%d members kept", strings.Count(b, ",")+1)
	}
	big := "k=" + strings.Repeat("v", 5000)
	if b, _ := parseBaggage([]string{big, big, "small=1"}); b != big+",small=1" {
		t.Fatalf("size limit: kept %d bytes", len(b))
	}
	// Not configured: no baggage read.
	withPropagators(t, "tracecontext", func() {
		if baggageFrom(ExtractHeaders(context.Background(), map[string][]string{"Baggage": {"a=1"}})) != "" {
			t.Fatal("baggage read although OTEL_PROPAGATORS leaves it out")
		}
	})
}
