//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

func hello() int { return 1 }

func main() {
//line <go-weave:probe>:1
__weave_fmt.Println("start")
//line input.go:5:14

	_ = hello()
}
