//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

type T struct{}

func (__weave_recv0 /*line input.go:5:7*/T) M() {
//line <go-weave:recv>:1
__weave_fmt.Printf("%T\n", __weave_recv0)
//line input.go:5:15
}

func main() { T{}.M() }
