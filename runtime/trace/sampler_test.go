package trace

import (
	"context"
	"testing"
)

func TestSamplerFromEnv(t *testing.T) {
	id := func(b byte) (x [16]byte) { x[8] = b; return x }
	low, high := id(0x10), id(0xf0) // low 63 bits of bytes 8..15: small vs large
	sampledParent := &Span{flags: FlagSampled}
	unsampledParent := &Span{}
	cases := []struct {
		name, arg string
		parent    *Span
		id        [16]byte
		want      bool
	}{
		{"always_on", "", nil, high, true},
		{"always_off", "", sampledParent, low, false},
		{"traceidratio", "0.5", nil, low, true},
		{"traceidratio", "0.5", nil, high, false},
		{"traceidratio", "0", nil, low, false},
		{"traceidratio", "1", nil, high, true},
		{"traceidratio", "0.5", unsampledParent, low, true}, // ignores the parent
		{"parentbased_always_on", "", unsampledParent, low, false},
		{"parentbased_always_on", "", nil, low, true},
		{"parentbased_always_off", "", sampledParent, low, true},
		{"parentbased_always_off", "", nil, low, false},
		{"parentbased_traceidratio", "0.5", nil, high, false},
		{"parentbased_traceidratio", "0.5", sampledParent, high, true},
		{"", "", unsampledParent, low, false}, // default parentbased_always_on
	}
	for _, c := range cases {
		s, err := samplerFromEnv(c.name, c.arg)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := s.sample(c.parent, c.id); got != c.want {
			t.Errorf("%s(%s) parent=%v: got %v want %v", c.name, c.arg, c.parent != nil, got, c.want)
		}
	}
	if _, err := samplerFromEnv("sometimes", ""); err == nil {
		t.Error("unknown sampler accepted")
	}
	if _, err := samplerFromEnv("traceidratio", "1.5"); err == nil {
		t.Error("ratio > 1 accepted")
	}
}

func TestRatioSamplerRoughlyHonoursRatio(t *testing.T) {
	s := newTraceIDRatio(0.25)
	n := 0
	for i := 0; i < 20000; i++ {
		if s.sample(nil, newTraceID()) {
			n++
		}
	}
	if n < 4000 || n > 6000 {
		t.Fatalf("sampled %d of 20000 at ratio 0.25", n)
	}
}

func TestUnsampledChildrenAreNotExported(t *testing.T) {
	rec := &recorder{}
	p := useProvider(t, map[string]string{"OTEL_TRACES_SAMPLER": "always_off"}, rec)
	ctx, a := Start(context.Background(), "a", KindInternal)
	_, b := Start(ctx, "b", KindInternal)
	if a.IsRecording() || b.IsRecording() || b.TraceID() != a.TraceID() {
		t.Fatal("unsampled spans must not record but keep the trace")
	}
	b.End()
	a.End()
	p.proc.flush()
	if len(rec.got()) != 0 {
		t.Fatal("unsampled spans exported")
	}
}
