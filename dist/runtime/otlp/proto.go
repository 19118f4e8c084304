package otlp

import (
	"encoding/binary"
	"math"

	"go-weave.dev/runtime/trace"
)

// Protobuf wire types.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

// Field numbers from opentelemetry/proto (collector/trace/v1, trace/v1,
// common/v1, resource/v1).
const (
	fRequestResourceSpans = 1

	fResourceSpansResource   = 1
	fResourceSpansScopeSpans = 2
	fResourceAttributes      = 1

	fScopeSpansScope = 1
	fScopeSpansSpans = 2
	fScopeName       = 1
	fScopeVersion    = 2

	fSpanTraceID           = 1
	fSpanSpanID            = 2
	fSpanTraceState        = 3
	fSpanParentSpanID      = 4
	fSpanName              = 5
	fSpanKind              = 6
	fSpanStart             = 7
	fSpanEnd               = 8
	fSpanAttributes        = 9
	fSpanDroppedAttributes = 10
	fSpanEvents            = 11
	fSpanDroppedEvents     = 12
	fSpanStatus            = 15
	fSpanFlags             = 16

	fEventTime       = 1
	fEventName       = 2
	fEventAttributes = 3

	fStatusMessage = 2
	fStatusCode    = 3

	fKeyValueKey   = 1
	fKeyValueValue = 2

	fAnyString = 1
	fAnyBool   = 2
	fAnyInt    = 3
	fAnyDouble = 4
	fAnyArray  = 5

	fArrayValues = 1
)

// MarshalProtobuf encodes spans as an ExportTraceServiceRequest.
func MarshalProtobuf(spans []trace.ReadOnlySpan) []byte {
	var b []byte
	for _, g := range groupSpans(spans) {
		b = appendMessage(b, fRequestResourceSpans, func(b []byte) []byte {
			b = appendMessage(b, fResourceSpansResource, func(b []byte) []byte {
				if g.resource != nil {
					b = appendAttributes(b, fResourceAttributes, g.resource.Attributes)
				}
				return b
			})
			for _, sg := range g.scopes {
				b = appendMessage(b, fResourceSpansScopeSpans, func(b []byte) []byte {
					b = appendMessage(b, fScopeSpansScope, func(b []byte) []byte {
						b = appendString(b, fScopeName, sg.scope.Name)
						return appendString(b, fScopeVersion, sg.scope.Version)
					})
					for _, s := range sg.spans {
						b = appendMessage(b, fScopeSpansSpans, func(b []byte) []byte { return appendSpan(b, s) })
					}
					return b
				})
			}
			return b
		})
	}
	return b
}

func appendSpan(b []byte, s *trace.ReadOnlySpan) []byte {
	b = appendBytes(b, fSpanTraceID, s.TraceID[:])
	b = appendBytes(b, fSpanSpanID, s.SpanID[:])
	b = appendString(b, fSpanTraceState, s.TraceState)
	if s.HasParent() {
		b = appendBytes(b, fSpanParentSpanID, s.ParentSpanID[:])
	}
	b = appendString(b, fSpanName, s.Name)
	b = appendVarintField(b, fSpanKind, uint64(s.Kind)+1) // OTLP: 0 is UNSPECIFIED
	b = appendFixed64(b, fSpanStart, unixNano(s.StartTime.UnixNano()))
	b = appendFixed64(b, fSpanEnd, unixNano(s.EndTime.UnixNano()))
	b = appendAttributes(b, fSpanAttributes, s.Attributes)
	if s.DroppedAttributes > 0 {
		b = appendVarintField(b, fSpanDroppedAttributes, uint64(s.DroppedAttributes))
	}
	for _, ev := range s.Events {
		b = appendMessage(b, fSpanEvents, func(b []byte) []byte {
			b = appendFixed64(b, fEventTime, unixNano(ev.Time.UnixNano()))
			b = appendString(b, fEventName, ev.Name)
			return appendAttributes(b, fEventAttributes, ev.Attributes)
		})
	}
	if s.DroppedEvents > 0 {
		b = appendVarintField(b, fSpanDroppedEvents, uint64(s.DroppedEvents))
	}
	if s.Status.Code != trace.StatusUnset || s.Status.Description != "" {
		b = appendMessage(b, fSpanStatus, func(b []byte) []byte {
			b = appendString(b, fStatusMessage, s.Status.Description)
			if s.Status.Code != trace.StatusUnset {
				b = appendVarintField(b, fStatusCode, uint64(s.Status.Code))
			}
			return b
		})
	}
	return appendFixed32(b, fSpanFlags, s.OTLPFlags())
}

