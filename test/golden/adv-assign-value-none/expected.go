//go-weave:woven
//line input.go:1:1
package conf

var Port int = 42

var Other int = 42/*line input.go:5:18*/
