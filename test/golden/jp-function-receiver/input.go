package shop

type Server struct{ n int }

func (s *Server) Handle() { s.n++ }

func (s Server) Value() int { return s.n }
