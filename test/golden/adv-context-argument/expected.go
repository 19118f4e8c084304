//go-weave:woven
//line input.go:1:1
package main

import "context"

func run(ctx context.Context, n int) {
//line <go-weave:ctx>:1
if ctx.Err() != nil { return }
//line input.go:5:39
 println(n) }

func main() { run(context.Background(), 1) }
