//go-weave:woven
//line input.go:1:1
//go:build go1.27

package main; import (__weave_fmt "fmt")

import (
	"fmt"
	"strconv"
)

type Store struct{ prefix string }

type List[T any] []T


func (s *Store) Get[T any, S ~[]T](items S, i int) string {
//line <go-weave:enter>:1
__weave_fmt.Println("get", s.prefix, i)
//line input.go:15:60

	return s.prefix + ("<" + /*line input.go:16:20*/strconv.Quote(fmt.Sprint(items[i])) + ">")/*line input.go:16:55*/
}

func (s Store) Keys[K interface{ ~int | ~string /* ] */ }, V any](m map[K]V) List[K] {
	out := List[K]{}
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (s *Store) Plain(n int) string { return ("<" + /*line input.go:27:46*/strconv.Quote(strconv.Itoa(n)) + ">")/*line input.go:27:76*/ }

func main() {
	s := &Store{prefix: "#"}
	f := func() List[string] { return List[string]{("<" + /*line input.go:31:49*/strconv.Quote("lit") + ">")/*line input.go:31:69*/} }
	println(s.Get[int]([]int{1, 2}, 1), len(s.Keys(map[string]int{"a": 1})), s.Plain(3), f()[0])
	
	println(("<" + /*line input.go:34:10*/strconv.Quote(`
func (s *Store) Lit[X any]() {}
`) + ">")/*line input.go:36:3*/)
}
