// Package trace is the tracing core that woven code calls.
//
// It is imported from woven standard-library packages (net/http, database/sql,
// testing), so it must never import those packages or anything that imports
// them: deps_test.go enforces that. Exporters live in sibling packages and
// register themselves with RegisterExporter.
//
// Configuration comes from the standard OTEL_* environment variables, read
// lazily when the first span starts. Two variables are specific to go-weave:
//
//	GOWEAVE_TRACE_SIGNALS=false  do not install the SIGINT/SIGTERM/SIGHUP flush handler
//
// Nothing in this package panics into the calling program: a nil *Span is a
// valid no-op span, and hooks, guards and exporters are called under recover.
package trace

// sdkVersion is reported as telemetry.sdk.version and as the scope version.
const sdkVersion = "0.1.0"

// ScopeName is the instrumentation scope every span is reported under.
const ScopeName = "go-weave.dev/runtime/trace"
