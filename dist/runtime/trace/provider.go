package trace

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Exporter sends ended spans somewhere. Export is called from one goroutine
// at a time with a context bounded by the export timeout and marked with
// WithSuppressed.
type Exporter interface {
	Export(ctx context.Context, spans []ReadOnlySpan) error
	Shutdown(ctx context.Context) error
}

var (
	registryMu sync.Mutex
	registry   = map[string]func() (Exporter, error){}
)

// RegisterExporter makes an exporter selectable by name in
// OTEL_TRACES_EXPORTER. Exporter packages call it from init.
func RegisterExporter(name string, factory func() (Exporter, error)) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry[strings.ToLower(name)] = factory
}

// provider is the state built from the environment on first use.
type provider struct {
	limits   spanLimits
	disabled bool
	sampler  sampler
	resource *Resource
	proc     *batchProcessor // nil when no exporter is active
}

func (p *provider) onEnd(s *Span) {
	if p.proc != nil {
		p.proc.enqueue(s)
	}
}

var (
	current      atomic.Pointer[provider]
	initializing atomic.Bool
	initializer  atomic.Uint64 // goroutine running the initialisation
	initDone     = make(chan struct{})
	initOnce     sync.Once
	shutdownOnce sync.Once
	isShutdown   atomic.Bool
)

// initWaitLimit bounds how long a goroutine waits for another's
// initialisation; past it (a goroutine the initialiser itself waits on) the
// span is skipped rather than the program deadlocked.
const initWaitLimit = 5 * time.Second

// Init starts the runtime now rather than with the first span: it reads the
// environment and starts the exporters and the signal handler. Woven test
// binaries call it as m.Run starts, after TestMain's own set-up and before
// any test, so that nothing it starts belongs to a testing/synctest bubble a
// first span might run in.
// Later calls do nothing.
func Init() {
	getProvider()
}

// InitTest is Init for a test binary (woven test binaries call it as m.Run
// starts). The runtime then keeps nothing running between exports: spans are
// exported as they end (within OTEL_BSP_SCHEDULE_DELAY when set, else 10 ms),
// the OTLP exporter keeps no idle connection, and no signal handler waits, so
// a goroutine-leak check at the end of a test (goleak, grpc's leakcheck) finds
// nothing of ours once that test's spans are exported.
func InitTest() {
	forTests.Store(true)
	getProvider()
}

// TestBinary tells the runtime, before it starts, that it runs in a test
// binary: when it starts it takes the mode InitTest gives. Woven TestMain
// functions call it first, so that a runtime started lazily by a span made
// before m.Run, or inside a TestMain that runs m.Run where the weaver cannot
// wrap it (goleak.VerifyTestMain(m)), still keeps nothing running between
// exports, whatever the binary is called (go test -c -o name).
func TestBinary() {
	forTests.Store(true)
}

// isTestBinary: go test names a package's test binary "<package>.test" (".test.exe" on Windows).
func isTestBinary(args []string) bool {
	if len(args) == 0 {
		return false
	}
	name := strings.TrimSuffix(args[0], ".exe")
	return strings.HasSuffix(name, ".test") && !strings.HasSuffix(name, "/.test") && !strings.HasSuffix(name, `\.test`)
}

// ForTests reports whether the runtime runs in a test binary (started by
// InitTest, or named as go test names one): exporters keep no connection or
// goroutine between exports then.
func ForTests() bool { return forTests.Load() }

var forTests atomic.Bool

func getProvider() *provider {
	if p := current.Load(); p != nil {
		return p
	}
	if initializing.Load() {
		// A span started from inside initialisation (say, woven code run by an
		// exporter's constructor) would deadlock in initOnce: it gets no span.
		if goroutineID() == initializer.Load() {
			return nil
		}
		// Any other goroutine waits: spans started while another goroutine
		// initialises are as real as the initialiser's own.
		t := time.NewTimer(initWaitLimit)
		defer t.Stop()
		select {
		case <-initDone:
			return current.Load()
		case <-t.C:
			return nil
		}
	}
	initOnce.Do(func() {
		// A test binary no woven TestMain announced (the tests of a package outside the main
		// module, whose TestMain is not woven) is known by the name go test gives it.
		if isTestBinary(os.Args) {
			forTests.Store(true)
		}
		initializer.Store(goroutineID())
		initializing.Store(true)
		defer func() {
			initializing.Store(false)
			close(initDone)
		}()
		current.Store(providerFromEnv(os.Getenv))
	})
	return current.Load()
}

// goroutineID reads the current goroutine's number from its stack header
// ("goroutine 18 [running]:"). Only the short initialisation window asks.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return 0
	}
	var id uint64
	for _, c := range b[len(prefix):] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}

// providerFromEnv never fails: whatever goes wrong becomes a warning and,
// at worst, a provider that traces nothing.
func providerFromEnv(getenv func(string) string) (p *provider) {
	defer func() {
		if r := recover(); r != nil {
			warnf("initialisation failed, tracing disabled: %v", r)
			p = &provider{disabled: true}
		}
	}()
	cfg, warns := configFromEnv(getenv)
	for _, w := range warns {
		warnf("%s", w)
	}
	if cfg.disabled {
		return &provider{disabled: true}
	}
	p = &provider{sampler: cfg.sampler, resource: cfg.resource, limits: cfg.limits}
	if isShutdown.Load() {
		return p
	}
	endpointSet := getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != ""
	exporters := buildExporters(cfg.exporters, getenv("OTEL_TRACES_EXPORTER") != "", endpointSet)
	if len(exporters) > 0 {
		p.proc = newBatchProcessor(cfg.bsp, exporters)
		if cfg.signals {
			installSignalHandler()
		}
	}
	return p
}

