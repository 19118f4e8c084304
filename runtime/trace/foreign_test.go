package trace

import (
	"context"
	"testing"
)

type otherKey struct{}

// withOther puts another tracer's span into ctx, as the woven OpenTelemetry API would read it.
func withOther(ctx context.Context, f ForeignSpan) context.Context {
	return context.WithValue(ctx, otherKey{}, f)
}

func TestStartUnderTheNewestOfTwoTracers(t *testing.T) {
	rec := &recorder{}
	useProvider(t, nil, rec)
	SetForeignSpans(func(ctx context.Context) (ForeignSpan, bool) {
		f, ok := ctx.Value(otherKey{}).(ForeignSpan)
		return f, ok
	})
	t.Cleanup(func() { foreignSpanOf.Store(nil) })

	other := ForeignSpan{TraceID: [16]byte{1}, SpanID: [8]byte{2}, Flags: FlagSampled, TraceState: "k=v"}
	// Only the other tracer's span: ours start under it, in its trace, as a local parent.
	ctx, first := Start(withOther(context.Background(), other), "under other", KindClient)
	first.End()
	// Ours, then the other's started under ours: the other's is the newer.
	inner := other
	inner.SpanID, inner.Parent = [8]byte{3}, first.spanID
	_, second := Start(withOther(ctx, inner), "under other again", KindInternal)
	second.End()
	// The other's, then ours started under it: ours is the newer.
	_, third := Start(ctx, "under ours", KindInternal)
	third.End()
	// An extracted span context of the other tracer's: a remote parent.
	remote := ForeignSpan{TraceID: [16]byte{4}, SpanID: [8]byte{5}, Flags: FlagSampled, Remote: true}
	_, fourth := Start(withOther(context.Background(), remote), "under remote", KindServer)
	fourth.End()
	// A span context without ids is none.
	_, fifth := Start(withOther(context.Background(), ForeignSpan{}), "root", KindInternal)
	fifth.End()
	Flush()

	got := rec.got()
	if len(got) != 5 {
		t.Fatalf("%d spans", len(got))
	}
	for i, want := range []struct {
		trace  [16]byte
		parent [8]byte
		remote bool
		state  string
	}{
		{[16]byte{1}, [8]byte{2}, false, "k=v"},
		{[16]byte{1}, [8]byte{3}, false, "k=v"},
		{[16]byte{1}, first.spanID, false, "k=v"},
		{[16]byte{4}, [8]byte{5}, true, ""},
		{got[4].TraceID, [8]byte{}, false, ""},
	} {
		s := got[i]
		if s.TraceID != want.trace || s.ParentSpanID != want.parent || s.ParentIsRemote != want.remote || s.TraceState != want.state {
			t.Errorf("%s: trace %x parent %x remote %v state %q; want %x %x %v %q", s.Name, s.TraceID, s.ParentSpanID, s.ParentIsRemote, s.TraceState, want.trace, want.parent, want.remote, want.state)
		}
	}
	if got[4].TraceID == ([16]byte{}) || got[4].TraceID == ([16]byte{1}) {
		t.Errorf("root span trace id %x", got[4].TraceID)
	}
	// The woven API asks which of two spans is the newer, and reads ours.
	if !second.NewestOver(inner.SpanID) || !third.NewestOver(first.spanID) || first.NewestOver(inner.SpanID) {
		t.Error("NewestOver")
	}
	if tid, sid, flags, _, remote := first.IDs(); tid != first.traceID || sid != first.spanID || flags != FlagSampled || remote {
		t.Error("IDs")
	}
}
