//go-weave:woven
//line input.go:1:1
package main; import (__weave_time "time")

import "net/http"

func main() {
	a := http.Client{}
	b := func() *http.Client { c := /*line input.go:7:7*/&http.Client{}; c.Timeout = __weave_time.Second; return c }()/*line input.go:7:21*/
	_, _ = a, b
}
