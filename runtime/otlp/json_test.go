package otlp

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"go-weave.dev/runtime/trace"
)

func TestJSONMapping(t *testing.T) {
	b, err := MarshalJSON(sampleSpans())
	if err != nil {
		t.Fatal(err)
	}
	var req struct {
		ResourceSpans []struct {
			Resource struct {
				Attributes []map[string]any `json:"attributes"`
			} `json:"resource"`
			ScopeSpans []struct {
				Scope map[string]string `json:"scope"`
				Spans []map[string]any  `json:"spans"`
			} `json:"scopeSpans"`
		} `json:"resourceSpans"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatal(err)
	}
	ss := req.ResourceSpans[0].ScopeSpans[0]
	if ss.Scope["name"] != trace.ScopeName {
		t.Fatalf("scope %v", ss.Scope)
	}
	p, c := ss.Spans[0], ss.Spans[1]
	if p["traceId"] != "4bf92f3577b34da6a3ce929d0e0e4736" || p["spanId"] != "0102030405060708" || c["parentSpanId"] != "0102030405060708" {
		t.Fatalf("ids: %v %v", p, c)
	}
	if _, ok := p["parentSpanId"]; ok {
		t.Fatal("root span has parentSpanId")
	}
	if p["kind"] != float64(2) || p["startTimeUnixNano"] != "1700000000123456789" || p["flags"] != float64(0x101) {
		t.Fatalf("kind/time/flags: %v %v %v", p["kind"], p["startTimeUnixNano"], p["flags"])
	}
	status := c["status"].(map[string]any)
	if status["code"] != float64(2) || status["message"] != "boom" {
		t.Fatalf("status %v", status)
	}
	text := string(b)
	for _, want := range []string{
		`{"key":"i","value":{"intValue":"-3"}}`,
		`{"key":"b","value":{"boolValue":false}}`,
		`{"key":"empty","value":{"stringValue":""}}`,
		`{"key":"f","value":{"doubleValue":2.5}}`,
		`{"key":"list","value":{"arrayValue":{"values":[{"stringValue":"x"},{"stringValue":"y"}]}}}`,
		`"events":[{"timeUnixNano":"1700000000124456789","name":"exception"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("JSON lacks %s\n%s", want, text)
		}
	}
}

func TestJSONSpecialDoubles(t *testing.T) {
	s := sampleSpans()[:1]
	s[0].Attributes = []trace.Attribute{{Key: "nan", Value: math.NaN()}, {Key: "inf", Value: math.Inf(-1)}}
	b, err := MarshalJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"doubleValue":"NaN"`) || !strings.Contains(string(b), `"doubleValue":"-Infinity"`) {
		t.Fatal(string(b))
	}
}
