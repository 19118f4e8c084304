//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

func hello() int {
//line <go-weave:probe>:1
__weave_fmt.Println("enter hello")
//line input.go:3:19
 return 1 }

func main() {
	_ = hello()
}