func unixNano(n int64) uint64 {
	if n < 0 {
		return 0
	}
	return uint64(n)
}

func appendAttributes(b []byte, field int, attrs []trace.Attribute) []byte {
	for _, a := range attrs {
		b = appendMessage(b, field, func(b []byte) []byte {
			b = appendString(b, fKeyValueKey, a.Key)
			return appendMessage(b, fKeyValueValue, func(b []byte) []byte { return appendAnyValue(b, a.Value) })
		})
	}
	return b
}

// appendAnyValue writes the AnyValue oneof. Oneof members are written even
// when they hold the zero value, unlike plain proto3 scalars.
func appendAnyValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendStringAlways(b, fAnyString, x)
	case bool:
		n := uint64(0)
		if x {
			n = 1
		}
		return appendVarintField(b, fAnyBool, n)
	case int64:
		return appendVarintField(b, fAnyInt, uint64(x))
	case float64:
		return appendFixed64(b, fAnyDouble, math.Float64bits(x))
	case []string:
		return appendArray(b, len(x), func(b []byte, i int) []byte { return appendAnyValue(b, x[i]) })
	case []bool:
		return appendArray(b, len(x), func(b []byte, i int) []byte { return appendAnyValue(b, x[i]) })
	case []int64:
		return appendArray(b, len(x), func(b []byte, i int) []byte { return appendAnyValue(b, x[i]) })
	case []float64:
		return appendArray(b, len(x), func(b []byte, i int) []byte { return appendAnyValue(b, x[i]) })
	}
	return b // unreachable for values normalised by trace.Span
}

func appendArray(b []byte, n int, elem func([]byte, int) []byte) []byte {
	return appendMessage(b, fAnyArray, func(b []byte) []byte {
		for i := 0; i < n; i++ {
			b = appendMessage(b, fArrayValues, func(b []byte) []byte { return elem(b, i) })
		}
		return b
	})
}

func appendTag(b []byte, field, wire int) []byte {
	return binary.AppendUvarint(b, uint64(field)<<3|uint64(wire))
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	return binary.AppendUvarint(appendTag(b, field, wireVarint), v)
}

func appendFixed64(b []byte, field int, v uint64) []byte {
	return binary.LittleEndian.AppendUint64(appendTag(b, field, wireFixed64), v)
}

func appendFixed32(b []byte, field int, v uint32) []byte {
	return binary.LittleEndian.AppendUint32(appendTag(b, field, wireFixed32), v)
}

func appendBytes(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(appendTag(b, field, wireBytes), uint64(len(v)))
	return append(b, v...)
}

// appendString omits empty strings, as proto3 does for non-oneof fields.
func appendString(b []byte, field int, s string) []byte {
	if s == "" {
		return b
	}
	return appendStringAlways(b, field, s)
}

func appendStringAlways(b []byte, field int, s string) []byte {
	b = binary.AppendUvarint(appendTag(b, field, wireBytes), uint64(len(s)))
	return append(b, s...)
}

// appendMessage writes a length-delimited sub-message. The body is encoded
// in place after a reserved one-byte length, then shifted if the length
// needs more bytes: no per-message scratch buffer.
func appendMessage(b []byte, field int, body func([]byte) []byte) []byte {
	b = appendTag(b, field, wireBytes)
	lenAt := len(b)
	b = append(b, 0)
	b = body(b)
	n := len(b) - lenAt - 1
	if n < 0x80 {
		b[lenAt] = byte(n)
		return b
	}
	var lenBuf [binary.MaxVarintLen64]byte
	ln := binary.PutUvarint(lenBuf[:], uint64(n))
	b = append(b, lenBuf[:ln-1]...) // grow by the extra length bytes
	copy(b[lenAt+ln:], b[lenAt+1:lenAt+1+n])
	copy(b[lenAt:], lenBuf[:ln])
	return b
}
