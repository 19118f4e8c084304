package main

import "strings"

func main() {
	s := "héllo wörld 😀"; println(strings.ToUpper(s), "ünïcode")
}
