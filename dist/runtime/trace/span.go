package trace

import (
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// maxStackBytes bounds exception.stacktrace before the value-length limit.
const maxStackBytes = 16 << 10

// Span is one timed operation. All methods are safe on a nil *Span, which is
// what Start returns when tracing is disabled or suppressed.
type Span struct {
	// Identity; fixed at creation.
	traceID      [16]byte
	spanID       [8]byte
	parentID     [8]byte
	parentRemote bool
	flags        byte
	traceState   string
	remote       bool // a parent extracted from headers, not a span of ours
	foreign      bool // a parent that is another tracer's span in this process (foreign.go)
	deferred     bool // a remote parent that left the sampling decision to us (B3 without one)
	recording    bool
	localRoot    *Span
	prov         *provider
	start        time.Time
	end          time.Time // written once by End, before the span is queued

	// Goroutine-local bookkeeping for the CurrentGoroutineSpan hooks.
	glsSet  bool
	glsPrev *Span

	ended atomic.Bool

	mu            sync.Mutex
	name          string
	kind          SpanKind
	attrs         []Attribute
	events        []Event
	status        Status
	droppedAttrs  int
	droppedEvents int
	locals        map[string]any
}

// SetAttribute records key=value on the span; a later value for the same key
// replaces the earlier one. See Attribute for the kept value types.
func (s *Span) SetAttribute(key string, value any) {
	if !s.IsRecording() {
		return
	}
	lim := &s.prov.limits
	v := lim.truncate(normalizeValue(value))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended.Load() {
		return // lost a race with End: the exporter may already hold attrs
	}
	s.attrs, s.droppedAttrs = setAttr(s.attrs, s.droppedAttrs, lim.attrs, key, v)
}

func setAttr(attrs []Attribute, dropped, limit int, key string, v any) ([]Attribute, int) {
	for i := range attrs {
		if attrs[i].Key == key {
			attrs[i].Value = v
			return attrs, dropped
		}
	}
	if len(attrs) >= limit {
		return attrs, dropped + 1
	}
	if attrs == nil {
		attrs = make([]Attribute, 0, 8) // typical instrumentation sets a handful
	}
	return append(attrs, Attribute{Key: key, Value: v}), dropped
}

// AddEvent records a named event with key/value pairs (key, value, key, value…).
// A trailing key without a value is ignored.
func (s *Span) AddEvent(name string, kv ...any) {
	if !s.IsRecording() {
		return
	}
	s.addEvent(name, kvAttributes(&s.prov.limits, kv))
}

func (s *Span) addEvent(name string, attrs []Attribute) {
	for i := range attrs {
		attrs[i].Value = s.prov.limits.truncate(attrs[i].Value)
	}
	ev := Event{Name: name, Time: time.Now(), Attributes: attrs}
	s.mu.Lock()
	if s.ended.Load() {
		s.mu.Unlock()
		return
	}
	if len(s.events) >= s.prov.limits.events {
		s.droppedEvents++
	} else {
		s.events = append(s.events, ev)
	}
	s.mu.Unlock()
}

func kvAttributes(lim *spanLimits, kv []any) []Attribute {
	if len(kv) < 2 {
		return nil
	}
	attrs := make([]Attribute, 0, len(kv)/2)
	dropped := 0
	for i := 0; i+1 < len(kv); i += 2 {
		key, ok := kv[i].(string)
		if !ok {
			key = fmt.Sprint(kv[i])
		}
		attrs, dropped = setAttr(attrs, dropped, lim.eventAttrs, key, normalizeValue(kv[i+1]))
	}
	return attrs
}

// RecordError adds an "exception" event for err and sets the status to Error.
func (s *Span) RecordError(err error) {
	if err == nil || !s.IsRecording() {
		return
	}
	msg := safeString(err.Error)
	s.addEvent("exception", []Attribute{
		{Key: "exception.type", Value: fmt.Sprintf("%T", err)},
		{Key: "exception.message", Value: msg},
	})
	s.SetStatus(StatusError, msg)
}

// RecordPanic is RecordError for a recovered panic value. Called from the
// deferred function that recovered, the stack still shows where the panic
// happened, so it is kept as exception.stacktrace. A nil value (recover()
// outside a panic; since Go 1.21 panic(nil) recovers as a non-nil
// *runtime.PanicNilError) is a no-op.
func (s *Span) RecordPanic(v any) {
	if v == nil || !s.IsRecording() {
		return
	}
	var msg string
	if err, ok := v.(error); ok {
		msg = safeString(err.Error)
	} else {
		msg = fmt.Sprint(v)
	}
	// runtime.Stack rather than runtime/debug, a package that a woven build would otherwise add
	// to the user's graph (one more to check on every build) for this one call.
	stack := make([]byte, maxStackBytes)
	stack = stack[:runtime.Stack(stack, false)]
	s.addEvent("exception", []Attribute{
		{Key: "exception.type", Value: fmt.Sprintf("%T", v)},
		{Key: "exception.message", Value: msg},
		{Key: "exception.stacktrace", Value: string(stack)},
		{Key: "exception.escaped", Value: true},
	})
	s.SetStatus(StatusError, "panic: "+msg)
}

// SetStatus sets the span status. As the specification asks, Unset is
// ignored, OK is final, and the description is kept only for Error.
func (s *Span) SetStatus(code StatusCode, description string) {
	if !s.IsRecording() || code == StatusUnset {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended.Load() || s.status.Code == StatusOK {
		return
	}
	switch code {
	case StatusOK:
		s.status = Status{Code: StatusOK}
	case StatusError:
		s.status = Status{Code: StatusError, Description: description}
	}
}

// SetName replaces the span name (e.g. once the HTTP route is known).
func (s *Span) SetName(name string) {
	if !s.IsRecording() {
		return
	}
	s.mu.Lock()
	if !s.ended.Load() {
		s.name = name
	}
	s.mu.Unlock()
}

// End finishes the span and queues it for export. Only the first call counts.
func (s *Span) End() {
	if s == nil || s.remote || !s.ended.CompareAndSwap(false, true) {
		return
	}
	// Monotonic clock: End never precedes start even if the wall clock jumps.
	s.end = s.start.Add(time.Since(s.start))
	// Restore the goroutine's previous span only where s is still the
	// current one: End on another goroutine (a client span closed by the
	// reader of its body) or out of order must not clobber that slot.
	if s.glsSet && callCurrentGoroutineSpan() == s {
		callSetGoroutineSpan(s.glsPrev)
	}
	if !s.recording || s.prov == nil {
		return
	}
	// The snapshot is taken by the export goroutine, off the caller's path.
	s.prov.onEnd(s)
}

// snapshot copies an ended span for the exporters.
func (s *Span) snapshot() ReadOnlySpan {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ReadOnlySpan{
		TraceID:           s.traceID,
		SpanID:            s.spanID,
		ParentSpanID:      s.parentID,
		ParentIsRemote:    s.parentRemote,
		TraceFlags:        s.flags,
		TraceState:        s.traceState,
		Name:              s.name,
		Kind:              s.kind,
		StartTime:         s.start,
		EndTime:           s.end,
		Attributes:        s.attrs,
		Events:            s.events,
		Status:            s.status,
		DroppedAttributes: s.droppedAttrs,
		DroppedEvents:     s.droppedEvents,
		Resource:          s.prov.resource,
		Scope:             Scope{Name: ScopeName, Version: sdkVersion},
	}
}

// IsRecording reports whether attributes and events set now will be exported.
func (s *Span) IsRecording() bool {
	return s != nil && s.recording && !s.ended.Load()
}

// TraceID returns the trace id as 32 lower-case hex digits ("" for nil).
func (s *Span) TraceID() string {
	if s == nil {
		return ""
	}
	return hex.EncodeToString(s.traceID[:])
}

// SpanID returns the span id as 16 lower-case hex digits ("" for nil).
func (s *Span) SpanID() string {
	if s == nil {
		return ""
	}
	return hex.EncodeToString(s.spanID[:])
}

// IsSampled reports whether the span's trace is sampled.
func (s *Span) IsSampled() bool { return s != nil && s.flags&FlagSampled != 0 }

// SetLocal stores a process-local value on the span. It is never exported,
// and works on every non-nil span, recording or not.
func (s *Span) SetLocal(key string, v any) {
	if s == nil {
		return
	}
	s.mu.Lock()
	if s.locals == nil {
		s.locals = make(map[string]any, 4)
	}
	s.locals[key] = v
	s.mu.Unlock()
}

// Local returns a value stored with SetLocal, or nil.
func (s *Span) Local(key string) any {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.locals[key]
}

// LocalRoot returns the first span of this trace started in this process,
// e.g. the server span of the request a client span belongs to.
func (s *Span) LocalRoot() *Span {
	if s == nil {
		return nil
	}
	if s.localRoot == nil {
		return s
	}
	return s.localRoot
}
