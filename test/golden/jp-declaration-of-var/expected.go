//go-weave:woven
//line input.go:1:1
package db

var Limit = 10 * 2/*line input.go:3:15*/

var Other = 1
