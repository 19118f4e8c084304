//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

func main() {
	f := func() {
//line <go-weave:probe>:1
__weave_fmt.Println("literal")
//line input.go:4:15
 println("x") }
	f()
}
