package main

import "strings"

func main() {
	println(strings.Repeat(strings.Repeat("a", 2), 2))
}
