package otlp

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"go-weave.dev/runtime/trace"
)

// Retry backoff bounds; every wait is also capped by the export deadline.
const (
	initialBackoff = 200 * time.Millisecond
	maxBackoff     = 5 * time.Second
	minRetryWait   = 50 * time.Millisecond
	maxBodyRead    = 64 << 10
	maxDetail      = 200
)

// Exporter sends spans to an OTLP/HTTP collector.
type Exporter struct {
	cfg      Config
	client   *client
	warnOnce sync.Once
	stopped  atomic.Bool
}

// New returns an exporter for cfg, ignoring its TLS files; NewWithTLS
// loads them.
func New(cfg Config) *Exporter {
	return &Exporter{cfg: cfg, client: newClient()}
}

// NewWithTLS is New plus the CA bundle and client certificate named in cfg.
// Unreadable or invalid files are an error naming the file.
func NewWithTLS(cfg Config) (*Exporter, error) {
	e := New(cfg)
	if cfg.CACertFile == "" && cfg.ClientCertFile == "" {
		return e, nil
	}
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.CACertFile != "" {
		pem, err := os.ReadFile(cfg.CACertFile)
		if err != nil {
			return nil, fmt.Errorf("CA certificate: %v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA certificate %s: expected PEM-encoded certificates", cfg.CACertFile)
		}
		tlsCfg.RootCAs = pool
	}
	if cfg.ClientCertFile != "" {
		pair, err := tls.LoadX509KeyPair(cfg.ClientCertFile, cfg.ClientKeyFile)
		if err != nil {
			return nil, fmt.Errorf("client certificate %s / key %s: %v", cfg.ClientCertFile, cfg.ClientKeyFile, err)
		}
		tlsCfg.Certificates = []tls.Certificate{pair}
	}
	e.client.tls = tlsCfg
	return e, nil
}

// Export encodes and posts spans, retrying throttling and gateway errors.
// Failures are reported once on stderr and returned.
func (e *Exporter) Export(ctx context.Context, spans []trace.ReadOnlySpan) error {
	if len(spans) == 0 {
		return nil
	}
	if e.stopped.Load() {
		return errors.New("otlp: exporter is shut down")
	}
	err := e.export(ctx, spans)
	if trace.ForTests() {
		// A connection kept for the next export has goroutines of its own, which a test's
		// goroutine-leak check would count against it.
		e.client.closeIdle()
	}
	if err != nil && !e.quietFailure(err) {
		e.warnOnce.Do(func() {
			fmt.Fprintf(os.Stderr, "go-weave: otlp: export to %s failed: %v (further failures are not reported)\n", e.cfg.Endpoint, err)
		})
	}
	return err
}

// quietFailure tells a failure not worth a word: in a test binary whose environment asks for
// no exporter, no collector listening on the default endpoint. Tests run where no collector
// runs far more often than where one does, and their output is read line by line; one that
// listens there still gets the spans.
func (e *Exporter) quietFailure(err error) bool {
	return trace.ForTests() && e.cfg.Unasked && errors.Is(err, syscall.ECONNREFUSED)
}

func (e *Exporter) export(ctx context.Context, spans []trace.ReadOnlySpan) error {
	body, contentType, err := e.encode(spans)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(trace.WithSuppressed(ctx), e.cfg.Timeout)
	defer cancel()
	backoff := initialBackoff
	for attempt := 1; ; attempt++ {
		status, retryAfter, detail, err := e.post(ctx, body, contentType)
		if err != nil {
			// Connection failures are not retried: an absent collector
			// must not hold the program up for the whole timeout.
			return err
		}
		if status >= 200 && status < 300 {
			return nil
		}
		if !retryable(status) {
			return fmt.Errorf("collector answered HTTP %d%s", status, detail)
		}
		wait := jitter(backoff)
		if retryAfter >= 0 {
			// A floor keeps a server answering "Retry-After: 0" from being
			// hammered until the deadline.
			wait = longer(retryAfter, minRetryWait)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("collector answered HTTP %d; no time left to retry after %d attempts", status, attempt)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("collector answered HTTP %d; gave up: %v", status, ctx.Err())
		case <-t.C:
		}
		backoff = shorter(backoff*2, maxBackoff)
	}
}

func (e *Exporter) encode(spans []trace.ReadOnlySpan) ([]byte, string, error) {
	var body []byte
	contentType := "application/x-protobuf"
	if e.cfg.Protocol == ProtocolJSON {
		var err error
		if body, err = MarshalJSON(spans); err != nil {
			return nil, "", err
		}
		contentType = "application/json"
	} else {
		body = MarshalProtobuf(spans)
	}
	if e.cfg.Gzip {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(body)
		if err := zw.Close(); err != nil {
			return nil, "", err
		}
		body = buf.Bytes()
	}
	return body, contentType, nil
}

// post sends one request; retryAfter is the server's Retry-After delay, or
// -1 when absent; detail quotes the start of an error response's body.
func (e *Exporter) post(ctx context.Context, body []byte, contentType string) (status int, retryAfter time.Duration, detail string, err error) {
	header := http.Header{}
	header.Set("Content-Type", contentType)
	header.Set("User-Agent", "go-weave-otlp/0.1.0")
	if e.cfg.Gzip {
		header.Set("Content-Encoding", "gzip")
	}
	for _, h := range e.cfg.Headers {
		header.Set(h[0], h[1])
	}
	r, err := e.client.post(ctx, e.cfg.Endpoint, header, body)
	if err != nil {
		return 0, -1, "", err
	}
	if r.status >= 300 && len(r.body) > 0 && !strings.Contains(r.header.Get("Content-Type"), "protobuf") {
		text := strings.TrimSpace(string(r.body))
		if len(text) > maxDetail {
			text = text[:maxDetail] + "…"
		}
		detail = ": " + strconv.Quote(text)
	}
	return r.status, parseRetryAfter(r.header.Get("Retry-After")), detail, nil
}

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// parseRetryAfter accepts delay-seconds or an HTTP date; -1 means absent or invalid.
func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return -1
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return longer(time.Until(t), 0)
	}
	return -1
}

// jitter spreads retries of many processes over ±20% of the backoff.
func jitter(d time.Duration) time.Duration {
	return d*8/10 + time.Duration(rand.Int64N(int64(d)*4/10+1))
}

// Shutdown stops further exports and closes idle connections.
func (e *Exporter) Shutdown(ctx context.Context) error {
	e.stopped.Store(true)
	e.client.closeIdle()
	return nil
}

// The module keeps a go line old enough not to raise the go line of the
// modules it is woven into, which predates the min and max built-ins.
func longer(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

func shorter(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}
