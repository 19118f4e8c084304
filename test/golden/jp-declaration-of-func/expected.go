//go-weave:woven
//line input.go:1:1
package db; import (__weave_fmt "fmt")

func Open() {
//line <go-weave:probe>:1
__weave_fmt.Println("open")
//line input.go:3:14
}

func Close() {}
