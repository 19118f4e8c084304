// Package otlp is the OTLP/HTTP trace exporter, registered as "otlp".
//
// Settings (standard OpenTelemetry variables; the _TRACES_ form wins):
//
//	OTEL_EXPORTER_OTLP_TRACES_ENDPOINT  full URL, used as-is
//	OTEL_EXPORTER_OTLP_ENDPOINT         base URL; "/v1/traces" is appended (default http://localhost:4318)
//	OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL    http/protobuf (default) or http/json
//	OTEL_EXPORTER_OTLP_[TRACES_]HEADERS     k=v,k2=v2 with %XX escapes
//	OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT     milliseconds per export (default 10000)
//	OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION gzip or none (default none)
//	OTEL_EXPORTER_OTLP_[TRACES_]CERTIFICATE PEM CA bundle trusted for https endpoints
//	OTEL_EXPORTER_OTLP_[TRACES_]CLIENT_CERTIFICATE, _CLIENT_KEY  PEM pair for mutual TLS
//
// Both encodings are written by hand from the OTLP proto definitions; the
// module stays standard-library only.
package otlp

import "go-weave.dev/runtime/trace"

func init() {
	trace.RegisterExporter("otlp", func() (trace.Exporter, error) {
		cfg, err := ConfigFromEnv(envLookup)
		if err != nil {
			return nil, err
		}
		return NewWithTLS(cfg)
	})
}
