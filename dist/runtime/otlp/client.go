package otlp

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// client posts to the collector over HTTP/1.1 connections it dials itself, with net/http's own
// framing (Request.Write, ReadResponse). An http.Client would do the same, but its Transport,
// and the HTTP/2 client inside it, would be linked into every woven program that makes no
// HTTP request of its own: half a megabyte more for the linker to write on every rebuild of a
// server. OTLP/HTTP needs neither HTTP/2 nor a pool: exports leave one at a time, so one
// connection is kept for the next.
type client struct {
	tls   *tls.Config // nil: the system's roots
	proxy func(*http.Request) (*url.URL, error)
	dial  func(ctx context.Context, network, addr string) (net.Conn, error)

	mu   sync.Mutex
	idle *conn
}

type conn struct {
	net.Conn
	br        *bufio.Reader
	key       string // the endpoint and proxy it was dialled for
	idleSince time.Time
}

// A connection idle for longer is not used again: a firewall or NAT may have dropped it without
// a word, and a write into it would wait for the export's whole timeout.
const maxIdle = 30 * time.Second

// reply is what post keeps of a response: its body is read, up to maxBodyRead.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func newClient() *client {
	var d net.Dialer
	return &client{proxy: http.ProxyFromEnvironment, dial: d.DialContext}
}

// A deadline in the past wakes a connection's blocked reads and writes when the export's
// context is done.
var longAgo = time.Unix(1, 0)

// Redirects that keep the method and the body (RFC 9110, 307 and 308) are followed, as far as
// http.Client would and only within the endpoint's origin: OTLP headers carry API keys.
const maxRedirects = 10

func (c *client) post(ctx context.Context, endpoint string, header http.Header, body []byte) (reply, error) {
	target := endpoint
	for hops := 0; ; hops++ {
		r, err := c.send(ctx, target, header, body)
		if err != nil || (r.status != http.StatusTemporaryRedirect && r.status != http.StatusPermanentRedirect) {
			return r, err
		}
		loc := r.header.Get("Location")
		if loc == "" {
			return r, nil
		}
		from, _ := url.Parse(target)
		to, err := from.Parse(loc)
		if err != nil {
			return reply{}, fmt.Errorf("collector at %s redirected to %q: %v", target, loc, err)
		}
		if to.Scheme != from.Scheme || to.Host != from.Host {
			return reply{}, fmt.Errorf("collector at %s redirected to %s, another origin: set the endpoint to it to send there", target, to.Redacted())
		}
		if hops == maxRedirects {
			return reply{}, fmt.Errorf("collector at %s: stopped after %d redirects", endpoint, maxRedirects)
		}
		target = to.String()
	}
}

// send posts once to endpoint, on the kept connection when it leads there.
func (c *client) send(ctx context.Context, endpoint string, header http.Header, body []byte) (reply, error) {
	req, err := newPost(ctx, endpoint, header, body)
	if err != nil {
		return reply{}, err
	}
	proxy, err := c.proxy(req)
	if err != nil {
		return reply{}, fmt.Errorf("proxy for %s: %v", endpoint, err)
	}
	key := req.URL.Scheme + "://" + hostPort(req.URL)
	if proxy != nil {
		key += " via " + proxy.Redacted()
	}
	for {
		cn, reused := c.take(key)
		if cn == nil {
			if cn, err = c.connect(ctx, req.URL, proxy, key); err != nil {
				return reply{}, failure(ctx, err)
			}
		}
		r, keep, err := roundTrip(ctx, cn, req, proxy)
		if _, stale := err.(*staleError); stale && reused {
			// The collector closed the kept connection while it sat idle: nothing reached it.
			cn.Close()
			if req, err = newPost(ctx, endpoint, header, body); err != nil {
				return reply{}, err
			}
			continue
		}
		if err != nil {
			cn.Close()
			return reply{}, failure(ctx, err)
		}
		if keep {
			c.put(cn)
		} else {
			cn.Close()
		}
		return r, nil
	}
}

func newPost(ctx context.Context, endpoint string, header http.Header, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	return req, nil
}

// failure says the context's reason when the deadline or a cancellation broke the connection
// (the connection's own error is then an i/o timeout).
func failure(ctx context.Context, err error) error {
	cause := ctx.Err()
	if d, ok := ctx.Deadline(); ok && cause == nil && !time.Now().Before(d) {
		// The connection's deadline, the same instant, can fire before the context's timer.
		cause = context.DeadlineExceeded
	}
	if cause != nil {
		return fmt.Errorf("%w (%v)", cause, err)
	}
	return err
}

// staleError is a connection that ended before any byte of the response: on a kept connection,
// the collector closed it while it sat idle, and nothing reached it.
type staleError struct{ err error }

func (e *staleError) Error() string { return "connection closed before a response: " + e.err.Error() }
func (e *staleError) Unwrap() error { return e.err }

// roundTrip writes req on cn and reads the response; keep tells whether cn may carry the next.
func roundTrip(ctx context.Context, cn *conn, req *http.Request, proxy *url.URL) (reply, bool, error) {
	stop := bound(ctx, cn)
	r, keep, err := exchange(cn, req, proxy)
	if !stop() {
		// The context ended mid-way: the deadline it set may land after any reset here.
		keep = false
	}
	if keep {
		cn.SetDeadline(time.Time{})
	}
	return r, keep, err
}

