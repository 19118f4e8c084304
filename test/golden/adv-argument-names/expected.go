//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

func handle(__weave_arg0 /*line input.go:3:13*/int, __weave_arg1 /*line input.go:3:18*/string) {
//line <go-weave:args>:1
__weave_fmt.Println(__weave_arg0, __weave_arg1, "")
//line input.go:3:27
}

func main() { handle(1, "a") }
