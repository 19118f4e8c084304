package trace

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

var signalOnce sync.Once

// installSignalHandler flushes on SIGINT/SIGTERM, then restores the default
// disposition and re-raises the signal so the program still dies of it (exit
// status and parent's view unchanged). Signals the program was started with
// ignored stay ignored: Notify would otherwise re-enable them.
//
// Limitation: a program with its own Notify for these signals will be
// terminated after the flush; GOWEAVE_TRACE_SIGNALS=false turns this off.
func installSignalHandler() {
	signalOnce.Do(func() {
		var sigs []os.Signal
		for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
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
			sig := <-ch
			Shutdown()
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
		}()
	})
}
