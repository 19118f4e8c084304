package trace

import (
	"context"
	"sync/atomic"
)

// ForeignSpan is the span of another tracer in the same program, as that
// tracer's API reads it from a context: a program instrumented with the
// OpenTelemetry API (go.opentelemetry.io/otel/trace, into which go-weave
// weaves the function that reads it) keeps its spans in contexts of its own.
type ForeignSpan struct {
	TraceID    [16]byte
	SpanID     [8]byte
	Flags      byte
	TraceState string
	// Parent is the span it was started under, when its tracer says (the
	// OpenTelemetry SDK's spans do); zero otherwise.
	Parent [8]byte
	// Remote: a span context extracted from a request, not a span.
	Remote bool
}

var foreignSpanOf atomic.Pointer[func(context.Context) (ForeignSpan, bool)]

// SetForeignSpans registers how to read another tracer's span from a
// context. From then on a span started here is the child of the newest span
// ctx carries, ours or the other tracer's: the other's when ctx carries none
// of ours, or when the other's was started under ours.
func SetForeignSpans(read func(context.Context) (ForeignSpan, bool)) {
	foreignSpanOf.Store(&read)
}

// foreignParent is the other tracer's span in ctx when it is newer than ours
// (own, possibly nil), as the parent of a span started here, or nil.
func foreignParent(ctx context.Context, own *Span) *Span {
	read := foreignSpanOf.Load()
	if read == nil || ctx == nil {
		return nil
	}
	f, ok := (*read)(ctx)
	if !ok || f.TraceID == ([16]byte{}) || f.SpanID == ([8]byte{}) {
		return nil
	}
	if own != nil && (f.Parent != own.spanID || f.TraceID != own.traceID) {
		return nil
	}
	// A parent from outside our spans: like one extracted from headers it
	// starts a local root of ours, but it is in this process unless it was
	// itself extracted.
	return &Span{traceID: f.TraceID, spanID: f.SpanID, flags: f.Flags, traceState: f.TraceState, remote: true, foreign: !f.Remote}
}

// NewestOver tells whether s, a span of ours in a context that also carries
// the other tracer's span whose id is other, is the newer of the two: it was
// started under that one. The woven OpenTelemetry API asks it to choose the
// parent of its own spans.
func (s *Span) NewestOver(other [8]byte) bool {
	return s != nil && s.parentID == other
}

// IDs returns the span's trace id, span id, trace flags and tracestate, and
// whether it is a parent extracted from a request rather than a span (the
// woven OpenTelemetry API builds its span contexts from them).
func (s *Span) IDs() (traceID [16]byte, spanID [8]byte, flags byte, traceState string, remote bool) {
	if s == nil {
		return
	}
	return s.traceID, s.spanID, s.flags, s.traceState, s.remote && !s.foreign
}
