//go-weave:woven
//line input.go:1:1
package main

import "strings"

func main() {
	var b strings.Builder
	p := &strings.Builder{}
	println((0 + /*line input.go:8:10*/b.Len())/*line input.go:8:17*/, p.Len())
}
