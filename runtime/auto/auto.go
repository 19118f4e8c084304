// Package auto registers the OTLP exporter in one blank import, for a program
// instrumented by hand; OTEL_TRACES_EXPORTER picks among it and the console
// exporter (built into trace) when the first span starts. (Woven main packages
// import go-weave.dev/runtime/otlp directly: one package fewer for the go
// command to check on every build.)
package auto

import _ "go-weave.dev/runtime/otlp"
