//go-weave:woven
//line input.go:1:1
package store; import (__weave_fmt "fmt")

func Run() {
//line <go-weave:probe>:1
__weave_fmt.Println("enter Run")
//line input.go:3:13
}
