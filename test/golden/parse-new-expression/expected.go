//go-weave:woven
//line input.go:1:1
//go:build go1.26

package main

import "strconv"

var calls int

type options struct {
	name    *string
	retries *int
	labels  *[]string
}


func defaults(n int) options {
//line <go-weave:enter>:1
calls++
//line input.go:16:31

	return options{
		name:    new(trace(/*line input.go:18:16*/strconv.Itoa(n), new(/*line input.go:18:16*/strconv.Itoa(n)))/*line input.go:18:31*/),
		retries: new(3),
		labels:  new([]string{"a"}),
	}
}

func trace(s string, p *string) string { return s + *p }

func main() {
	o := defaults(7)
	_ = new(int)
	println(*o.name, *o.retries, len(*o.labels), calls, "new(\"in a string\")")
}
