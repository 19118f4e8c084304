// Package auto is blank-imported by woven main packages. Importing it
// registers the OTLP and console exporters; OTEL_TRACES_EXPORTER picks
// among them when the first span starts.
package auto

import (
	_ "go-weave.dev/runtime/console"
	_ "go-weave.dev/runtime/otlp"
)
