package trace

import (
	"context"
	"encoding/hex"
	"strings"
)

// W3C Trace Context header names, in the canonical MIME form http.Header uses.
const (
	HeaderTraceparent = "Traceparent"
	HeaderTracestate  = "Tracestate"
)

const maxTracestateMembers = 32

// canonicalHeader is the http.Header spelling of each header a propagator reads or writes;
// gRPC metadata uses the lower-case names (package textproto would be an import of net).
var canonicalHeader = map[string]string{
	"traceparent": HeaderTraceparent, "tracestate": HeaderTracestate, "baggage": "Baggage",
	"b3": "B3", "x-b3-traceid": "X-B3-Traceid", "x-b3-spanid": "X-B3-Spanid",
	"x-b3-sampled": "X-B3-Sampled", "x-b3-flags": "X-B3-Flags", "x-b3-parentspanid": "X-B3-Parentspanid",
}

// InjectHeaders writes the trace context of ctx into h, in the formats OTEL_PROPAGATORS names
// (W3C traceparent/tracestate and baggage by default).
func InjectHeaders(ctx context.Context, h map[string][]string) {
	inject(ctx, h, false)
}

// InjectMetadata is InjectHeaders for carriers whose keys are lower case, as gRPC metadata's
// are (HTTP/2 header names must be): "traceparent", "tracestate", "baggage", "b3"…
func InjectMetadata(ctx context.Context, md map[string][]string) {
	inject(ctx, md, true)
}

// inject writes each header under one spelling and removes the other, so that a carrier never
// holds two traceparents. Baggage the program put in the carrier itself is left as it is.
func inject(ctx context.Context, h map[string][]string, lower bool) {
	if h == nil || IsSuppressed(ctx) {
		return
	}
	drop := func(name string) {
		delete(h, name)
		delete(h, canonicalHeader[name])
	}
	set := func(name, value string) {
		drop(name)
		if lower {
			h[name] = []string{value}
		} else {
			h[canonicalHeader[name]] = []string{value}
		}
	}
	s := SpanFromContext(ctx)
	for _, p := range activePropagators() {
		switch {
		case p == propBaggage:
			if b := baggageFrom(ctx); b != "" && headerValues(h, canonicalHeader["baggage"], "baggage") == nil {
				set("baggage", b)
			}
		case s == nil:
		case p == propTraceContext:
			var b [55]byte
			copy(b[:], "00-")
			hex.Encode(b[3:35], s.traceID[:])
			b[35] = '-'
			hex.Encode(b[36:52], s.spanID[:])
			b[52] = '-'
			hex.Encode(b[53:55], []byte{s.flags & FlagSampled})
			set("traceparent", string(b[:]))
			drop("tracestate")
			if s.traceState != "" {
				set("tracestate", s.traceState)
			}
		case p == propB3:
			v := s.TraceID() + "-" + s.SpanID()
			if state := b3SamplingState(s); state != "" {
				v += "-" + state
			}
			set("b3", v)
		case p == propB3Multi:
			// What the caller's context put there (a parent id, a debug flag) is not ours to pass on.
			for _, k := range []string{"x-b3-sampled", "x-b3-flags", "x-b3-parentspanid"} {
				drop(k)
			}
			set("x-b3-traceid", s.TraceID())
			set("x-b3-spanid", s.SpanID())
			if state := b3SamplingState(s); state != "" {
				set("x-b3-sampled", state)
			}
		}
	}
}

// ExtractHeaders returns ctx carrying the remote parent described by h, in the formats
// OTEL_PROPAGATORS names (a later one wins when several describe a parent), and the baggage h
// carries. When there is no valid parent ctx keeps no span; an invalid tracestate alone is
// dropped while the parent is kept.
func ExtractHeaders(ctx context.Context, h map[string][]string) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	for _, p := range activePropagators() {
		if p == propBaggage {
			if b, ok := parseBaggage(headerValues(h, canonicalHeader["baggage"], "baggage")); ok {
				ctx = context.WithValue(ctx, baggageKey{}, b)
			}
		}
	}
	if parent := carriedParent(h); parent != nil {
		return ContextWithSpan(ctx, parent)
	}
	return ctx
}

// carriedParent is the remote span context the active propagators read from h
// (the last format named wins), or nil.
func carriedParent(h map[string][]string) *Span {
	var parent *Span
	for _, p := range activePropagators() {
		switch p {
		case propTraceContext:
			if s := extractTraceContext(h); s != nil {
				parent = s
			}
		case propB3, propB3Multi:
			if s := extractB3(h); s != nil {
				parent = s
			}
		}
	}
	if parent != nil {
		parent.remote = true
		parent.ended.Store(true)
	}
	return parent
}

// OutgoingParent is the parent for the client span of an outgoing request whose
// headers h may already carry trace context: the program's own tracing set it,
// or a proxy passes on what it received. When that context is of another trace
// than ctx's active span (or there is none), it is the parent, so the request
// goes on in the trace the program chose instead of being moved to a new one;
// otherwise ctx, whose span is the closer parent (a proxy's server span, under
// that same trace). Baggage in h stays as the program put it.
func OutgoingParent(ctx context.Context, h map[string][]string) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	if len(h) == 0 || IsSuppressed(ctx) {
		return ctx
	}
	carried := carriedParent(h)
	if carried == nil {
		return ctx
	}
	if s := activeSpan(ctx); s != nil && s.traceID == carried.traceID {
		return ctx
	}
	return ContextWithSpan(ctx, carried)
}

