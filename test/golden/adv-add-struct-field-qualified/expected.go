//go-weave:woven
//line input.go:1:1
package jobs; import (__weave_context "context")

type Job struct{
//line <go-weave:f>:1
weaveCtx __weave_context.Context
//line input.go:3:17
}
