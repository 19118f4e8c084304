//go-weave:woven
//line input.go:1:1
package main

import "fmt"

func main() {
	fmt.Println("a", 1, "woven")
	fmt.Println("woven")
	xs := []any{"b"}
	fmt.Println(append(append([]any(nil), /*line input.go:9:14*/xs...), "woven")/*line input.go:9:16*/...)
}
