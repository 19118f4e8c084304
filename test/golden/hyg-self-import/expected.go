//go-weave:woven
//line input.go:1:1
package lib

var Count int

func Helper() {
//line <go-weave:p>:1
Count++
//line input.go:5:16
}
