package trace

import "context"

// LogContext is the trace context of a log record written under ctx, in the
// form OpenTelemetry gives for logs that are not OTLP: the trace and span ids
// as lower-case hex and the W3C trace flags ("01" sampled, "00" not). The span
// is the one in ctx, else the goroutine's current span when go-weave:gls is
// woven in; ok is false when there is none (or tracing is off).
func LogContext(ctx context.Context) (traceID, spanID, flags string, ok bool) {
	s := activeSpan(ctx)
	if s == nil {
		return "", "", "", false
	}
	flags = "00"
	if s.IsSampled() {
		flags = "01"
	}
	return s.TraceID(), s.SpanID(), flags, true
}
