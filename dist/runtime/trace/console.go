package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The console exporter, selected with OTEL_TRACES_EXPORTER=console, writes
// one JSON object per ended span, one per line, to stderr, or to stdout when
// OTEL_EXPORTER_CONSOLE_STDOUT=true. It is meant for development and demos;
// the shape is readable rather than OTLP:
//
//	{"name":"GET /","kind":"SERVER","traceId":"…","spanId":"…","parentSpanId":"…",
//	 "start":"2026-…Z","end":"…","durationMs":1.25,"status":{"code":"ERROR","description":"…"},
//	 "attributes":{…},"events":[{"name":"exception","time":"…","attributes":{…}}],
//	 "resource":{"service.name":"…",…},"scope":"go-weave.dev/runtime/trace"}
//
// It lives in this package, unlike the OTLP exporter (which needs net/http and
// so cannot), because every woven build compiles what its main imports: a
// package of its own would cost each of those builds one more package for the
// go command to check.
func init() {
	RegisterExporter("console", func() (Exporter, error) {
		var w io.Writer = os.Stderr
		if strings.EqualFold(strings.TrimSpace(os.Getenv("OTEL_EXPORTER_CONSOLE_STDOUT")), "true") {
			w = os.Stdout
		}
		return NewConsoleExporter(w), nil
	})
}

// ConsoleExporter writes spans as JSON lines.
type ConsoleExporter struct {
	mu sync.Mutex
	w  io.Writer
}

// NewConsoleExporter returns an exporter writing to w.
func NewConsoleExporter(w io.Writer) *ConsoleExporter { return &ConsoleExporter{w: w} }

type consoleLine struct {
	Name         string         `json:"name"`
	Kind         string         `json:"kind"`
	TraceID      string         `json:"traceId"`
	SpanID       string         `json:"spanId"`
	ParentSpanID string         `json:"parentSpanId,omitempty"`
	TraceState   string         `json:"traceState,omitempty"`
	Start        string         `json:"start"`
	End          string         `json:"end"`
	DurationMs   float64        `json:"durationMs"`
	Status       *consoleStatus `json:"status,omitempty"`
	Attributes   map[string]any `json:"attributes,omitempty"`
	Events       []consoleEvent `json:"events,omitempty"`
	Resource     map[string]any `json:"resource,omitempty"`
	Scope        string         `json:"scope"`
}

type consoleStatus struct {
	Code        string `json:"code"`
	Description string `json:"description,omitempty"`
}

type consoleEvent struct {
	Name       string         `json:"name"`
	Time       string         `json:"time"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

// Export writes one line per span, each in a single Write: what the program
// itself writes to the same stream (its logs on stderr) lands between two
// lines, never inside one, as it would in the chunks of a buffered writer.
func (e *ConsoleExporter) Export(_ context.Context, spans []ReadOnlySpan) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	for i := range spans {
		line.Reset()
		if err := enc.Encode(consoleLineOf(&spans[i])); err != nil {
			return err
		}
		if _, err := e.w.Write(line.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func consoleLineOf(s *ReadOnlySpan) consoleLine {
	l := consoleLine{
		Name:         s.Name,
		Kind:         s.Kind.String(),
		TraceID:      s.TraceIDHex(),
		SpanID:       s.SpanIDHex(),
		ParentSpanID: s.ParentSpanIDHex(),
		TraceState:   s.TraceState,
		Start:        s.StartTime.UTC().Format(time.RFC3339Nano),
		End:          s.EndTime.UTC().Format(time.RFC3339Nano),
		DurationMs:   float64(s.EndTime.Sub(s.StartTime).Microseconds()) / 1000,
		Attributes:   consoleAttrs(s.Attributes),
		Scope:        s.Scope.Name,
	}
	if s.Status.Code != StatusUnset {
		l.Status = &consoleStatus{Code: s.Status.Code.String(), Description: s.Status.Description}
	}
	for _, ev := range s.Events {
		l.Events = append(l.Events, consoleEvent{Name: ev.Name, Time: ev.Time.UTC().Format(time.RFC3339Nano), Attributes: consoleAttrs(ev.Attributes)})
	}
	if s.Resource != nil {
		l.Resource = consoleAttrs(s.Resource.Attributes)
	}
	return l
}

// consoleAttrs renders attributes as a JSON object; NaN and infinities, which
// JSON cannot hold, become strings.
func consoleAttrs(attrs []Attribute) map[string]any {
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
func (e *ConsoleExporter) Shutdown(context.Context) error { return nil }
