//go-weave:woven
//line input.go:1:1
package main

import "strings"

func write(b *strings.Builder) {
	func() (int, error) { n, err := /*line input.go:6:2*/b.WriteString("x"); return n + 0, err }()/*line input.go:6:20*/
}

func main() {
	var b strings.Builder
	write(&b)
	c := &strings.Builder{}
	func() (int, error) { n, err := /*line input.go:13:2*/c.WriteString("y"); return n + 0, err }()/*line input.go:13:20*/
	d := new(strings.Builder)
	func() (int, error) { n, err := /*line input.go:15:2*/d.WriteString("z"); return n + 0, err }()/*line input.go:15:20*/
	println(b.String(), c.String(), d.String())
}
