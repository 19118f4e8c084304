//go-weave:woven
//line input.go:1:1
package main

import "strings"

func main() {
	println(("<" + /*line input.go:6:10*/strings.Repeat(("<" + /*line input.go:6:25*/strings.Repeat("a", 2) + ">")/*line input.go:6:47*/, 2) + ">")/*line input.go:6:51*/)
}
