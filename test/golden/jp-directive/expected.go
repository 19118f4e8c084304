//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

//weave:span checkout
func checkout() {
//line <go-weave:probe>:1
__weave_fmt.Println("checkout")
//line input.go:4:18
}

func plain() {}

func main() { checkout(); plain(); unnamed() }

//weave:span
func unnamed() {
//line <go-weave:probe>:1
__weave_fmt.Println("main.unnamed")
//line input.go:11:17
}
