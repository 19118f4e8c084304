//go-weave:woven
//line input.go:1:1
package shop; import (__weave_fmt "fmt")

type Server struct{ n int }

func (s *Server) Handle() {
//line <go-weave:probe>:1
__weave_fmt.Println("enter Handle")
//line input.go:5:28
 s.n++ }

func (s Server) Value() int { return s.n }
