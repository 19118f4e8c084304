//go-weave:woven
//line input.go:1:1
package main

func count() (__weave_res0 /*line input.go:3:14*/int)/*line input.go:3:17*/ {
//line <go-weave:res>:1
defer func() { __weave_res0++ }()
//line input.go:3:19
 return 1 }

func main() { println(count()) }
