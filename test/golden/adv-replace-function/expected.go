//go-weave:woven
//line input.go:1:1
package main

import "strings"

func main() {
	println(strings.ToLower/*line input.go:6:25*/("MiXeD"))
}
