package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestConsoleOneJSONLinePerSpan(t *testing.T) {
	var buf bytes.Buffer
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	spans := []ReadOnlySpan{
		{Name: "GET /<x>", Kind: KindServer, StartTime: start, EndTime: start.Add(1500 * time.Microsecond),
			Attributes: []Attribute{{Key: "http.response.status_code", Value: int64(500)}, {Key: "nan", Value: math.NaN()}},
			Status:     Status{Code: StatusError, Description: "bad"},
			Resource:   &Resource{Attributes: []Attribute{{Key: "service.name", Value: "svc"}}}},
		{Name: "child", ParentSpanID: [8]byte{1}, StartTime: start, EndTime: start},
	}
	if err := NewConsoleExporter(&buf).Export(context.Background(), spans); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines:\n%s", len(lines), buf.String())
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["name"] != "GET /<x>" || first["kind"] != "SERVER" || first["durationMs"] != 1.5 ||
		first["attributes"].(map[string]any)["nan"] != "NaN" || first["resource"].(map[string]any)["service.name"] != "svc" ||
		first["status"].(map[string]any)["code"] != "ERROR" {
		t.Fatalf("%s", lines[0])
	}
	if !strings.Contains(lines[1], `"parentSpanId":"0100000000000000"`) {
		t.Fatal(lines[1])
	}
}

// writes records every Write call, as a stream shared with the program's own output sees them.
type writes struct{ calls []string }

func (w *writes) Write(p []byte) (int, error) {
	w.calls = append(w.calls, string(p))
	return len(p), nil
}

func TestConsoleWritesEachLineWhole(t *testing.T) {
	// Far more than a buffered writer's 4096 bytes, in lines of many lengths.
	var spans []ReadOnlySpan
	for i := 0; i < 40; i++ {
		spans = append(spans, ReadOnlySpan{Name: "span", Attributes: []Attribute{{Key: "big", Value: strings.Repeat("x", 300*i)}}})
	}
	var w writes
	if err := NewConsoleExporter(&w).Export(context.Background(), spans); err != nil {
		t.Fatal(err)
	}
	if len(w.calls) != len(spans) {
		t.Fatalf("%d writes for %d spans", len(w.calls), len(spans))
	}
	for _, c := range w.calls {
		if strings.Count(c, "\n") != 1 || !strings.HasSuffix(c, "\n") || !json.Valid([]byte(c)) {
			t.Fatalf("a write that is not one whole line: %.80q…", c)
		}
	}
}
