// Package otelsetup is the hand-written OpenTelemetry SDK setup that the latency benchmark
// compares go-weave against: OTLP/HTTP (protobuf) exporter, batch processor, W3C propagation.
package otelsetup

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Start installs a global tracer provider; the returned function flushes and stops it.
func Start(ctx context.Context) (func(), error) {
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	return func() {
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = tp.Shutdown(c)
	}, nil
}

// Serve listens, prints "<name> listening on http://ADDR" and serves until SIGINT/SIGTERM.
func Serve(name, addr string, h http.Handler, stop func()) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("%s listening on http://%s\n", name, ln.Addr())
	srv := &http.Server{Handler: h}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	go func() {
		<-ctx.Done()
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(c)
	}()
	err = srv.Serve(ln)
	stop()
	if err == http.ErrServerClosed {
		return nil
	}
	return err
}

func Env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
