//go-weave:woven
//line input.go:1:1
package lib

func Get() int { return 1 }

func Use() int { return (100 + /*line input.go:5:25*/Get())/*line input.go:5:30*/ }
