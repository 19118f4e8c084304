package main

import "strings"

func write(b *strings.Builder) {
	b.WriteString("x")
}

func main() {
	var b strings.Builder
	write(&b)
	c := &strings.Builder{}
	c.WriteString("y")
	d := new(strings.Builder)
	d.WriteString("z")
	println(b.String(), c.String(), d.String())
}
