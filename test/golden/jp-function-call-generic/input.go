package main

import "slices"

func main() {
	println(slices.Max[[]int]([]int{1, 2}), slices.Max([]int{3}))
}
