//go-weave:woven
//line input.go:1:1
package main; import (__weave_strconv "strconv")

import "strconv"

func main() { println(weaveItoa(1), strconv.Quote("x")) }

//line <go-weave:helper>:1
func weaveItoa(i int) string { return __weave_strconv.Itoa(i) }
