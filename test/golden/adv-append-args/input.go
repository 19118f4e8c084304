package main

import "fmt"

func main() {
	fmt.Println("a", 1)
	fmt.Println()
	xs := []any{"b"}
	fmt.Println(xs...)
}
