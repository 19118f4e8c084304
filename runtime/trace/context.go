package trace

import "context"

type spanKey struct{}
type suppressKey struct{}

// SpanFromContext returns the span carried by ctx (possibly a remote parent
// from ExtractHeaders), or nil. A nil ctx is allowed.
func SpanFromContext(ctx context.Context) *Span {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(spanKey{}).(*Span)
	return s
}

// ContextWithSpan returns a copy of ctx carrying s.
func ContextWithSpan(ctx context.Context, s *Span) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithValue(ctx, spanKey{}, s)
}

// activeSpan is the span new work under ctx belongs to: the one in ctx (or
// another tracer's there, when newer), else the goroutine's current span when
// the CurrentGoroutineSpan hook is set.
func activeSpan(ctx context.Context) *Span {
	s := SpanFromContext(ctx)
	if f := foreignParent(ctx, s); f != nil {
		return f
	}
	if s != nil {
		return s
	}
	return callCurrentGoroutineSpan()
}

// WithSuppressed marks ctx so that no spans are started and no headers are
// injected under it. Exporters use it for their own HTTP calls, so that the
// woven HTTP client does not trace the export of traces.
func WithSuppressed(ctx context.Context) context.Context {
	return withMark(ctx, suppressKey{})
}

// IsSuppressed reports whether ctx was marked by WithSuppressed.
func IsSuppressed(ctx context.Context) bool {
	return marked(ctx, suppressKey{})
}

// withMark returns a copy of ctx (Background for nil) marked with key.
func withMark(ctx context.Context, key any) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithValue(ctx, key, true)
}

// marked reports whether ctx (which may be nil) carries the mark key.
func marked(ctx context.Context, key any) bool {
	if ctx == nil {
		return false
	}
	v, _ := ctx.Value(key).(bool)
	return v
}
