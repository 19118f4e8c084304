package otlp

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countConns counts the connections srv accepts.
func countConns(srv *httptest.Server) *atomic.Int32 {
	var n atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			n.Add(1)
		}
	}
	return &n
}

func TestOneConnectionCarriesEveryExport(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	}))
	conns := countConns(srv)
	srv.Start()
	defer srv.Close()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL})
	for i := 0; i < 3; i++ {
		if err := e.export(context.Background(), sampleSpans()); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("%d connections for 3 exports, want 1", n)
	}

	// The collector drops the kept connection between exports: the next one dials again and
	// sends its spans once.
	srv2, hits := server(t, nil, "")
	e2 := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv2.URL})
	if err := e2.export(context.Background(), sampleSpans()); err != nil {
		t.Fatal(err)
	}
	srv2.CloseClientConnections()
	if err := e2.export(context.Background(), sampleSpans()); err != nil {
		t.Fatalf("export after the collector closed the idle connection: %v", err)
	}
	if n := len(hits()); n != 2 {
		t.Fatalf("collector saw %d requests, want 2", n)
	}
}

func TestCollectorClosingEachConnection(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
	}))
	conns := countConns(srv)
	srv.Start()
	defer srv.Close()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL})
	for i := 0; i < 2; i++ {
		if err := e.export(context.Background(), sampleSpans()); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 2 {
		t.Fatalf("%d connections, want 2 (the collector closes each)", n)
	}
}

func TestStalledCollectorBoundedByTimeout(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			// Read the request, never answer.
			go io.Copy(io.Discard, c)
		}
	}()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://" + l.Addr().String(), "OTEL_EXPORTER_OTLP_TIMEOUT": "300"})
	err = e.export(context.Background(), sampleSpans())
	if err == nil || !strings.Contains(err.Error(), "context deadline exceeded") {
		t.Fatalf("want the export's deadline named, got %v", err)
	}
}

func TestCollectorHangingUpWithoutAnswer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Read(make([]byte, 1))
			c.Close()
		}
	}()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://" + l.Addr().String()})
	err = e.export(context.Background(), sampleSpans())
	if err == nil || !strings.Contains(err.Error(), "connection closed before a response") {
		t.Fatalf("want the hang-up named, got %v", err)
	}
	// A new connection is not retried: the collector may have taken the spans.
	if n := accepted.Load(); n != 1 {
		t.Fatalf("%d connections, want 1", n)
	}
}

func TestInformationalAndRedirectAnswers(t *testing.T) {
	var got atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/v1/traces":
			w.Header().Set("Location", "/moved/v1/traces")
			w.WriteHeader(http.StatusTemporaryRedirect)
		case "/moved/v1/traces":
			if len(body) == 0 || r.Method != http.MethodPost {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			w.Header().Set("Link", "</style.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			w.WriteHeader(http.StatusOK)
			got.Add(1)
		case "/away/v1/traces":
			w.Header().Set("Location", "http://collector.invalid/v1/traces")
			w.WriteHeader(http.StatusPermanentRedirect)
		}
	}))
	defer srv.Close()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL})
	if err := e.export(context.Background(), sampleSpans()); err != nil || got.Load() != 1 {
		t.Fatalf("err=%v received=%d", err, got.Load())
	}
	away := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": srv.URL + "/away/v1/traces"})
	if err := away.export(context.Background(), sampleSpans()); err == nil || !strings.Contains(err.Error(), "http://collector.invalid/v1/traces, another origin") {
		t.Fatalf("a redirect to another host must not carry the headers there: %v", err)
	}
}

// proxy is a forward proxy on loopback: CONNECT tunnels, and plain requests in absolute form,
// which it answers itself as the collector would.
type proxy struct {
	mu    sync.Mutex
	lines []string // request lines and their Proxy-Authorization
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.lines = append(p.lines, r.Method+" "+r.RequestURI+" "+r.Header.Get("Proxy-Authorization"))
	p.mu.Unlock()
	if r.Method != http.MethodConnect {
		io.Copy(io.Discard, r.Body)
		return
	}
	up, err := net.Dial("tcp", r.Host)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
	http.NewResponseController(w).Flush()
	c, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		up.Close()
		return
	}
	go func() { io.Copy(up, buf); up.Close() }()
	io.Copy(c, up)
	c.Close()
}

func (p *proxy) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.lines...)
}

func TestProxyFromEnvironment(t *testing.T) {
	p := &proxy{}
	ps := httptest.NewServer(p)
	defer ps.Close()
	via, _ := url.Parse(ps.URL)
	via.User = url.UserPassword("otel", "s3cret")
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte("otel:s3cret"))
	// Loopback never goes through a proxy (net/http's rule), so the choice is made here.
	through := func(e *Exporter) { e.client.proxy = func(*http.Request) (*url.URL, error) { return via, nil } }

	plain := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector.example:4318"})
	through(plain)
	if err := plain.export(context.Background(), sampleSpans()); err != nil {
		t.Fatal(err)
	}
	if s := p.seen(); len(s) != 1 || s[0] != "POST http://collector.example:4318/v1/traces "+wantAuth {
		t.Fatalf("proxy saw %q", s)
	}

	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer tlsSrv.Close()
	e := exporterFor(t, map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": tlsSrv.URL})
	through(e)
	e.client.tls = tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig
	if err := e.export(context.Background(), sampleSpans()); err != nil {
		t.Fatal(err)
	}
	if s := p.seen(); len(s) != 2 || s[1] != "CONNECT "+strings.TrimPrefix(tlsSrv.URL, "https://")+" "+wantAuth {
		t.Fatalf("proxy saw %q", s)
	}

	via.Scheme = "socks5"
	if err := plain.export(context.Background(), sampleSpans()); err == nil || !strings.Contains(err.Error(), "expected an http:// or https:// proxy") {
		t.Fatalf("want a clear error for a proxy scheme not spoken, got %v", err)
	}
}

func TestMutualTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "client.pem"), filepath.Join(dir, "client-key.pem")
	clientCert := writeClientCert(t, certFile, keyFile)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.TLS.PeerCertificates) == 0 || r.TLS.PeerCertificates[0].Subject.CommonName != "otlp-client" {
			w.WriteHeader(http.StatusForbidden)
		}
	}))
	pool := x509.NewCertPool()
	pool.AddCert(clientCert)
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	srv.StartTLS()
	defer srv.Close()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL, "OTEL_EXPORTER_OTLP_CERTIFICATE": caFile}
	export := func() error {
		cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		e, err := NewWithTLS(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return e.export(context.Background(), sampleSpans())
	}
	if err := export(); err == nil {
		t.Fatal("a collector asking for a client certificate accepted an export without one")
	}
	env["OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE"] = certFile
	env["OTEL_EXPORTER_OTLP_CLIENT_KEY"] = keyFile
	if err := export(); err != nil {
		t.Fatalf("export with the client certificate: %v", err)
	}
}

func writeClientCert(t *testing.T, certFile, keyFile string) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "otlp-client"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}
