package trace

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
)

// propagator is one trace-context format of OTEL_PROPAGATORS.
type propagator int

const (
	propTraceContext propagator = iota // W3C traceparent and tracestate
	propBaggage                        // W3C baggage
	propB3                             // Zipkin B3, injected as the single b3 header
	propB3Multi                        // Zipkin B3, injected as the X-B3-* headers
)

var propagation struct {
	once sync.Once
	list []propagator
}

// activePropagators is OTEL_PROPAGATORS, read once.
func activePropagators() []propagator {
	propagation.once.Do(func() {
		list, warns := propagatorsFromEnv(os.Getenv("OTEL_PROPAGATORS"))
		for _, w := range warns {
			warnf("%s", w)
		}
		propagation.list = list
	})
	return propagation.list
}

// propagatorsFromEnv reads a comma-separated OTEL_PROPAGATORS: the formats in order (the
// default is tracecontext,baggage), "none" for no propagation at all. Unknown names are left
// out, with a warning each, as the specification asks.
func propagatorsFromEnv(raw string) ([]propagator, []string) {
	if strings.TrimSpace(raw) == "" {
		return []propagator{propTraceContext, propBaggage}, nil
	}
	var list []propagator
	var warns []string
	seen := map[propagator]bool{}
	for _, name := range strings.Split(raw, ",") {
		var p propagator
		switch n := strings.ToLower(strings.TrimSpace(name)); n {
		case "":
			continue
		case "none":
			return nil, warns
		case "tracecontext":
			p = propTraceContext
		case "baggage":
			p = propBaggage
		case "b3":
			p = propB3
		case "b3multi":
			p = propB3Multi
		default:
			warns = append(warns, fmt.Sprintf("OTEL_PROPAGATORS: unknown propagator %q ignored (expected tracecontext, baggage, b3, b3multi or none)", n))
			continue
		}
		if !seen[p] {
			seen[p] = true
			list = append(list, p)
		}
	}
	return list, warns
}

// extractB3 reads a Zipkin B3 parent: the single b3 header when it holds one, else the X-B3-*
// headers. A 64-bit trace id is widened with leading zeros; with no sampling state the
// decision is deferred to this side's sampler.
func extractB3(h map[string][]string) *Span {
	if v := headerValues(h, "B3", "b3"); len(v) == 1 {
		if s := parseB3Single(v[0]); s != nil {
			return s
		}
	}
	one := func(name string) (string, bool) {
		v := headerValues(h, canonicalHeader[name], name)
		if len(v) != 1 {
			return "", false
		}
		return strings.TrimSpace(v[0]), true
	}
	tid, ok1 := one("x-b3-traceid")
	sid, ok2 := one("x-b3-spanid")
	if !ok1 || !ok2 {
		return nil
	}
	s := b3Span(tid, sid)
	if s == nil {
		return nil
	}
	if flags, _ := one("x-b3-flags"); flags == "1" {
		s.flags = FlagSampled // debug implies sampled
		return s
	}
	switch sampled, present := one("x-b3-sampled"); {
	case !present:
		s.deferred = true
	case sampled == "1" || strings.EqualFold(sampled, "true"):
		s.flags = FlagSampled
	case sampled == "0" || strings.EqualFold(sampled, "false"):
	default:
		return nil
	}
	return s
}

// parseB3Single reads "{traceid}-{spanid}[-{state}[-{parentspanid}]]"; a header with a
// sampling state alone ("0", "1", "d") names no parent.
func parseB3Single(v string) *Span {
	parts := strings.Split(strings.TrimSpace(v), "-")
	if len(parts) < 2 || len(parts) > 4 {
		return nil
	}
	s := b3Span(parts[0], parts[1])
	if s == nil {
		return nil
	}
	if len(parts) == 4 {
		if p := strings.ToLower(parts[3]); len(p) != 16 || !isLowerHex(p) {
			return nil
		}
	}
	if len(parts) == 2 {
		s.deferred = true
		return s
	}
	switch parts[2] {
	case "1", "d":
		s.flags = FlagSampled
	case "0":
	default:
		return nil
	}
	return s
}

