package otlp

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"go-weave.dev/runtime/trace"
)

// field is one decoded protobuf field; the decoder below is deliberately
// independent of the encoder (no shared helpers).
type field struct {
	num  int
	wire int
	u    uint64 // varint, fixed64, fixed32
	b    []byte // length-delimited
}

type msg []field

func decode(t *testing.T, b []byte) msg {
	t.Helper()
	var m msg
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			t.Fatalf("bad key varint")
		}
		b = b[n:]
		f := field{num: int(key >> 3), wire: int(key & 7)}
		switch f.wire {
		case 0:
			f.u, n = binary.Uvarint(b)
			if n <= 0 {
				t.Fatalf("bad varint in field %d", f.num)
			}
			b = b[n:]
		case 1:
			f.u = binary.LittleEndian.Uint64(b)
			b = b[8:]
		case 5:
			f.u = uint64(binary.LittleEndian.Uint32(b))
			b = b[4:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || int(l) > len(b)-n {
				t.Fatalf("bad length in field %d", f.num)
			}
			f.b = b[n : n+int(l)]
			b = b[n+int(l):]
		default:
			t.Fatalf("unexpected wire type %d", f.wire)
		}
		m = append(m, f)
	}
	return m
}

func (m msg) all(num int) []field {
	var out []field
	for _, f := range m {
		if f.num == num {
			out = append(out, f)
		}
	}
	return out
}

func (m msg) one(t *testing.T, num int) field {
	t.Helper()
	fs := m.all(num)
	if len(fs) != 1 {
		t.Fatalf("field %d occurs %d times", num, len(fs))
	}
	return fs[0]
}

