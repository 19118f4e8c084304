package trace

import "testing"

// stops runs f below a deferred function and reports whether that function
// stopped f's panic (the code after it ran). guarded: written as woven code
// writes it, recover only when Recoverable.
func stops(guarded bool, f func()) (stopped bool) {
	defer func() { recover() }() // whatever got through ends here
	func() {
		defer func() {
			if !guarded || Recoverable() {
				if r := recover(); r != nil {
					panic(r)
				}
			}
		}()
		f()
	}()
	return true
}

func TestRecoverableFollowsGODEBUG(t *testing.T) {
	nilPanic := func() { panic(nil) }
	valuePanic := func() { panic("boom") }
	// This module's go line (1.18) makes panicnil=1 its tests' default: the environment decides.
	t.Setenv("GODEBUG", "panicnil=0")
	if !Recoverable() {
		t.Fatal("Recoverable() = false with GODEBUG=panicnil=0")
	}
	if stops(true, nilPanic) || stops(true, valuePanic) {
		t.Fatal("a panic was stopped under panicnil=0")
	}

	t.Setenv("GODEBUG", "panicnil=1")
	if Recoverable() {
		t.Fatal("Recoverable() = true with GODEBUG=panicnil=1")
	}
	// What Recoverable exists for: recover reports nil for panic(nil), and the usual pattern
	// stops the panic for good.
	if !stops(false, nilPanic) {
		t.Fatal("GODEBUG=panicnil=1 set at run time did not reach the runtime")
	}
	if stops(true, nilPanic) || stops(true, valuePanic) {
		t.Fatal("a panic was stopped under panicnil=1")
	}

	t.Setenv("GODEBUG", "panicnil=0")
	if !Recoverable() {
		t.Fatal("Recoverable() = false once GODEBUG says panicnil=0 again")
	}
}

func BenchmarkRecoverable(b *testing.B) {
	for b.Loop() {
		Recoverable()
	}
}
