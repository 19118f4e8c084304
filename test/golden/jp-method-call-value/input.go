package main

import "strings"

func main() {
	var b strings.Builder
	p := &strings.Builder{}
	println(b.Len(), p.Len())
}
