//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

func run(f func()) { f() }

func main() {
	done := make(chan int, 4)
	go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line input.go:7:13
 done <- 1 }()
	go (func(n int) {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line input.go:8:19
 done <- n })(2)
	f := func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:9:15
 done <- 3 }
	go f()
	go run(func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:11:17
 done <- 4 })
	defer func() {
//line <go-weave:others>:1
__weave_fmt.Println("not started by go")
//line input.go:12:16
 println("deferred") }()
	for range 4 {
		<-done
	}
}
