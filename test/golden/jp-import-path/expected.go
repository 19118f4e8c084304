//go-weave:woven
//line input.go:1:1
package lib

func A() {}

//line <go-weave:marker>:1
const Woven = true
