//go:build go1.26

package main

import "strconv"

var calls int

type options struct {
	name    *string
	retries *int
	labels  *[]string
}

// Go 1.26: new takes an expression as well as a type.
func defaults(n int) options {
	return options{
		name:    new(strconv.Itoa(n)),
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