func b3Span(traceID, spanID string) *Span {
	traceID, spanID = strings.ToLower(traceID), strings.ToLower(spanID)
	if len(traceID) == 16 {
		traceID = "0000000000000000" + traceID
	}
	if len(traceID) != 32 || len(spanID) != 16 || !isLowerHex(traceID) || !isLowerHex(spanID) {
		return nil
	}
	s := &Span{}
	hex.Decode(s.traceID[:], []byte(traceID))
	hex.Decode(s.spanID[:], []byte(spanID))
	if s.traceID == [16]byte{} || s.spanID == [8]byte{} {
		return nil
	}
	return s
}

// b3SamplingState is "1" or "0", or "" for a parent passed on whose decision was deferred.
func b3SamplingState(s *Span) string {
	switch {
	case s.deferred:
		return ""
	case s.flags&FlagSampled != 0:
		return "1"
	}
	return "0"
}

type baggageKey struct{}

// W3C Baggage limits: a baggage-string holds at most 180 list-members and is passed on whole up
// to 8192 bytes; members past either limit are dropped.
const (
	maxBaggageMembers = 180
	maxBaggageBytes   = 8192
)

// baggageFrom is the baggage ctx carries, as a header value, or "".
func baggageFrom(ctx context.Context) string {
	if ctx == nil {
		return ""
	}
	b, _ := ctx.Value(baggageKey{}).(string)
	return b
}

// BaggageValue is the value of the baggage member key that ctx carries (percent-decoded), as
// received in the W3C baggage header of the request being served.
func BaggageValue(ctx context.Context, key string) (string, bool) {
	for _, m := range strings.Split(baggageFrom(ctx), ",") {
		kv, _, _ := strings.Cut(m, ";")
		k, v, ok := strings.Cut(kv, "=")
		if ok && k == key {
			if d, err := PercentDecode(v); err == nil {
				return d, true
			}
		}
	}
	return "", false
}

// WithBaggage returns a copy of ctx whose baggage has the member key=value, in place of any
// member of that key: InjectHeaders and InjectMetadata pass it on in the W3C baggage header, to
// every service the request reaches (BaggageValue reads it there). The value is percent-encoded
// where the header needs it. An error, and ctx as it was, when key is not a token (RFC 7230) or
// the baggage would pass the W3C limits (180 members, 8192 bytes).
func WithBaggage(ctx context.Context, key, value string) (context.Context, error) {
	if !isToken(key) {
		return ctx, fmt.Errorf("baggage: key %q is not a token", key)
	}
	members := []string{}
	for _, m := range strings.Split(baggageFrom(ctx), ",") {
		kv, _, _ := strings.Cut(m, ";")
		if k, _, _ := strings.Cut(kv, "="); m != "" && k != key {
			members = append(members, m)
		}
	}
	members = append(members, key+"="+baggageEscape(value))
	b := strings.Join(members, ",")
	if len(members) > maxBaggageMembers || len(b) > maxBaggageBytes {
		return ctx, fmt.Errorf("baggage: %s=… would pass the limits of %d members and %d bytes", key, maxBaggageMembers, maxBaggageBytes)
	}
	return context.WithValue(ctx, baggageKey{}, b), nil
}

// baggageEscape percent-encodes what a baggage value may not hold (isBaggageValue), and '%'.
func baggageEscape(v string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\' || c == '%' {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// parseBaggage joins baggage header values into one list, each member written without the
// optional white space; a member that does not parse is dropped, the others kept.
func parseBaggage(values []string) (string, bool) {
	var b strings.Builder
	n := 0
	for _, v := range values {
		for _, m := range strings.Split(v, ",") {
			m, ok := baggageMember(m)
			if !ok || n == maxBaggageMembers || b.Len()+1+len(m) > maxBaggageBytes {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(m)
			n++
		}
	}
	return b.String(), n > 0
}

// baggageMember checks "key=value" followed by properties ";key" or ";key=value", and returns
// it without optional white space.
func baggageMember(m string) (string, bool) {
	parts := strings.Split(m, ";")
	for i, p := range parts {
		k, v, hasValue := strings.Cut(p, "=")
		k, v = strings.Trim(k, " \t"), strings.Trim(v, " \t")
		if !isToken(k) || (i == 0 && !hasValue) || (hasValue && !isBaggageValue(v)) {
			return "", false
		}
		if hasValue {
			parts[i] = k + "=" + v
		} else {
			parts[i] = k
		}
	}
	return strings.Join(parts, ";"), true
}

// isToken is RFC 7230's token: one or more tchars.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// isBaggageValue: printable US-ASCII but for white space, '"', ',', ';' and '\'.
func isBaggageValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\' {
			return false
		}
	}
	return true
}
