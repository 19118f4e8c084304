package trace

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

var (
	signalOnce sync.Once

	// When the program first asked for each signal (programSignalsAll: for all of them), so that
	// a signal that reached the runtime before that is not taken for one the program received.
	programSignalsMu  sync.Mutex
	programSignalsAll time.Time
	programSignals    = map[os.Signal]time.Time{}
)

// ProgramHandlesSignals records that the program itself handles sigs (all
// signals when none are given) with signal.Notify; woven signal.Notify call
// sites call it with the same arguments, just before they register. On such a
// signal the runtime only flushes and leaves the outcome to the program, whose
// deferred Shutdown (or Exit) exports the rest.
func ProgramHandlesSignals(sigs ...os.Signal) {
	now := time.Now()
	programSignalsMu.Lock()
	defer programSignalsMu.Unlock()
	if len(sigs) == 0 && programSignalsAll.IsZero() {
		programSignalsAll = now
	}
	for _, s := range sigs {
		if _, ok := programSignals[s]; !ok {
			programSignals[s] = now
		}
	}
}

// programHandles tells whether the program may have received sig, which reached the runtime
// at received. Asking for a signal after that (the program registering while the signal was on
// its way) means the program's channel missed it: left alone, a program waiting for it would
// wait forever where, without go-weave, the signal would have ended it. (A registration between
// the signal's arrival and the runtime reading it still counts as before: os/signal does not
// say when a signal arrived.)
func programHandles(sig os.Signal, received time.Time) bool {
	programSignalsMu.Lock()
	defer programSignalsMu.Unlock()
	if !programSignalsAll.IsZero() && programSignalsAll.Before(received) {
		return true
	}
	t, ok := programSignals[sig]
	return ok && t.Before(received)
}

// installSignalHandler flushes on SIGINT, SIGTERM and SIGHUP (a closed terminal
// ends a program run from it, and a daemon that leaves SIGHUP alone dies of it
// the same way). Unless the program handles
// the signal itself (ProgramHandlesSignals), it then shuts down, restores the
// default disposition and re-raises the signal, so the program still dies of
// it as it would have without us. Signals the program was started with
// ignored stay ignored: Notify would otherwise re-enable them.
//
// A program that calls signal.Notify without ProgramHandlesSignals (not
// woven) is terminated after the flush; GOWEAVE_TRACE_SIGNALS=false turns the
// handler off.
func installSignalHandler() {
	signalOnce.Do(func() {
		var sigs []os.Signal
		for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
			if !signal.Ignored(s) {
				sigs = append(sigs, s)
			}
		}
		if len(sigs) == 0 {
			return
		}
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, sigs...)
		go func() {
			for sig := range ch {
				if programHandles(sig, time.Now()) {
					Flush()
					continue
				}
				Shutdown()
				reraise(sig)
			}
		}()
	})
}

func reraise(sig os.Signal) {
	signal.Reset(sig)
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		_ = p.Signal(sig)
	}
	// Where re-raising is impossible, exit with the shell convention.
	time.Sleep(2 * time.Second)
	code := 1
	if n, ok := sig.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}

// Notify stands in for signal.Notify at woven call sites: the program keeps control of the
// signals it asks for, and the runtime only flushes when they arrive.
func Notify(c chan<- os.Signal, sigs ...os.Signal) {
	ProgramHandlesSignals(sigs...)
	signal.Notify(c, sigs...)
}

// NotifyContext stands in for signal.NotifyContext at woven call sites, for the same reason as
// Notify: the program's context is cancelled and the program decides how it ends.
func NotifyContext(parent context.Context, sigs ...os.Signal) (context.Context, context.CancelFunc) {
	ProgramHandlesSignals(sigs...)
	return signal.NotifyContext(parent, sigs...)
}
