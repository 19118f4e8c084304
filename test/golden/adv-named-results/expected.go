//go-weave:woven
//line input.go:1:1
package main; import (__weave_log "log")

import "errors"

func load() (__weave_res0 /*line input.go:5:14*/int, __weave_res1 /*line input.go:5:19*/error) {
//line <go-weave:res>:1
defer func() { if __weave_res1 != nil { __weave_log.Print(__weave_res1) } }()
//line input.go:5:27
 return 0, errors.New("x") }

func main() { _, _ = load() }
