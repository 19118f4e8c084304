//go-weave:woven
//line input.go:1:1
package main; import (__weave_strings "strings")

import . "fmt"

func main() {
	Println(__weave_strings.ToUpper(/*line input.go:6:10*/Sprint("quiet"))/*line input.go:6:25*/)
}
