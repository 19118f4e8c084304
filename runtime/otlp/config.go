package otlp

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"go-weave.dev/runtime/trace"
)

// Protocols understood by the exporter.
const (
	ProtocolProtobuf = "http/protobuf"
	ProtocolJSON     = "http/json"
)

// Config is the resolved exporter configuration.
type Config struct {
	Endpoint string
	Protocol string
	Headers  [][2]string
	Timeout  time.Duration
	Gzip     bool
	// PEM files for TLS: a CA bundle to trust instead of the system roots,
	// and a client certificate/key pair for mutual TLS.
	CACertFile     string
	ClientCertFile string
	ClientKeyFile  string
	// Unasked: neither OTEL_TRACES_EXPORTER nor an endpoint variable is set, so the exporter
	// is the default one, sending to the default endpoint.
	Unasked bool
}

func envLookup(name string) string { return os.Getenv(name) }

// ConfigFromEnv resolves the OTEL_EXPORTER_OTLP_* variables. Errors name the
// variable and what was expected.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	pick := func(suffix string) (string, string) {
		if v := strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_TRACES_" + suffix)); v != "" {
			return "OTEL_EXPORTER_OTLP_TRACES_" + suffix, v
		}
		return "OTEL_EXPORTER_OTLP_" + suffix, strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_" + suffix))
	}
	cfg := Config{Protocol: ProtocolProtobuf, Timeout: 10 * time.Second}

	endpointVar := "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
	if v := strings.TrimSpace(getenv(endpointVar)); v != "" {
		cfg.Endpoint = v
	} else if v := strings.TrimSpace(getenv("OTEL_EXPORTER_OTLP_ENDPOINT")); v != "" {
		endpointVar = "OTEL_EXPORTER_OTLP_ENDPOINT"
		cfg.Endpoint = strings.TrimRight(v, "/") + "/v1/traces"
	} else {
		cfg.Endpoint = "http://localhost:4318/v1/traces"
		cfg.Unasked = strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER")) == ""
	}
	u, err := url.Parse(cfg.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, fmt.Errorf("%s: %q: expected an http:// or https:// URL", endpointVar, cfg.Endpoint)
	}

	if name, v := pick("PROTOCOL"); v != "" {
		switch v {
		case ProtocolProtobuf, ProtocolJSON:
			cfg.Protocol = v
		default:
			return cfg, fmt.Errorf("%s=%q: expected http/protobuf or http/json (grpc is not supported)", name, v)
		}
	}
	for _, name := range []string{"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"} {
		kvs, err := trace.ParseKeyValueList(getenv(name))
		if err != nil {
			return cfg, fmt.Errorf("%s: %v", name, err)
		}
		for _, kv := range kvs {
			cfg.Headers = setHeader(cfg.Headers, kv[0], kv[1])
		}
	}
	if name, v := pick("TIMEOUT"); v != "" {
		ms, err := strconv.Atoi(v)
		if err != nil || ms <= 0 {
			return cfg, fmt.Errorf("%s=%q: expected a positive number of milliseconds", name, v)
		}
		cfg.Timeout = time.Duration(ms) * time.Millisecond
	}
	if name, v := pick("COMPRESSION"); v != "" {
		switch strings.ToLower(v) {
		case "gzip":
			cfg.Gzip = true
		case "none":
		default:
			return cfg, fmt.Errorf("%s=%q: expected gzip or none", name, v)
		}
	}
	_, cfg.CACertFile = pick("CERTIFICATE")
	_, cfg.ClientCertFile = pick("CLIENT_CERTIFICATE")
	_, cfg.ClientKeyFile = pick("CLIENT_KEY")
	if (cfg.ClientCertFile == "") != (cfg.ClientKeyFile == "") {
		return cfg, fmt.Errorf("OTEL_EXPORTER_OTLP_[TRACES_]CLIENT_CERTIFICATE and _CLIENT_KEY: expected both or neither")
	}
	return cfg, nil
}

// setHeader lets the traces-specific variable override a general header
// with the same (case-insensitive) name.
func setHeader(hs [][2]string, k, v string) [][2]string {
	for i := range hs {
		if strings.EqualFold(hs[i][0], k) {
			hs[i][1] = v
			return hs
		}
	}
	return append(hs, [2]string{k, v})
}
