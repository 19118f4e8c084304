package trace

import (
	"context"
	"testing"
)

// The benchmarks wrap the same small workload with and without a span, so
// bench/runtime-overhead.ts can print the cost of tracing as a ratio.

// workload is not inlined so every benchmark runs the same machine code.
var sink uint64

//go:noinline
func workload() uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < 256; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	return h
}

func BenchmarkPlain(b *testing.B) {
	for b.Loop() {
		sink += workload()
	}
}

func benchSpans(b *testing.B, env map[string]string) {
	useDiscard(b, env)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c, s := Start(ctx, "op", KindInternal)
		s.SetAttribute("n", 1)
		sink += workload()
		_ = c
		s.End()
	}
}

func BenchmarkSpanSampled(b *testing.B) { benchSpans(b, nil) }
func BenchmarkSpanUnsampled(b *testing.B) {
	benchSpans(b, map[string]string{"OTEL_TRACES_SAMPLER": "always_off"})
}
func BenchmarkSpanDisabled(b *testing.B) {
	benchSpans(b, map[string]string{"OTEL_SDK_DISABLED": "true"})
}

func BenchmarkInjectExtract(b *testing.B) {
	useDiscard(b, nil)
	ctx, s := Start(context.Background(), "op", KindClient)
	defer s.End()
	h := map[string][]string{}
	b.ReportAllocs()
	for b.Loop() {
		InjectHeaders(ctx, h)
		if SpanFromContext(ExtractHeaders(context.Background(), h)) == nil {
			b.Fatal("lost")
		}
		sink += workload()
	}
}

// recorderDiscard drops everything, so the benchmark measures the caller's
// side plus the queue, not an exporter.
type recorderDiscard struct{}

func (recorderDiscard) Export(context.Context, []ReadOnlySpan) error { return nil }
func (recorderDiscard) Shutdown(context.Context) error               { return nil }

func useDiscard(b *testing.B, env map[string]string) {
	p := useProvider(b, env, nil)
	if !p.disabled {
		cfg, _ := configFromEnv(func(k string) string { return env[k] })
		p.proc = newBatchProcessor(cfg.bsp, []namedExporter{{name: "discard", exp: recorderDiscard{}}})
	}
}
