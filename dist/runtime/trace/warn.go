package trace

import (
	"fmt"
	"os"
	"sync"
)

var warned sync.Map // message -> struct{}

// warnf prints one line to stderr, at most once per distinct message, so a
// misconfiguration cannot flood the program's output.
func warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if _, dup := warned.LoadOrStore(msg, struct{}{}); dup {
		return
	}
	fmt.Fprintf(os.Stderr, "go-weave: trace: %s\n", msg)
}
