// Package gls keeps the active span in a goroutine-local slot, so that spans
// started without a context.Context still find their parent.
//
// The slot is a field that weaver/aspects/gls.yml adds to the runtime's
// goroutine struct. The same aspect defines getSlot and setSlot inside the
// woven runtime and pushes them here with //go:linkname (a push from the
// runtime passes the linker's -checklinkname rule; a pull of a runtime symbol
// would not). New goroutines start with their creator's slot and the slot is
// cleared when a goroutine exits.
//
// The package therefore only links into a program whose runtime was woven
// with gls.yml; go-weave adds the import to main packages together with that
// aspect. Importing it into an unwoven build fails at link time with
// "relocation target go-weave.dev/runtime/gls.getSlot not defined".
package gls

import (
	"unsafe"

	"go-weave.dev/runtime/trace"
)

// Defined in the woven runtime; gls.s lets the compiler accept the missing
// bodies.
func getSlot() unsafe.Pointer
func setSlot(p unsafe.Pointer)

// Span returns the span current on the calling goroutine, or nil.
func Span() *trace.Span { return (*trace.Span)(getSlot()) }

// SetSpan makes s current on the calling goroutine and returns the previous
// span; pass the previous span back to restore it.
func SetSpan(s *trace.Span) *trace.Span {
	prev := (*trace.Span)(getSlot())
	setSlot(unsafe.Pointer(s))
	return prev
}

func init() {
	trace.CurrentGoroutineSpan = Span
	trace.SetGoroutineSpan = SetSpan
}
