//go-weave:woven
//line input.go:1:1
package shop; import (__weave_fmt "fmt")

import h "net/http"

func Serve(w h.ResponseWriter, r *h.Request) {
//line <go-weave:probe>:1
__weave_fmt.Println("enter Serve")
//line input.go:5:47
}

func Skip(w h.ResponseWriter) {}
