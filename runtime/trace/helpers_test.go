package trace

import (
	"context"
	"sync"
	"testing"
)

// recorder is an in-memory Exporter for tests.
type recorder struct {
	mu    sync.Mutex
	spans []ReadOnlySpan
	block chan struct{} // when non-nil, Export waits on it
	shut  bool
}

func (r *recorder) Export(ctx context.Context, spans []ReadOnlySpan) error {
	if r.block != nil {
		select {
		case <-r.block:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.spans = append(r.spans, spans...)
	return nil
}

func (r *recorder) Shutdown(context.Context) error {
	r.mu.Lock()
	r.shut = true
	r.mu.Unlock()
	return nil
}

func (r *recorder) got() []ReadOnlySpan {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ReadOnlySpan(nil), r.spans...)
}

// useProvider installs a provider built from env (a map standing in for the
// environment) with rec as its only exporter, for the duration of the test.
func useProvider(t testing.TB, env map[string]string, rec *recorder) *provider {
	t.Helper()
	cfg, warns := configFromEnv(func(k string) string { return env[k] })
	if len(warns) > 0 {
		t.Fatalf("unexpected config warnings: %v", warns)
	}
	p := &provider{disabled: cfg.disabled, sampler: cfg.sampler, resource: cfg.resource, limits: cfg.limits}
	if rec != nil {
		p.proc = newBatchProcessor(cfg.bsp, []namedExporter{{name: "test", exp: rec}})
	}
	initOnce.Do(func() {})
	old := current.Swap(p)
	t.Cleanup(func() {
		if p.proc != nil {
			p.proc.shutdown()
		}
		current.Store(old)
	})
	return p
}
