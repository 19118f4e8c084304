package trace

import (
	"context"
	"sync"
	"sync/atomic"
)

// GuardFunc inspects an operation about to run; a non-nil error blocks it.
type guardFunc = func(ctx context.Context, subject string) error

var (
	guardMu sync.Mutex
	// guards is replaced as a whole on registration so Guard reads it
	// without a lock: registration happens at init, checks on every call.
	guards atomic.Pointer[map[string][]guardFunc]
)

// RegisterGuard adds a run-time protection check for operations of kind
// (e.g. "sql.query", "os.open"). Security packages call it from init.
func RegisterGuard(kind string, g func(ctx context.Context, subject string) error) {
	if g == nil {
		return
	}
	guardMu.Lock()
	defer guardMu.Unlock()
	next := map[string][]guardFunc{}
	if old := guards.Load(); old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	next[kind] = append(append([]guardFunc(nil), next[kind]...), g)
	guards.Store(&next)
}

// Guard runs the guards registered for kind and returns the first error, or
// nil when none is registered or all allow. A guard that panics is treated
// as allowing (and reported once): a broken guard must not take the
// program down.
func Guard(ctx context.Context, kind string, subject string) error {
	m := guards.Load()
	if m == nil {
		return nil
	}
	for _, g := range (*m)[kind] {
		if err := callGuard(g, ctx, subject); err != nil {
			return err
		}
	}
	return nil
}

func callGuard(g guardFunc, ctx context.Context, subject string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			warnf("guard panicked: %v", r)
			err = nil
		}
	}()
	return g(ctx, subject)
}
