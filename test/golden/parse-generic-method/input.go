//go:build go1.27

package main

import (
	"fmt"
	"strconv"
)

type Store struct{ prefix string }

type List[T any] []T

// Go 1.27: a method declares type parameters of its own.
func (s *Store) Get[T any, S ~[]T](items S, i int) string {
	return s.prefix + strconv.Quote(fmt.Sprint(items[i]))
}

func (s Store) Keys[K interface{ ~int | ~string /* ] */ }, V any](m map[K]V) List[K] {
	out := List[K]{}
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (s *Store) Plain(n int) string { return strconv.Quote(strconv.Itoa(n)) }

func main() {
	s := &Store{prefix: "#"}
	f := func() List[string] { return List[string]{strconv.Quote("lit")} }
	println(s.Get[int]([]int{1, 2}, 1), len(s.Keys(map[string]int{"a": 1})), s.Plain(3), f()[0])
	// A line in a raw string that looks like a generic method is text, and stays as written.
	println(strconv.Quote(`
func (s *Store) Lit[X any]() {}
`))
}
