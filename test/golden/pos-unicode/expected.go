//go-weave:woven
//line input.go:1:1
package main

import "strings"

func main() {
	s := "héllo wörld 😀"; println(("« " + /*line input.go:6:37*/strings.ToUpper(s) + " »")/*line input.go:6:55*/, "ünïcode")
}
