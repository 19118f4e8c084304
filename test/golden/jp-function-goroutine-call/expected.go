//go-weave:woven
//line input.go:1:1
package main; import (__weave_fmt "fmt")

import (
	"context"
	"fmt"
	"sync"
	"time"
)

const workers = 2

type server struct{ name string }

func (s *server) serve(n int, tags ...string) { fmt.Println(s.name, n, tags) }

func (s server) Stop() {}

type handler func(time.Duration)

func wait(d time.Duration, f float64, done func()) { done() }

func each[T any](xs []T, f func(T)) {
	for _, x := range xs {
		f(x)
	}
}

func pair() (int, string) { return 1, "one" }

func two(n int, s string) {}

func show(string) {}

var hooks = []func(){func() {
//line <go-weave:named>:1
__weave_fmt.Println("literal")
//line input.go:34:30
}}

func main() {
	done := func() {
//line <go-weave:named>:1
__weave_fmt.Println("literal")
//line input.go:37:18
}
	s := &server{name: "a"}
	tags := []string{"x"}
	
	{ __weave_go2 := /*line input.go:41:16*/done; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:41:5*/wait(3, 1, __weave_go2) }() }/*line input.go:41:21*/
	{ __weave_gof, __weave_go1 := /*line input.go:42:5*/s.serve, /*line input.go:42:22*/tags; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:42:5*/__weave_gof(workers, __weave_go1...) }() }/*line input.go:42:30*/
	{ __weave_gof, __weave_go0 := /*line input.go:43:5*/s.serve, /*line input.go:43:13*/len(tags); go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:43:5*/__weave_gof(__weave_go0, "y", "z") }() }/*line input.go:43:33*/
	{ __weave_gof := /*line input.go:44:5*/s.Stop; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:44:5*/__weave_gof() }() }/*line input.go:44:13*/
	go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:45:5*/fmt.Println("a package's function", workers) }()
	{ __weave_go0, __weave_go1 := /*line input.go:46:10*/[]int{1, 2}, /*line input.go:46:23*/func(int) {
//line <go-weave:named>:1
__weave_fmt.Println("literal")
//line input.go:46:34
}; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:46:5*/each(__weave_go0, __weave_go1) }() }/*line input.go:46:36*/
	{ __weave_go0 := /*line input.go:47:10*/tags; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:47:5*/each(__weave_go0, show) }() }/*line input.go:47:21*/
	go two(pair())
	{ __weave_gof := /*line input.go:49:5*/hooks[0]; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:49:5*/__weave_gof() }() }/*line input.go:49:15*/
	var h handler = func(time.Duration) {
//line <go-weave:named>:1
__weave_fmt.Println("literal")
//line input.go:50:39
}
	go h(time.Second)
	go wait(3*time.Millisecond, 2.5, done)
	n := 3
	{ __weave_go0, __weave_go1, __weave_go2 := /*line input.go:54:10*/time.Duration(n), /*line input.go:54:28*/float64(n)/2, /*line input.go:54:42*/done; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:54:5*/wait(__weave_go0, __weave_go1, __weave_go2) }() }/*line input.go:54:47*/
	go fmt.Println(n > 2)
	go fmt.Println(1<<n, n<<1)
	{ __weave_gof, __weave_go0 := /*line input.go:57:5*/s.serve, /*line input.go:58:3*/n; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:57:5*/__weave_gof(__weave_go0, "multi", "line") }() }/*line input.go:61:3*/
	ch := make(chan int, 1)
	ch <- 1
	select {
	case v := <-ch:
		{ __weave_go0 := /*line input.go:66:18*/v; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:66:6*/fmt.Println(__weave_go0) }() }/*line input.go:66:20*/
	}
	var x any = n
	switch t := x.(type) {
	case int:
		{ __weave_go0 := /*line input.go:71:18*/t + 1; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:71:6*/fmt.Println(__weave_go0) }() }/*line input.go:71:24*/
	default:
		{ __weave_go0 := /*line input.go:73:18*/t; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:73:6*/fmt.Println(__weave_go0) }() }/*line input.go:73:20*/
	}
	for i := range 2 {
		const k = 5
		{ __weave_go0 := /*line input.go:77:18*/i; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:77:6*/fmt.Println(__weave_go0, k) }() }/*line input.go:77:23*/
	}
start:
	{ __weave_go0 := /*line input.go:80:11*/ch; go func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:80:5*/close(__weave_go0) }() }/*line input.go:80:14*/
	if n < 0 {
		goto start
	}
	go func(d time.Duration) {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line <go-weave:named>:1
__weave_fmt.Println("literal")
//line input.go:84:28
 fmt.Println(d) }(time.Second)
	var wg sync.WaitGroup
	wg.Go(func(__weave_gof func()) func() { return func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:86:8*/__weave_gof() } }(/*line input.go:86:8*/s.Stop))
	wg.Go(func(__weave_gof func()) func() { return func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:87:8*/__weave_gof() } }(/*line input.go:87:8*/(done)))
	wg.Wait()
	time.AfterFunc(time.Millisecond, func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
//line <go-weave:named>:1
__weave_fmt.Println("literal")
//line input.go:89:43
 fmt.Println("later") })
	ctx, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, func(__weave_gof func()) func() { return func() {
//line <go-weave:probe>:1
__weave_fmt.Println("goroutine")
/*line input.go:91:33*/__weave_gof() } }(/*line input.go:91:33*/done))
	defer stop()
	cancel()
}
