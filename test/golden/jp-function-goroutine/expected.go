//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

import "sync"

type runner struct{}

func (runner) Go(f func()) { f() }

func run(f func()) { f() }

func main() {
	done := make(chan int, 5)
	go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line input.go:13:13
 done <- 1 }()
	go (func(n int) {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line input.go:14:19
 done <- n })(2)
	f := func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:15:15
 done <- 3 }
	{ __weave_gof := /*line input.go:16:5*/f; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:16:5*/__weave_gof() }() }/*line input.go:16:8*/
	{ __weave_go0 := /*line input.go:17:9*/func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:17:17
 done <- 4 }; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:17:5*/run(__weave_go0) }() }/*line input.go:17:30*/
	var wg sync.WaitGroup
	wg.Go(func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line input.go:19:16
 done <- 5 })
	var r runner
	r.Go(func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:21:15
 println("inline") })
	defer func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:22:16
 println("deferred") }()
	wg.Wait()
	for range 5 {
		<-done
	}
}
