//go-weave:woven
//line input.go:1:1
package main; import (_ "unsafe")

func main() { println(weaveNanotime() > 0) }

//line <go-weave:nano>:1
//go:linkname weaveNanotime runtime.nanotime
func weaveNanotime() int64