// buildExporters instantiates the named exporters. Unknown names are only
// reported when the user asked for them explicitly: a program without the
// auto package simply has no "otlp" exporter by default. A woven test binary
// has one only when go-weave test saw the environment ask for OTLP export, so
// there an endpoint set later (by a TestMain, or for a binary run by hand) is
// asking too, and is told why nothing is sent.
func buildExporters(names []string, explicit, endpointSet bool) []namedExporter {
	registryMu.Lock()
	defer registryMu.Unlock()
	var out []namedExporter
	seen := map[string]bool{}
	for _, name := range names {
		if name == "none" || seen[name] {
			continue
		}
		seen[name] = true
		factory := registry[name]
		if factory == nil {
			switch {
			case name == "otlp" && ForTests() && (explicit || endpointSet):
				warnf("this test binary has no OTLP exporter: go-weave test links one when the environment it runs in sets OTEL_TRACES_EXPORTER=otlp or an OTLP endpoint, or for -c, -o and -exec (a TestMain that sets them is too late)")
			case explicit:
				warnf("OTEL_TRACES_EXPORTER: unknown exporter %q (registered: %s); is go-weave.dev/runtime/auto imported?", name, registeredNames())
			}
			continue
		}
		exp, err := callFactory(factory)
		if err != nil {
			warnf("exporter %q: %v", name, err)
			continue
		}
		out = append(out, namedExporter{name: name, exp: exp})
	}
	return out
}

func callFactory(f func() (Exporter, error)) (exp Exporter, err error) {
	defer func() {
		if r := recover(); r != nil {
			exp, err = nil, errorf("factory panicked: %v", r)
		}
	}()
	exp, err = f()
	if err == nil && exp == nil {
		err = errorf("factory returned no exporter")
	}
	return exp, err
}

func registeredNames() string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// Start begins a span named name. The parent is the span in ctx (or another
// tracer's there, when newer: foreign.go), else the goroutine's current span
// when the CurrentGoroutineSpan hook is set. The returned context carries the
// new span. When tracing is disabled or ctx is suppressed it returns ctx
// unchanged and a nil (no-op) span.
func Start(ctx context.Context, name string, kind SpanKind) (context.Context, *Span) {
	if ctx == nil {
		ctx = context.Background()
	}
	if IsSuppressed(ctx) {
		return ctx, nil
	}
	p := getProvider()
	if p == nil || p.disabled {
		return ctx, nil
	}
	parent := activeSpan(ctx)
	if kind < KindInternal || kind > KindConsumer {
		kind = KindInternal
	}
	s := &Span{spanID: newSpanID(), name: name, kind: kind, prov: p}
	if parent != nil {
		s.traceID = parent.traceID
		s.parentID = parent.spanID
		s.parentRemote = parent.remote && !parent.foreign
		s.traceState = parent.traceState
		if !parent.remote {
			s.localRoot = parent.LocalRoot()
		}
	} else {
		s.traceID = newTraceID()
	}
	if s.localRoot == nil {
		s.localRoot = s
	}
	if p.sampler.sample(parent, s.traceID) {
		s.flags = FlagSampled
		// Without an exporter nothing would be exported: not recording
		// lets instrumentation skip building attributes.
		s.recording = p.proc != nil
	}
	s.start = time.Now()
	if SetGoroutineSpan != nil {
		s.glsPrev = callSetGoroutineSpan(s)
		s.glsSet = true
	}
	return ContextWithSpan(ctx, s), s
}

// Flush exports everything queued so far, waiting at most the export timeout.
func Flush() {
	if p := current.Load(); p != nil && p.proc != nil {
		p.proc.flush()
	}
}

// Shutdown flushes and stops exporting. It is idempotent, and concurrent
// callers (a deferred call in main racing a signal) all wait for the one
// shutdown to finish.
func Shutdown() {
	shutdownOnce.Do(func() {
		isShutdown.Store(true)
		if p := current.Load(); p != nil && p.proc != nil {
			p.proc.shutdown()
		}
	})
}

// Exit shuts tracing down, then exits: woven os.Exit call sites call it so
// that spans ended before the exit are not lost.
func Exit(code int) {
	Shutdown()
	os.Exit(code)
}

// Dropped returns how many ended spans were discarded because the export
// queue was full.
func Dropped() uint64 {
	if p := current.Load(); p != nil && p.proc != nil {
		return p.proc.dropped.Load()
	}
	return 0
}

// Goroutine-local parent hooks, set by the gls package at init.
var (
	// CurrentGoroutineSpan returns the span current on this goroutine; Start
	// asks it when ctx carries no span.
	CurrentGoroutineSpan func() *Span
	// SetGoroutineSpan makes s current on this goroutine and returns the
	// previous one; Start sets the new span and End restores the previous.
	SetGoroutineSpan func(s *Span) *Span
)

func callCurrentGoroutineSpan() (s *Span) {
	f := CurrentGoroutineSpan
	if f == nil {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			warnf("CurrentGoroutineSpan hook panicked: %v", r)
			s = nil
		}
	}()
	return f()
}

func callSetGoroutineSpan(s *Span) (prev *Span) {
	f := SetGoroutineSpan
	if f == nil {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			warnf("SetGoroutineSpan hook panicked: %v", r)
			prev = nil
		}
	}()
	return f(s)
}
