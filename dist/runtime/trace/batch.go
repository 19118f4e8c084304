package trace

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

type namedExporter struct {
	name string
	exp  Exporter
}

// batchProcessor collects ended spans and exports them in batches from one
// goroutine, which runs only while there is something to export: it starts
// with the first span after a quiet spell, exports on the schedule (or at
// once for a full batch or a flush), and ends once the queue is empty. A
// program between bursts of spans, and a test between its spans, has no
// goroutine of ours, so goroutine-leak checks (goleak, grpc's leakcheck) see
// nothing once the spans are exported. Enqueueing never blocks and costs one
// uncontended lock. When the queue is full the span is dropped and counted.
type batchProcessor struct {
	cfg       bspConfig
	exporters []namedExporter

	mu      sync.Mutex
	queue   []*Span
	running bool            // the export goroutine is up
	waiters []chan struct{} // flushes waiting for what was queued before them

	wake chan struct{} // capacity 1: a full batch, a flush
	// starter starts the export goroutine. A timer made with the processor
	// runs its function in a goroutine of no testing/synctest bubble, while a
	// goroutine started by the one ending a span inside a bubble would belong
	// to that bubble (which would wait for it, and forbids it its channels).
	// Inside a bubble the clock is the bubble's, so the timer cannot be set
	// from there either: spans ended in a bubble wait for the next span ended
	// outside one, or for the flush as the program ends.
	starter *time.Timer

	dropped  atomic.Uint64
	closed   atomic.Bool
	down     atomic.Bool // the exporters were shut down: a straggler's span is not exported
	stopOnce sync.Once
}

func newBatchProcessor(cfg bspConfig, exporters []namedExporter) *batchProcessor {
	p := &batchProcessor{cfg: cfg, exporters: exporters, wake: make(chan struct{}, 1)}
	p.starter = time.AfterFunc(time.Duration(math.MaxInt64), p.run)
	p.starter.Stop()
	return p
}

func (p *batchProcessor) enqueue(s *Span) {
	if p.closed.Load() {
		return
	}
	p.mu.Lock()
	if len(p.queue) >= p.cfg.maxQueue {
		p.mu.Unlock()
		p.dropped.Add(1)
		return
	}
	p.queue = append(p.queue, s)
	full := len(p.queue) >= p.cfg.maxBatch
	start := !p.running && !inSynctestBubble()
	if start {
		p.running = true
	}
	p.mu.Unlock()
	if start {
		p.starter.Reset(0)
	}
	if full {
		p.wakeUp()
	}
}

func (p *batchProcessor) wakeUp() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *batchProcessor) queued() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue)
}

// run exports until nothing is queued and no flush waits.
func (p *batchProcessor) run() {
	timer := time.NewTimer(p.cfg.delay)
	defer timer.Stop()
	for {
		select {
		case <-p.wake:
		case <-timer.C:
		}
		p.exportQueued()
		p.mu.Lock()
		if len(p.queue) == 0 && len(p.waiters) == 0 {
			p.running = false
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
		// The module's go line predates Go 1.23's timers: a fired timer is drained before Reset.
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(p.cfg.delay)
	}
}

// exportQueued takes everything queued, with the flushes waiting for it,
// exports it in batches of at most maxBatch and then releases those flushes.
// Spans queued meanwhile wait for the next round.
func (p *batchProcessor) exportQueued() {
	p.mu.Lock()
	taken, waiters := p.queue, p.waiters
	p.queue, p.waiters = nil, nil
	p.mu.Unlock()
	for len(taken) > 0 {
		n := len(taken)
		if n > p.cfg.maxBatch {
			n = p.cfg.maxBatch
		}
		batch := make([]ReadOnlySpan, n)
		for i, s := range taken[:n] {
			batch[i] = s.snapshot()
		}
		taken = taken[n:]
		p.export(batch)
	}
	for _, w := range waiters {
		close(w)
	}
}

// export hands the batch to every exporter, each bounded by the export
// timeout and shielded: an exporter that panics loses the batch, not the program.
func (p *batchProcessor) export(batch []ReadOnlySpan) {
	if p.down.Load() {
		return
	}
	for _, e := range p.exporters {
		func() {
			defer func() {
				if r := recover(); r != nil {
					warnf("exporter %q panicked: %v", e.name, r)
				}
			}()
			ctx, cancel := context.WithTimeout(WithSuppressed(context.Background()), p.cfg.timeout)
			defer cancel()
			_ = e.exp.Export(ctx, batch) // exporters report their own failures
		}()
	}
}

// flush waits until everything queued before the call has been exported, or
// the export timeout passes.
func (p *batchProcessor) flush() {
	if p.closed.Load() {
		return
	}
	p.drain()
}

func (p *batchProcessor) drain() {
	p.mu.Lock()
	if !p.running && (len(p.queue) == 0 || inSynctestBubble()) {
		p.mu.Unlock()
		return
	}
	done := make(chan struct{})
	p.waiters = append(p.waiters, done)
	start := !p.running
	p.running = true
	p.mu.Unlock()
	if start {
		p.starter.Reset(0)
	}
	p.wakeUp()
	deadline := time.NewTimer(p.cfg.timeout)
	defer deadline.Stop()
	select {
	case <-done:
	case <-deadline.C:
	}
}

// shutdown exports what is queued and shuts the exporters down, each within
// the export timeout. Later spans are discarded.
func (p *batchProcessor) shutdown() {
	p.stopOnce.Do(func() {
		p.closed.Store(true)
		p.drain()
		p.down.Store(true)
		ctx, cancel := context.WithTimeout(WithSuppressed(context.Background()), p.cfg.timeout)
		defer cancel()
		for _, e := range p.exporters {
			func() {
				defer func() {
					if r := recover(); r != nil {
						warnf("exporter %q panicked in Shutdown: %v", e.name, r)
					}
				}()
				if err := e.exp.Shutdown(ctx); err != nil {
					warnf("exporter %q: shutdown: %v", e.name, err)
				}
			}()
		}
	})
}

// inSynctestBubble reports whether the calling goroutine runs in a
// testing/synctest bubble: only there does time.Now carry no monotonic clock
// reading (on every platform Go supports, for dates between 1885 and 2157).
func inSynctestBubble() bool {
	t := time.Now()
	return t == t.Round(0)
}
