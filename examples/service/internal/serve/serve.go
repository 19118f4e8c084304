// Package serve runs an HTTP server and says where it listens, so scripts can find a port
// chosen by the kernel (":0").
package serve

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

// ListenAndServe listens on addr, prints "<name> listening on http://HOST:PORT" and serves.
func ListenAndServe(name, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "%s listening on http://%s\n", name, ln.Addr())
	srv := &http.Server{Handler: h}
	return srv.Serve(ln)
}

// Env returns the variable's value, or def when it is unset.
func Env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
