package trace

import (
	"encoding/hex"
	"time"
)

// SpanKind follows the OpenTelemetry span kinds. The zero value is Internal,
// so OTLP encoders add one to get the wire enum (where 0 means unspecified).
type SpanKind int

const (
	KindInternal SpanKind = iota
	KindServer
	KindClient
	KindProducer
	KindConsumer
)

// String returns the OpenTelemetry name of the kind, e.g. "SERVER".
func (k SpanKind) String() string {
	switch k {
	case KindInternal:
		return "INTERNAL"
	case KindServer:
		return "SERVER"
	case KindClient:
		return "CLIENT"
	case KindProducer:
		return "PRODUCER"
	case KindConsumer:
		return "CONSUMER"
	}
	return "UNSPECIFIED"
}

// StatusCode values match the OTLP Status.code enum.
type StatusCode int

const (
	StatusUnset StatusCode = iota
	StatusOK
	StatusError
)

// String returns the OpenTelemetry name of the code, e.g. "ERROR".
func (c StatusCode) String() string {
	switch c {
	case StatusOK:
		return "OK"
	case StatusError:
		return "ERROR"
	}
	return "UNSET"
}

// Attribute is one key/value pair. Value is always one of string, bool,
// int64, float64, []string, []bool, []int64 or []float64: Span.SetAttribute
// normalises everything else, so exporters only switch over those types.
type Attribute struct {
	Key   string
	Value any
}

// Event is a timestamped annotation on a span.
type Event struct {
	Name       string
	Time       time.Time
	Attributes []Attribute
}

// Status is the final outcome of a span.
type Status struct {
	Code        StatusCode
	Description string
}

// Resource describes the process that produced the spans.
type Resource struct {
	Attributes []Attribute
}

// Get returns the value of the attribute key, or nil.
func (r *Resource) Get(key string) any {
	if r == nil {
		return nil
	}
	for _, a := range r.Attributes {
		if a.Key == key {
			return a.Value
		}
	}
	return nil
}

// Scope is the instrumentation scope of a span.
type Scope struct {
	Name    string
	Version string
}

// Trace flag and OTLP span-flag bits.
const (
	FlagSampled byte = 0x01
	// OTLP Span.flags bits saying whether the parent was remote.
	SpanFlagHasIsRemote uint32 = 0x100
	SpanFlagIsRemote    uint32 = 0x200
)

// ReadOnlySpan is an immutable snapshot of an ended span, handed to exporters.
type ReadOnlySpan struct {
	TraceID        [16]byte
	SpanID         [8]byte
	ParentSpanID   [8]byte // all zero for a root span
	ParentIsRemote bool
	TraceFlags     byte
	TraceState     string
	Name           string
	Kind           SpanKind
	StartTime      time.Time
	EndTime        time.Time
	Attributes     []Attribute
	Events         []Event
	Status         Status
	// Counts of attributes and events not kept because of the span limits.
	DroppedAttributes int
	DroppedEvents     int
	Resource          *Resource
	Scope             Scope
}

// HasParent reports whether the span has a parent span.
func (r *ReadOnlySpan) HasParent() bool { return r.ParentSpanID != [8]byte{} }

// TraceIDHex returns the trace id as 32 lower-case hex digits.
func (r *ReadOnlySpan) TraceIDHex() string { return hex.EncodeToString(r.TraceID[:]) }

// SpanIDHex returns the span id as 16 lower-case hex digits.
func (r *ReadOnlySpan) SpanIDHex() string { return hex.EncodeToString(r.SpanID[:]) }

// ParentSpanIDHex returns the parent id as 16 hex digits, or "" for a root span.
func (r *ReadOnlySpan) ParentSpanIDHex() string {
	if !r.HasParent() {
		return ""
	}
	return hex.EncodeToString(r.ParentSpanID[:])
}

// OTLPFlags returns the value of the OTLP Span.flags field: the W3C trace
// flags in the low byte plus the is-remote bits for the parent.
func (r *ReadOnlySpan) OTLPFlags() uint32 {
	f := uint32(r.TraceFlags) | SpanFlagHasIsRemote
	if r.ParentIsRemote {
		f |= SpanFlagIsRemote
	}
	return f
}
