//go-weave:woven
//line input.go:1:1
package net

type Transport struct {
	
	Proxy string

	Timeout int 

//line <go-weave:f>:1
WeaveInternal bool
//line input.go:8:1
}
