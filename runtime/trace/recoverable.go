package trace

import (
	"os"
	"sync/atomic"
)

// Recoverable reports whether a deferred function may call recover to learn
// of a panic, record it and raise it again unchanged. Woven code checks it
// before calling recover.
//
// It is false while GODEBUG panicnil=1 is in effect (the default of a program
// whose go.mod says go 1.20 or older, or set in the environment, even while
// the program runs). Then panic(nil) recovers as nil, which a deferred
// function cannot tell from a normal return: calling recover there would stop
// that panic for good. Woven code then leaves panics alone, and its spans end
// without them.
func Recoverable() bool {
	g := os.Getenv("GODEBUG")
	if s := recoverable.Load(); s != nil && s.godebug == g {
		return s.ok
	}
	ok := nilPanicRecoversNonNil()
	recoverable.Store(&recoverableState{godebug: g, ok: ok})
	return ok
}

type recoverableState struct {
	godebug string
	ok      bool
}

// The answer for the GODEBUG it was found with: the runtime reads the
// variable again when the program sets it, and so does Recoverable.
var recoverable atomic.Pointer[recoverableState]

// nilPanicRecoversNonNil asks the runtime itself, which knows the program's
// default GODEBUG as well as the environment's.
func nilPanicRecoversNonNil() (ok bool) {
	defer func() { ok = recover() != nil }()
	panic(nil)
}