// OutgoingParentFunc is OutgoingParent for requests whose headers are read
// through a function (fasthttp's).
func OutgoingParentFunc(ctx context.Context, get func(name string) string) context.Context {
	return OutgoingParent(ctx, headersFrom(get))
}

func extractTraceContext(h map[string][]string) *Span {
	tp := headerValues(h, HeaderTraceparent, "traceparent")
	if len(tp) != 1 {
		return nil // absent, or repeated (which W3C treats as invalid)
	}
	traceID, spanID, flags, ok := parseTraceparent(tp[0])
	if !ok {
		return nil
	}
	ts, _ := parseTracestate(headerValues(h, HeaderTracestate, "tracestate"))
	return &Span{traceID: traceID, spanID: spanID, flags: flags, traceState: ts}
}

func headerValues(h map[string][]string, canonical, lower string) []string {
	if v, ok := h[canonical]; ok {
		return v
	}
	return h[lower]
}

// parseTraceparent implements the W3C Trace Context level 1 parsing rules:
// lower-case hex only, version ff invalid, all-zero ids invalid, and future
// versions accepted when their first four fields parse as version 00.
func parseTraceparent(v string) (traceID [16]byte, spanID [8]byte, flags byte, ok bool) {
	v = strings.TrimSpace(v)
	if len(v) < 55 || !isLowerHex(v[0:2]) || v[0:2] == "ff" {
		return traceID, spanID, 0, false
	}
	if v[0:2] == "00" && len(v) != 55 {
		return traceID, spanID, 0, false
	}
	if len(v) > 55 && v[55] != '-' {
		return traceID, spanID, 0, false
	}
	if v[2] != '-' || v[35] != '-' || v[52] != '-' {
		return traceID, spanID, 0, false
	}
	tid, sid, fl := v[3:35], v[36:52], v[53:55]
	if !isLowerHex(tid) || !isLowerHex(sid) || !isLowerHex(fl) {
		return traceID, spanID, 0, false
	}
	hex.Decode(traceID[:], []byte(tid))
	hex.Decode(spanID[:], []byte(sid))
	var f [1]byte
	hex.Decode(f[:], []byte(fl))
	if traceID == [16]byte{} || spanID == [8]byte{} {
		return traceID, spanID, 0, false
	}
	return traceID, spanID, f[0] & FlagSampled, true
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// parseTracestate joins the header values and checks each list member has
// the key=value form; an invalid list is dropped as a whole (W3C allows
// that), and more than 32 members makes it invalid too.
func parseTracestate(values []string) (string, bool) {
	var members []string
	for _, v := range values {
		for _, m := range strings.Split(v, ",") {
			m = strings.TrimSpace(m)
			if m == "" {
				continue
			}
			eq := strings.IndexByte(m, '=')
			if eq <= 0 || eq == len(m)-1 || !validTracestateKey(m[:eq]) || !validTracestateValue(m[eq+1:]) {
				return "", false
			}
			members = append(members, m)
		}
	}
	if len(members) > maxTracestateMembers {
		return "", false
	}
	return strings.Join(members, ","), true
}

func validTracestateKey(k string) bool {
	if len(k) > 256 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' || c == '-' || c == '*' || c == '/' || c == '@':
		default:
			return false
		}
	}
	return true
}

func validTracestateValue(v string) bool {
	if len(v) > 256 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x20 || c > 0x7e || c == ',' || c == '=' {
			return false
		}
	}
	return v[len(v)-1] != ' '
}

// SentForKey is the context key under which woven net/http code keeps the
// request a caller handed to a transport, in the context of the copy the
// transport sends in its place (the copy carries the span and its own
// headers), so that Transport.CancelRequest given the caller's request finds
// the copy.
type SentForKey struct{}

// ExtractFunc is ExtractHeaders for a server whose request headers are not an
// http.Header (fasthttp): get returns a header's first value by its lower-case
// name, or "" when the request has none.
func ExtractFunc(ctx context.Context, get func(name string) string) context.Context {
	return ExtractHeaders(ctx, headersFrom(get))
}

// InjectFunc is InjectHeaders for a request whose headers are read through get,
// written through set and removed through del, all by lower-case name
// (fasthttp's): the carrier is the headers the request holds, so what
// InjectHeaders would remove from a map (a stale tracestate, the caller's B3
// fields) is removed from the request too, and its own baggage stays.
func InjectFunc(ctx context.Context, get func(name string) string, set func(name, value string), del func(name string)) {
	h := headersFrom(get)
	if h == nil {
		h = make(map[string][]string, 2)
	}
	inject(ctx, h, true)
	for name := range canonicalHeader {
		if v := h[name]; len(v) > 0 {
			if v[0] != get(name) {
				set(name, v[0])
			}
		} else if get(name) != "" {
			del(name)
		}
	}
}

// headersFrom reads the propagation headers through get, by their lower-case names.
func headersFrom(get func(name string) string) map[string][]string {
	var h map[string][]string
	for name := range canonicalHeader {
		if v := get(name); v != "" {
			if h == nil {
				h = make(map[string][]string, 2)
			}
			h[name] = []string{v}
		}
	}
	return h
}

// ContextValues hands set each value the runtime keeps in ctx (its span and
// its baggage), for a framework whose request context keeps values itself
// (fasthttp's RequestCtx.SetUserValue): that context's Value then answers for
// them as ctx does, so spans started under it have the right parent.
func ContextValues(ctx context.Context, set func(key, value any)) {
	if s := SpanFromContext(ctx); s != nil {
		set(spanKey{}, s)
	}
	if b := baggageFrom(ctx); b != "" {
		set(baggageKey{}, b)
	}
}
