//go-weave:woven
//line input.go:1:1
package shop; import (__weave_fmt "fmt")

import "context"

func Match(ctx context.Context, s string) error {
//line <go-weave:probe>:1
__weave_fmt.Println("enter Match")
//line input.go:5:50
 return nil }

func Other(s string) error { return nil }