func exchange(cn *conn, req *http.Request, proxy *url.URL) (reply, bool, error) {
	bw := bufio.NewWriter(cn)
	var err error
	if proxy != nil && req.URL.Scheme == "http" {
		// Plain HTTP goes to the proxy whole, with the absolute URL in its request line.
		if auth := proxyAuth(proxy); auth != "" {
			req.Header.Set("Proxy-Authorization", auth)
		}
		err = req.WriteProxy(bw)
	} else {
		err = req.Write(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		_, err = cn.br.Peek(1)
	}
	if err != nil {
		if closedByPeer(err) {
			return reply{}, false, &staleError{err}
		}
		return reply{}, false, err
	}
	resp, err := http.ReadResponse(cn.br, req)
	// Informational answers (103 Early Hints, an unasked 100 Continue) come before the final one.
	for err == nil && resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols {
		resp, err = http.ReadResponse(cn.br, req)
	}
	if err != nil {
		return reply{}, false, err
	}
	// Read (bounded) so the connection can carry the next export; a longer body closes it.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyRead+1))
	keep := err == nil && len(body) <= maxBodyRead && !resp.Close
	if len(body) > maxBodyRead {
		body = body[:maxBodyRead]
	}
	if keep {
		resp.Body.Close()
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: body}, keep, nil
}

// bound makes cn's reads and writes give up with ctx; the returned func undoes it and tells
// whether it did so before ctx ended.
func bound(ctx context.Context, cn net.Conn) func() bool {
	if d, ok := ctx.Deadline(); ok {
		cn.SetDeadline(d)
	}
	return context.AfterFunc(ctx, func() { cn.SetDeadline(longAgo) })
}

func closedByPeer(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// connect dials target, through proxy when there is one (a CONNECT tunnel for https), and
// shakes hands for https.
func (c *client) connect(ctx context.Context, target, proxy *url.URL, key string) (*conn, error) {
	addr := hostPort(target)
	dialAddr := addr
	if proxy != nil {
		if proxy.Scheme != "http" && proxy.Scheme != "https" {
			return nil, fmt.Errorf("proxy %s: expected an http:// or https:// proxy", proxy.Redacted())
		}
		dialAddr = hostPort(proxy)
	}
	nc, err := c.dial(ctx, "tcp", dialAddr)
	if err != nil {
		return nil, err
	}
	stop := bound(ctx, nc)
	cn, err := c.handshake(ctx, nc, addr, target, proxy)
	if !stop() && err == nil {
		err = ctx.Err()
	}
	if err != nil {
		nc.Close()
		return nil, err
	}
	cn.key = key
	cn.SetDeadline(time.Time{})
	return cn, nil
}

func (c *client) handshake(ctx context.Context, nc net.Conn, addr string, target, proxy *url.URL) (*conn, error) {
	if proxy != nil && proxy.Scheme == "https" {
		tc := tls.Client(nc, &tls.Config{ServerName: proxy.Hostname(), MinVersion: tls.VersionTLS12})
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("proxy %s: %w", proxy.Redacted(), err)
		}
		nc = tc
	}
	br := bufio.NewReader(nc)
	if proxy != nil && target.Scheme == "https" {
		connect := &http.Request{Method: http.MethodConnect, URL: &url.URL{Opaque: addr}, Host: addr, Header: http.Header{}}
		if auth := proxyAuth(proxy); auth != "" {
			connect.Header.Set("Proxy-Authorization", auth)
		}
		if err := connect.Write(nc); err != nil {
			return nil, fmt.Errorf("proxy %s: %w", proxy.Redacted(), err)
		}
		resp, err := http.ReadResponse(br, connect)
		if err != nil {
			return nil, fmt.Errorf("proxy %s: %w", proxy.Redacted(), err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("proxy %s refused to connect to %s: %s", proxy.Redacted(), addr, resp.Status)
		}
	}
	if target.Scheme == "https" {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if c.tls != nil {
			cfg = c.tls.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = target.Hostname()
		}
		// The tunnel carries nothing before the handshake, so br holds no bytes of it.
		tc := tls.Client(nc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, err
		}
		nc = tc
		br = bufio.NewReader(tc)
	}
	return &conn{Conn: nc, br: br}, nil
}

func (c *client) take(key string) (*conn, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cn := c.idle
	if cn == nil || cn.key != key {
		return nil, false
	}
	c.idle = nil
	if time.Since(cn.idleSince) > maxIdle {
		cn.Close()
		return nil, false
	}
	return cn, true
}

func (c *client) put(cn *conn) {
	cn.idleSince = time.Now()
	c.keep(cn)
}

func (c *client) closeIdle() { c.keep(nil) }

// keep makes cn (nil: none) the kept connection, closing the one kept before.
func (c *client) keep(cn *conn) {
	c.mu.Lock()
	old := c.idle
	c.idle = cn
	c.mu.Unlock()
	if old != nil {
		old.Close()
	}
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func proxyAuth(proxy *url.URL) string {
	if proxy.User == nil {
		return ""
	}
	pass, _ := proxy.User.Password()
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(proxy.User.Username()+":"+pass))
}
