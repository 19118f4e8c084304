package otlp

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go-weave.dev/runtime/trace"
)

type hit struct {
	contentType string
	auth        string
	body        []byte
}

func server(t *testing.T, statuses []int, retryAfter string) (*httptest.Server, func() []hit) {
	var mu sync.Mutex
	var hits []hit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		n := len(hits)
		hits = append(hits, hit{r.Header.Get("Content-Type"), r.Header.Get("Authorization"), body})
		mu.Unlock()
		if r.URL.Path != "/v1/traces" || r.Method != http.MethodPost {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if n < len(statuses) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(statuses[n])
			fmt.Fprint(w, "refused by test")
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []hit {
		mu.Lock()
		defer mu.Unlock()
		return append([]hit(nil), hits...)
	}
}

func exporterFor(t *testing.T, env map[string]string) *Exporter {
	cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return New(cfg)
}

func TestRetryOn503ThenSuccess(t *testing.T) {
	srv, hits := server(t, []int{503, 503}, "")
	e := exporterFor(t, map[string]string{
		"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL,
		"OTEL_EXPORTER_OTLP_HEADERS":  "authorization=Bearer%20abc",
	})
	if err := e.Export(context.Background(), sampleSpans()); err != nil {
		t.Fatalf("export should succeed after retries: %v", err)
	}
	h := hits()
	if len(h) != 3 {
		t.Fatalf("%d requests, want 3", len(h))
	}
	for _, x := range h {
		if x.contentType != "application/x-protobuf" || x.auth != "Bearer abc" || string(x.body) != string(h[0].body) {
			t.Fatalf("request %+v", x.contentType)
		}
	}
}

func TestRetryAfterHonouredAndNonRetryableNotRetried(t *testing.T) {
	srv, hits := server(t, []int{429}, "0")
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": srv.URL + "/v1/traces", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"})
	if err := e.Export(context.Background(), sampleSpans()); err != nil || len(hits()) != 2 {
		t.Fatalf("err=%v hits=%d", err, len(hits()))
	}
	if hits()[0].contentType != "application/json" {
		t.Fatal("json content type")
	}

	srv2, hits2 := server(t, []int{400}, "")
	e2 := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv2.URL})
	if err := e2.Export(context.Background(), sampleSpans()); err == nil || !strings.Contains(err.Error(), `HTTP 400: "refused by test"`) || len(hits2()) != 1 {
		t.Fatalf("400 must fail without retry: err=%v hits=%d", err, len(hits2()))
	}
}

func TestRetryBoundedByTimeout(t *testing.T) {
	srv, hits := server(t, []int{503, 503, 503, 503, 503, 503, 503, 503, 503, 503}, "")
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL, "OTEL_EXPORTER_OTLP_TIMEOUT": "700"})
	err := e.Export(context.Background(), sampleSpans())
	if err == nil || len(hits()) >= 10 {
		t.Fatalf("want give-up before exhausting the server's 503s: err=%v hits=%d", err, len(hits()))
	}
}

func TestUnreachableCollectorFailsWithoutRetry(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://" + addr})
	if err := e.Export(context.Background(), sampleSpans()); err == nil {
		t.Fatal("export to a closed port succeeded")
	}
	if err := e.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := e.Export(context.Background(), sampleSpans()); err == nil {
		t.Fatal("export after shutdown should fail")
	}
}

func TestRequestContextIsSuppressed(t *testing.T) {
	var suppressed bool
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:1"})
	e.client.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		suppressed = trace.IsSuppressed(ctx)
		return nil, errors.New("no collector in this test")
	}
	if err := e.Export(context.Background(), sampleSpans()); err == nil || !suppressed {
		t.Fatalf("err=%v suppressed=%v", err, suppressed)
	}
}

func TestConfigFromEnv(t *testing.T) {
	cfg, err := ConfigFromEnv(func(string) string { return "" })
	if err != nil || cfg.Endpoint != "http://localhost:4318/v1/traces" || cfg.Protocol != ProtocolProtobuf || cfg.Timeout != 10*time.Second {
		t.Fatalf("defaults: %+v %v", cfg, err)
	}
	env := map[string]string{
		"OTEL_EXPORTER_OTLP_ENDPOINT":        "http://collector:4318/",
		"OTEL_EXPORTER_OTLP_HEADERS":         "a=1,b=x%3Dy",
		"OTEL_EXPORTER_OTLP_TRACES_HEADERS":  "A=2",
		"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json",
		"OTEL_EXPORTER_OTLP_PROTOCOL":        "http/protobuf",
		"OTEL_EXPORTER_OTLP_TIMEOUT":         "2500",
	}
	cfg, err = ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil || cfg.Endpoint != "http://collector:4318/v1/traces" || cfg.Protocol != ProtocolJSON || cfg.Timeout != 2500*time.Millisecond {
		t.Fatalf("%+v %v", cfg, err)
	}
	if len(cfg.Headers) != 2 || cfg.Headers[0] != [2]string{"a", "2"} || cfg.Headers[1] != [2]string{"b", "x=y"} {
		t.Fatalf("headers %v", cfg.Headers)
	}
	for k, v := range map[string]string{
		"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_TIMEOUT": "soon",
		"OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318", "OTEL_EXPORTER_OTLP_HEADERS": "novalue",
	} {
		_, err := ConfigFromEnv(func(n string) string {
			if n == k {
				return v
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), "expected") {
			t.Errorf("%s=%s: want a clear error, got %v", k, v, err)
		}
	}
}

func TestTLSWithCustomCA(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, cert, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL}
	cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	plain, err := NewWithTLS(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := plain.Export(context.Background(), sampleSpans()); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("an untrusted server certificate must fail the export, got %v", err)
	}
	env["OTEL_EXPORTER_OTLP_CERTIFICATE"] = caFile
	cfg, _ = ConfigFromEnv(func(k string) string { return env[k] })
	trusted, err := NewWithTLS(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := trusted.Export(context.Background(), sampleSpans()); err != nil {
		t.Fatalf("export with the CA configured: %v", err)
	}

	cfg.CACertFile = filepath.Join(t.TempDir(), "missing.pem")
	if _, err := NewWithTLS(cfg); err == nil || !strings.Contains(err.Error(), "missing.pem") {
		t.Fatalf("want an error naming the file, got %v", err)
	}
	env["OTEL_EXPORTER_OTLP_CLIENT_KEY"] = caFile
	if _, err := ConfigFromEnv(func(k string) string { return env[k] }); err == nil {
		t.Fatal("a client key without a certificate must be rejected")
	}
}
