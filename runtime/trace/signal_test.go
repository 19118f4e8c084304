package trace

import (
	"syscall"
	"testing"
	"time"
)

// A signal that reached the runtime before the program asked for it went to no channel of the
// program's: the runtime must not take it as one the program handles, or a program waiting for it
// would wait forever.
func TestProgramHandlesOnlySignalsAfterItAsked(t *testing.T) {
	before := time.Now()
	ProgramHandlesSignals(syscall.SIGUSR2)
	after := time.Now()
	if programHandles(syscall.SIGUSR2, before) {
		t.Error("a signal received before the program asked for it counts as handled")
	}
	if !programHandles(syscall.SIGUSR2, after) {
		t.Error("a signal received after the program asked for it does not count as handled")
	}
	// Asking again later keeps the first time.
	ProgramHandlesSignals(syscall.SIGUSR2)
	if !programHandles(syscall.SIGUSR2, after) {
		t.Error("asking again moved the time the program first asked")
	}
	if programHandles(syscall.SIGWINCH, after) {
		t.Error("a signal the program never asked for counts as handled")
	}
}
