//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

func work() {
//line <go-weave:first>:1
__weave_fmt.Println("first")
//line <go-weave:second>:1
__weave_fmt.Println("second")
//line input.go:3:14
}

func main() { work() }
