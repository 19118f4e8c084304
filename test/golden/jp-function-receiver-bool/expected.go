//go-weave:woven
//line input.go:1:1
package shop; import (__weave_fmt "fmt")

type T struct{}

func (T) M()  {
//line <go-weave:probe>:1
__weave_fmt.Println("enter M")
//line input.go:5:16
}
func F()      {}
