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

// LogField is one key/value pair of a log record's trace context.
type LogField struct {
	Key, Value string
}

// LogFields is LogContext as the key/value pairs a logger writes: trace_id,
// span_id and trace_flags, in that order. An array rather than a slice, so
// that asking costs no allocation when no span is active; ok is false then.
// Every logger's aspect takes the names from here.
func LogFields(ctx context.Context) (fields [3]LogField, ok bool) {
	tid, sid, flags, ok := LogContext(ctx)
	if !ok {
		return fields, false
	}
	return [3]LogField{{"trace_id", tid}, {"span_id", sid}, {"trace_flags", flags}}, true
}

// HasJSONKey reports whether the JSON object text buf, which may be
// unfinished (a logger's event being built), has a member named key, so that
// a field the program set is not written a second time. A string value
// cannot fake one: its quotes are escaped. A nested object with that key
// counts too, which errs on the side of the program's own fields. key must
// need no escaping.
func HasJSONKey(buf []byte, key string) bool {
	n := len(key) + 3 // "key":
	for i := 0; i+n <= len(buf); i++ {
		if buf[i] != '"' || buf[i+len(key)+1] != '"' || buf[i+len(key)+2] != ':' {
			continue
		}
		if string(buf[i+1:i+1+len(key)]) == key {
			return true
		}
	}
	return false
}
