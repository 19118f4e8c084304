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

// batchProcessor queues ended spans and exports them from one goroutine in
// batches. Enqueueing never blocks: when the queue is full the span is
// dropped and counted.
type batchProcessor struct {
	cfg       bspConfig
	exporters []namedExporter
	queue     chan *ReadOnlySpan
	flushReq  chan chan struct{}
	stopReq   chan struct{}
	stopped   chan struct{}
	dropped   atomic.Uint64
	closed    atomic.Bool
	stopOnce  sync.Once
}

func newBatchProcessor(cfg bspConfig, exporters []namedExporter) *batchProcessor {
	p := &batchProcessor{
		cfg:       cfg,
		exporters: exporters,
		queue:     make(chan *ReadOnlySpan, cfg.maxQueue),
		flushReq:  make(chan chan struct{}),
		stopReq:   make(chan struct{}),
		stopped:   make(chan struct{}),
	}
	go p.run()
	return p
}

func (p *batchProcessor) enqueue(s *ReadOnlySpan) {
	if p.closed.Load() {
		return
	}
	select {
	case p.queue <- s:
	default:
		p.dropped.Add(1)
	}
}

func (p *batchProcessor) run() {
	defer close(p.stopped)
	timer := time.NewTimer(p.cfg.delay)
	defer timer.Stop()
	batch := make([]ReadOnlySpan, 0, p.cfg.maxBatch)
	exportBatch := func() {
		if len(batch) > 0 {
			p.export(batch)
			batch = make([]ReadOnlySpan, 0, p.cfg.maxBatch)
		}
	}
	drain := func() {
		for {
			select {
			case s := <-p.queue:
				batch = append(batch, *s)
				if len(batch) >= p.cfg.maxBatch {
					exportBatch()
				}
			default:
				exportBatch()
				return
			}
		}
	}
	for {
		select {
		case s := <-p.queue:
			batch = append(batch, *s)
			if len(batch) >= p.cfg.maxBatch {
				exportBatch()
				timer.Reset(p.cfg.delay)
			}
		case <-timer.C:
			exportBatch()
			timer.Reset(p.cfg.delay)
		case done := <-p.flushReq:
			drain()
			close(done)
		case <-p.stopReq:
			drain()
			return
		}
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
