//go-weave:woven
//line input.go:1:1
package flags

var Enabled bool = true

var Debug bool = true/*line input.go:5:23*/

var Name string
