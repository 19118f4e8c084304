// Package console is a trace exporter, registered as "console", that writes
// one JSON object per ended span, one per line, to stderr, or to stdout when
// OTEL_EXPORTER_CONSOLE_STDOUT=true. It is meant for development and demos;
// the shape is readable rather than OTLP:
//
//	{"name":"GET /","kind":"SERVER","traceId":"…","spanId":"…","parentSpanId":"…",
//	 "start":"2026-…Z","end":"…","durationMs":1.25,"status":{"code":"ERROR","description":"…"},
//	 "attributes":{…},"events":[{"name":"exception","time":"…","attributes":{…}}],
//	 "resource":{"service.name":"…",…},"scope":"go-weave.dev/runtime/trace"}
package console

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"go-weave.dev/runtime/trace"
)

func init() {
	trace.RegisterExporter("console", func() (trace.Exporter, error) {
		var w io.Writer = os.Stderr
		if strings.EqualFold(strings.TrimSpace(os.Getenv("OTEL_EXPORTER_CONSOLE_STDOUT")), "true") {
			w = os.Stdout
		}
		return New(w), nil
	})
}

// Exporter writes spans as JSON lines.
type Exporter struct {
	mu sync.Mutex
	w  io.Writer
}

// New returns an exporter writing to w.
func New(w io.Writer) *Exporter { return &Exporter{w: w} }

type line struct {
	Name         string         `json:"name"`
	Kind         string         `json:"kind"`
	TraceID      string         `json:"traceId"`
	SpanID       string         `json:"spanId"`
	ParentSpanID string         `json:"parentSpanId,omitempty"`
	TraceState   string         `json:"traceState,omitempty"`
	Start        string         `json:"start"`
	End          string         `json:"end"`
	DurationMs   float64        `json:"durationMs"`
	Status       *status        `json:"status,omitempty"`
	Attributes   map[string]any `json:"attributes,omitempty"`
	Events       []event        `json:"events,omitempty"`
	Resource     map[string]any `json:"resource,omitempty"`
	Scope        string         `json:"scope"`
}

type status struct {
	Code        string `json:"code"`
	Description string `json:"description,omitempty"`
}

type event struct {
	Name       string         `json:"name"`
	Time       string         `json:"time"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

// Export writes one line per span. Lines are written whole under a lock so
// concurrent output from the program does not split them.
func (e *Exporter) Export(_ context.Context, spans []trace.ReadOnlySpan) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	bw := bufio.NewWriter(e.w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range spans {
		if err := enc.Encode(toLine(&spans[i])); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func toLine(s *trace.ReadOnlySpan) line {
	l := line{
		Name:         s.Name,
		Kind:         s.Kind.String(),
		TraceID:      s.TraceIDHex(),
		SpanID:       s.SpanIDHex(),
		ParentSpanID: s.ParentSpanIDHex(),
		TraceState:   s.TraceState,
		Start:        s.StartTime.UTC().Format(time.RFC3339Nano),
		End:          s.EndTime.UTC().Format(time.RFC3339Nano),
		DurationMs:   float64(s.EndTime.Sub(s.StartTime).Microseconds()) / 1000,
		Attributes:   attrMap(s.Attributes),
		Scope:        s.Scope.Name,
	}
	if s.Status.Code != trace.StatusUnset {
		l.Status = &status{Code: s.Status.Code.String(), Description: s.Status.Description}
	}
	for _, ev := range s.Events {
		l.Events = append(l.Events, event{Name: ev.Name, Time: ev.Time.UTC().Format(time.RFC3339Nano), Attributes: attrMap(ev.Attributes)})
	}
	if s.Resource != nil {
		l.Resource = attrMap(s.Resource.Attributes)
	}
	return l
}

// attrMap renders attributes as a JSON object; NaN and infinities, which
// JSON cannot hold, become strings.
func attrMap(attrs []trace.Attribute) map[string]any {
	if len(attrs) == 0 {
		return nil
	}
	m := make(map[string]any, len(attrs))
	for _, a := range attrs {
		if f, ok := a.Value.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			m[a.Key] = strconv.FormatFloat(f, 'g', -1, 64)
			continue
		}
		m[a.Key] = a.Value
	}
	return m
}

// Shutdown does nothing: every Export has already flushed its lines.
func (e *Exporter) Shutdown(context.Context) error { return nil }
