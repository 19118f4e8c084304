//go-weave:woven
//line input.go:1:1
package main; import (_ "image/png")

func main() {}
