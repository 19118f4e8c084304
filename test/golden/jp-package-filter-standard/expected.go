//go-weave:woven
//line input.go:1:1
package flagish; import (__weave_fmt "fmt")

func Run() {
//line <go-weave:std-only>:1
__weave_fmt.Println("a standard package")
//line input.go:3:13
}
