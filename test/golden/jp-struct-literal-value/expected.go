//go-weave:woven
//line input.go:1:1
package main; import (__weave_time "time")

import "net/http"

func main() {
	a := func() http.Client { c := /*line input.go:6:7*/http.Client{}; c.Timeout = 5 * __weave_time.Second; return c }()/*line input.go:6:20*/
	b := &http.Client{}
	_, _ = a, b
}
