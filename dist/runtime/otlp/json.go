package otlp

import (
	"encoding/json"
	"math"
	"strconv"

	"go-weave.dev/runtime/trace"
)

// The OTLP JSON mapping: lowerCamelCase names, ids as hex strings, 64-bit
// integers as decimal strings, enums as numbers, zero values omitted.
type jsonRequest struct {
	ResourceSpans []jsonResourceSpans `json:"resourceSpans"`
}

type jsonResourceSpans struct {
	Resource   jsonResource     `json:"resource"`
	ScopeSpans []jsonScopeSpans `json:"scopeSpans"`
}

type jsonResource struct {
	Attributes []jsonKeyValue `json:"attributes,omitempty"`
}

type jsonScopeSpans struct {
	Scope jsonScope  `json:"scope"`
	Spans []jsonSpan `json:"spans"`
}

type jsonScope struct {
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"`
}

type jsonSpan struct {
	TraceID                string         `json:"traceId"`
	SpanID                 string         `json:"spanId"`
	TraceState             string         `json:"traceState,omitempty"`
	ParentSpanID           string         `json:"parentSpanId,omitempty"`
	Flags                  uint32         `json:"flags,omitempty"`
	Name                   string         `json:"name"`
	Kind                   int            `json:"kind"`
	StartTimeUnixNano      string         `json:"startTimeUnixNano"`
	EndTimeUnixNano        string         `json:"endTimeUnixNano"`
	Attributes             []jsonKeyValue `json:"attributes,omitempty"`
	DroppedAttributesCount int            `json:"droppedAttributesCount,omitempty"`
	Events                 []jsonEvent    `json:"events,omitempty"`
	DroppedEventsCount     int            `json:"droppedEventsCount,omitempty"`
	Status                 *jsonStatus    `json:"status,omitempty"`
}

type jsonEvent struct {
	TimeUnixNano string         `json:"timeUnixNano"`
	Name         string         `json:"name"`
	Attributes   []jsonKeyValue `json:"attributes,omitempty"`
}

type jsonStatus struct {
	Message string `json:"message,omitempty"`
	Code    int    `json:"code,omitempty"`
}

type jsonKeyValue struct {
	Key   string       `json:"key"`
	Value jsonAnyValue `json:"value"`
}

type jsonAnyValue struct {
	StringValue *string     `json:"stringValue,omitempty"`
	BoolValue   *bool       `json:"boolValue,omitempty"`
	IntValue    *string     `json:"intValue,omitempty"`
	DoubleValue *jsonDouble `json:"doubleValue,omitempty"`
	ArrayValue  *jsonArray  `json:"arrayValue,omitempty"`
}

type jsonArray struct {
	Values []jsonAnyValue `json:"values"`
}

// jsonDouble writes NaN and the infinities as the strings the protobuf JSON
// mapping uses; encoding/json would refuse them.
type jsonDouble float64

func (d jsonDouble) MarshalJSON() ([]byte, error) {
	f := float64(d)
	switch {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Infinity"`), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// MarshalJSON encodes spans as an ExportTraceServiceRequest in the OTLP JSON mapping.
func MarshalJSON(spans []trace.ReadOnlySpan) ([]byte, error) {
	req := jsonRequest{ResourceSpans: []jsonResourceSpans{}}
	for _, g := range groupSpans(spans) {
		rs := jsonResourceSpans{}
		if g.resource != nil {
			rs.Resource.Attributes = jsonAttributes(g.resource.Attributes)
		}
		for _, sg := range g.scopes {
			ss := jsonScopeSpans{Scope: jsonScope{Name: sg.scope.Name, Version: sg.scope.Version}}
			for _, s := range sg.spans {
				ss.Spans = append(ss.Spans, toJSONSpan(s))
			}
			rs.ScopeSpans = append(rs.ScopeSpans, ss)
		}
		req.ResourceSpans = append(req.ResourceSpans, rs)
	}
	return json.Marshal(req)
}

func toJSONSpan(s *trace.ReadOnlySpan) jsonSpan {
	js := jsonSpan{
		TraceID:                s.TraceIDHex(),
		SpanID:                 s.SpanIDHex(),
		TraceState:             s.TraceState,
		ParentSpanID:           s.ParentSpanIDHex(),
		Flags:                  s.OTLPFlags(),
		Name:                   s.Name,
		Kind:                   int(s.Kind) + 1,
		StartTimeUnixNano:      strconv.FormatUint(unixNano(s.StartTime.UnixNano()), 10),
		EndTimeUnixNano:        strconv.FormatUint(unixNano(s.EndTime.UnixNano()), 10),
		Attributes:             jsonAttributes(s.Attributes),
		DroppedAttributesCount: s.DroppedAttributes,
		DroppedEventsCount:     s.DroppedEvents,
	}
	for _, ev := range s.Events {
		js.Events = append(js.Events, jsonEvent{
			TimeUnixNano: strconv.FormatUint(unixNano(ev.Time.UnixNano()), 10),
			Name:         ev.Name,
			Attributes:   jsonAttributes(ev.Attributes),
		})
	}
	if s.Status.Code != trace.StatusUnset || s.Status.Description != "" {
		js.Status = &jsonStatus{Message: s.Status.Description, Code: int(s.Status.Code)}
	}
	return js
}

func jsonAttributes(attrs []trace.Attribute) []jsonKeyValue {
	if len(attrs) == 0 {
		return nil
	}
	out := make([]jsonKeyValue, len(attrs))
	for i, a := range attrs {
		out[i] = jsonKeyValue{Key: a.Key, Value: jsonValue(a.Value)}
	}
	return out
}

func jsonValue(v any) jsonAnyValue {
	switch x := v.(type) {
	case string:
		return jsonAnyValue{StringValue: &x}
	case bool:
		return jsonAnyValue{BoolValue: &x}
	case int64:
		s := strconv.FormatInt(x, 10)
		return jsonAnyValue{IntValue: &s}
	case float64:
		d := jsonDouble(x)
		return jsonAnyValue{DoubleValue: &d}
	case []string:
		return jsonArrayOf(len(x), func(i int) any { return x[i] })
	case []bool:
		return jsonArrayOf(len(x), func(i int) any { return x[i] })
	case []int64:
		return jsonArrayOf(len(x), func(i int) any { return x[i] })
	case []float64:
		return jsonArrayOf(len(x), func(i int) any { return x[i] })
	}
	return jsonAnyValue{}
}

func jsonArrayOf(n int, at func(int) any) jsonAnyValue {
	arr := &jsonArray{Values: make([]jsonAnyValue, n)}
	for i := range arr.Values {
		arr.Values[i] = jsonValue(at(i))
	}
	return jsonAnyValue{ArrayValue: arr}
}
