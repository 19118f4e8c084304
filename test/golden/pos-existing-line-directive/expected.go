//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

//line generated.y:100
func gen() {
//line <go-weave:probe>:1
__weave_fmt.Println("enter gen")
//line generated.y:100
}

func main() { gen() }
