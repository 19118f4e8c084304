//go-weave:woven
//line input.go:1:1
package main; import (__weave_log "log"; _ "embed")

func main() {
//line <go-weave:trace>:1
__weave_log.SetFlags(0)
//line input.go:3:14
 println(wovenAt) }

//line <go-weave:trace>:1
var wovenAt = "main"
