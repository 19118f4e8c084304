//go-weave:woven
//line input.go:1:1
package main

import "slices"

func main() {
	println((1 + /*line input.go:6:10*/slices.Max[[]int]([]int{1, 2}))/*line input.go:6:40*/, (1 + /*line input.go:6:42*/slices.Max([]int{3}))/*line input.go:6:62*/)
}