// anyValue renders a decoded AnyValue as a Go value for comparison.
func anyValue(t *testing.T, b []byte) any {
	f := decode(t, b)
	if len(f) != 1 {
		t.Fatalf("AnyValue with %d fields", len(f))
	}
	switch f[0].num {
	case 1:
		return string(f[0].b)
	case 2:
		return f[0].u != 0
	case 3:
		return int64(f[0].u)
	case 4:
		return math.Float64frombits(f[0].u)
	case 5:
		var parts []string
		for _, v := range decode(t, f[0].b).all(1) {
			parts = append(parts, fmt.Sprint(anyValue(t, v.b)))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	t.Fatalf("AnyValue field %d", f[0].num)
	return nil
}

func attrs(t *testing.T, fs []field) map[string]any {
	out := map[string]any{}
	for _, kv := range fs {
		m := decode(t, kv.b)
		out[string(m.one(t, 1).b)] = anyValue(t, m.one(t, 2).b)
	}
	return out
}

func sampleSpans() []trace.ReadOnlySpan {
	res := &trace.Resource{Attributes: []trace.Attribute{{Key: "service.name", Value: "svc"}}}
	start := time.Unix(1700000000, 123456789)
	parent := trace.ReadOnlySpan{
		TraceID: [16]byte{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36},
		SpanID:  [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, TraceFlags: 1, Name: "parent", Kind: trace.KindServer,
		StartTime: start, EndTime: start.Add(time.Second), Resource: res,
		Scope: trace.Scope{Name: trace.ScopeName, Version: "0.1.0"},
		Attributes: []trace.Attribute{
			{Key: "s", Value: "v"}, {Key: "empty", Value: ""}, {Key: "b", Value: false}, {Key: "i", Value: int64(-3)},
			{Key: "f", Value: 2.5}, {Key: "list", Value: []string{"x", "y"}},
		},
	}
	child := parent
	child.SpanID = [8]byte{9, 9, 9, 9, 9, 9, 9, 9}
	child.ParentSpanID = parent.SpanID
	child.ParentIsRemote = false
	child.Name = "child"
	child.Kind = trace.KindClient
	child.Attributes = nil
	child.Events = []trace.Event{{Name: "exception", Time: start.Add(time.Millisecond), Attributes: []trace.Attribute{{Key: "exception.message", Value: "boom"}}}}
	child.Status = trace.Status{Code: trace.StatusError, Description: "boom"}
	child.TraceState = "k=v"
	return []trace.ReadOnlySpan{parent, child}
}

func TestProtobufRoundTrip(t *testing.T) {
	req := decode(t, MarshalProtobuf(sampleSpans()))
	rs := decode(t, req.one(t, 1).b)
	resource := decode(t, rs.one(t, 1).b)
	if got := attrs(t, resource.all(1)); got["service.name"] != "svc" {
		t.Fatalf("resource %v", got)
	}
	ss := decode(t, rs.one(t, 2).b)
	scope := decode(t, ss.one(t, 1).b)
	if string(scope.one(t, 1).b) != trace.ScopeName || string(scope.one(t, 2).b) != "0.1.0" {
		t.Fatal("scope")
	}
	spans := ss.all(2)
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	p, c := decode(t, spans[0].b), decode(t, spans[1].b)
	if hex.EncodeToString(p.one(t, 1).b) != "4bf92f3577b34da6a3ce929d0e0e4736" || !bytes.Equal(p.one(t, 2).b, []byte{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Fatal("ids")
	}
	if len(p.all(4)) != 0 || len(p.all(3)) != 0 || len(p.all(15)) != 0 {
		t.Fatal("root span must have no parent, trace_state or status fields")
	}
	if string(p.one(t, 5).b) != "parent" || p.one(t, 6).u != 2 || c.one(t, 6).u != 3 {
		t.Fatal("name/kind")
	}
	if f := p.one(t, 7); f.wire != 1 || f.u != 1700000000123456789 {
		t.Fatalf("start %+v", f)
	}
	if p.one(t, 8).u != 1700000001123456789 {
		t.Fatal("end")
	}
	if f := p.one(t, 16); f.wire != 5 || f.u != 0x101 {
		t.Fatalf("flags %+v", f)
	}
	want := map[string]any{"s": "v", "empty": "", "b": false, "i": int64(-3), "f": 2.5, "list": "[x y]"}
	got := attrs(t, p.all(9))
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("attributes\n got %v\nwant %v", got, want)
	}
	if !bytes.Equal(c.one(t, 4).b, []byte{1, 2, 3, 4, 5, 6, 7, 8}) || string(c.one(t, 3).b) != "k=v" {
		t.Fatal("child parent id / trace state")
	}
	ev := decode(t, c.one(t, 11).b)
	if ev.one(t, 1).u != 1700000000124456789 || string(ev.one(t, 2).b) != "exception" || attrs(t, ev.all(3))["exception.message"] != "boom" {
		t.Fatal("event")
	}
	st := decode(t, c.one(t, 15).b)
	if string(st.one(t, 2).b) != "boom" || st.one(t, 3).u != 2 {
		t.Fatal("status")
	}
}

func TestProtobufHandComputedBytes(t *testing.T) {
	// KeyValue{key:"a", value:{int_value:1}} as Span.attributes (field 9):
	// 0x4a=field 9/bytes, len 7, 0x0a=key, 1, 'a', 0x12=value, len 2, 0x18=int_value, 1.
	got := appendAttributes(nil, 9, []trace.Attribute{{Key: "a", Value: int64(1)}})
	if want := []byte{0x4a, 0x07, 0x0a, 0x01, 'a', 0x12, 0x02, 0x18, 0x01}; !bytes.Equal(got, want) {
		t.Fatalf("got % x want % x", got, want)
	}
	// A bool false is still written inside the oneof: 0x10 0x00.
	got = appendAnyValue(nil, false)
	if want := []byte{0x10, 0x00}; !bytes.Equal(got, want) {
		t.Fatalf("got % x want % x", got, want)
	}
	// A 200-byte body needs a two-byte length varint (0xc8 0x01).
	long := strings.Repeat("z", 200)
	got = appendMessage(nil, 1, func(b []byte) []byte { return append(b, long...) })
	if !bytes.Equal(got[:3], []byte{0x0a, 0xc8, 0x01}) || string(got[3:]) != long {
		t.Fatalf("long message header % x, len %d", got[:3], len(got))
	}
}
