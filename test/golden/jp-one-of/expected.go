//go-weave:woven
//line input.go:1:1
package main; import (__weave_log "log")

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(func() string { __weave_log.Print("call"); return fmt.Sprint(/*line input.go:9:14*/os.Getenv("HOME")) }()/*line input.go:9:31*/, func() string { __weave_log.Print("call"); return fmt.Sprint(/*line input.go:9:33*/os.Getpid()) }()/*line input.go:9:44*/, os.Getuid())
}
