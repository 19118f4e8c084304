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

// InjectHeaders writes the W3C traceparent/tracestate of the span in ctx into h.
func InjectHeaders(ctx context.Context, h map[string][]string) {
	inject(ctx, h, HeaderTraceparent, HeaderTracestate)
}

// InjectMetadata is InjectHeaders for carriers whose keys are lower case, as gRPC metadata's
// are (HTTP/2 header names must be): "traceparent" and "tracestate".
func InjectMetadata(ctx context.Context, md map[string][]string) {
	inject(ctx, md, "traceparent", "tracestate")
}

// inject writes under one spelling of each name and removes the other, so that a carrier never
// holds two traceparents.
func inject(ctx context.Context, h map[string][]string, tpKey, tsKey string) {
	s := SpanFromContext(ctx)
	if s == nil || h == nil || IsSuppressed(ctx) {
		return
	}
	var b [55]byte
	copy(b[:], "00-")
	hex.Encode(b[3:35], s.traceID[:])
	b[35] = '-'
	hex.Encode(b[36:52], s.spanID[:])
	b[52] = '-'
	hex.Encode(b[53:55], []byte{s.flags & FlagSampled})
	for _, k := range []string{HeaderTraceparent, "traceparent", HeaderTracestate, "tracestate"} {
		delete(h, k)
	}
	h[tpKey] = []string{string(b[:])}
	if s.traceState != "" {
		h[tsKey] = []string{s.traceState}
	}
}

// ExtractHeaders returns ctx carrying the remote parent described by h. When
// traceparent is missing or invalid, ctx is returned unchanged; an invalid
// tracestate alone is dropped while the parent is kept.
func ExtractHeaders(ctx context.Context, h map[string][]string) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	tp := headerValues(h, HeaderTraceparent, "traceparent")
	if len(tp) != 1 {
		return ctx // absent, or repeated (which W3C treats as invalid)
	}
	traceID, spanID, flags, ok := parseTraceparent(tp[0])
	if !ok {
		return ctx
	}
	ts, _ := parseTracestate(headerValues(h, HeaderTracestate, "tracestate"))
	parent := &Span{
		traceID:    traceID,
		spanID:     spanID,
		flags:      flags,
		traceState: ts,
		remote:     true,
	}
	parent.ended.Store(true)
	return ContextWithSpan(ctx, parent)
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
