package trace

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

type namedExporter struct {
	name string
	exp  Exporter
}

// batchProcessor collects ended spans and exports them from one goroutine in
// batches. Enqueueing never blocks and costs one uncontended lock: the export
// goroutine is woken only when a full batch is waiting, on the schedule, or
// on flush. When the queue is full the span is dropped and counted.
type batchProcessor struct {
	cfg       bspConfig
	exporters []namedExporter

	mu    sync.Mutex
	queue []*Span

	kick     chan struct{} // capacity 1: "a full batch is waiting"
	flushReq chan chan struct{}
	stopReq  chan struct{}
	stopped  chan struct{}
	dropped  atomic.Uint64
	closed   atomic.Bool
	stopOnce sync.Once
}

func newBatchProcessor(cfg bspConfig, exporters []namedExporter) *batchProcessor {
	p := &batchProcessor{
		cfg:       cfg,
		exporters: exporters,
		kick:      make(chan struct{}, 1),
		flushReq:  make(chan chan struct{}),
		stopReq:   make(chan struct{}),
		stopped:   make(chan struct{}),
	}
	go p.run()
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
	p.mu.Unlock()
	if full {
		select {
		case p.kick <- struct{}{}:
		default:
		}
	}
}

func (p *batchProcessor) queued() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue)
}

func (p *batchProcessor) run() {
	defer close(p.stopped)
	timer := time.NewTimer(p.cfg.delay)
	defer timer.Stop()
	for {
		select {
		case <-p.kick:
			p.exportQueued()
		case <-timer.C:
			p.exportQueued()
			timer.Reset(p.cfg.delay)
		case done := <-p.flushReq:
			p.exportQueued()
			close(done)
		case <-p.stopReq:
			p.exportQueued()
			return
		}
	}
}

// exportQueued takes everything queued and exports it in batches of at most
// maxBatch. Spans queued meanwhile wait for the next wake-up.
func (p *batchProcessor) exportQueued() {
	p.mu.Lock()
	taken := p.queue
	p.queue = nil
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
}

// export hands the batch to every exporter, each bounded by the export
// timeout and shielded: an exporter that panics loses the batch, not the program.
func (p *batchProcessor) export(batch []ReadOnlySpan) {
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
	deadline := time.NewTimer(p.cfg.timeout)
	defer deadline.Stop()
	done := make(chan struct{})
	select {
	case p.flushReq <- done:
	case <-p.stopped:
		return
	case <-deadline.C:
		return
	}
	select {
	case <-done:
	case <-deadline.C:
	}
}

// shutdown exports what is queued and shuts the exporters down, all within
// the export timeout. Later spans are discarded.
func (p *batchProcessor) shutdown() {
	p.stopOnce.Do(func() {
		p.closed.Store(true)
		deadline := time.NewTimer(p.cfg.timeout)
		defer deadline.Stop()
		close(p.stopReq)
		select {
		case <-p.stopped:
		case <-deadline.C:
		}
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
