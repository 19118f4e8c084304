//go-weave:woven
//line input.go:1:1
package main; import (__weave_log "log")

import h "net/http"

func main() {
	resp, err := func() (*h.Response, error) { __weave_log.Print("GET"); return /*line input.go:6:15*/h.Get("http://127.0.0.1:1/") }()/*line input.go:6:43*/
	_, _ = resp, err
}
