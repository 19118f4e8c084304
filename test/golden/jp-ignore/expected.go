//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt"; __weave_strings "strings")

import "fmt"


type Job struct{ name string 
//line <go-weave:field>:1
weaveNote string
//line input.go:6:30
}

// Kept is excluded, so it does not.
//
//weave:ignore generated code
type Kept struct{ name string }

//weave:span
func woven() string {
//line <go-weave:span>:1
__weave_fmt.Println("span")
//line input.go:14:22

	go func() {
//line <go-weave:goroutine>:1
__weave_fmt.Println("goroutine")
//line input.go:15:13
}()
	return __weave_strings.ToUpper(/*line input.go:16:9*/fmt.Sprint("woven"))/*line input.go:16:28*/
}

// The directive excludes the whole declaration: its own span and what is inside.
//
//weave:ignore hot path
//weave:span
func excluded() string {
	go func() {}()
	return fmt.Sprint("excluded")
}

//weave:span
func partly() (string, string) {
//line <go-weave:span>:1
__weave_fmt.Println("span")
//line input.go:29:33

	a := __weave_strings.ToUpper(/*line input.go:30:7*/fmt.Sprint("woven"))/*line input.go:30:26*/
	//weave:ignore
	b := fmt.Sprint("kept")
	//weave:ignore because
	//nolint
	go func() { _ = fmt.Sprint("kept too") }()
	go func() {
//line <go-weave:goroutine>:1
__weave_fmt.Println("goroutine")
//line input.go:36:13
}()
	return a, b
}

var (
	//weave:ignore
	kept   = fmt.Sprint("kept")
	woven2 = __weave_strings.ToUpper(/*line input.go:43:11*/fmt.Sprint("woven"))/*line input.go:43:30*/
)

func main() {
	_, _ = Job{}, Kept{}
	fmt.Println(woven(), excluded(), kept, woven2)
	fmt.Println(partly())
}
