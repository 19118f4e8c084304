//go-weave:woven
//line input.go:1:1
package main; import (__weave_strings "strings")

import "strings"

func main() {
	println(__weave_strings.ToUpper(/*line input.go:6:10*/("[" + /*line input.go:6:10*/strings.TrimSpace(" a ") + "]")/*line input.go:6:34*/)/*line input.go:6:34*/)
}
