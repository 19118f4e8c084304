//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt2 "fmt")

import fmt "strings"

var __weave_fmt = 1

func main() {
//line <go-weave:p>:1
__weave_fmt2.Println("woven")
//line input.go:7:14
 println(fmt.ToUpper("x"), __weave_fmt) }
