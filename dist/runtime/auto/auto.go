// Package auto registers the OTLP and console exporters in one blank import,
// for a program instrumented by hand; OTEL_TRACES_EXPORTER picks among them
// when the first span starts. (Woven main packages import both directly: one
// package fewer for the go command to check on every build.)
package auto

import (
	_ "go-weave.dev/runtime/console"
	_ "go-weave.dev/runtime/otlp"
)
