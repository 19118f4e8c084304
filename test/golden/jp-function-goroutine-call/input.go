package main

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

var hooks = []func(){func() {}}

func main() {
	done := func() {}
	s := &server{name: "a"}
	tags := []string{"x"}
	// Constants stay inline, where the parameters' types apply: 3 is a Duration, 1 a float64.
	go wait(3, 1, done)
	go s.serve(workers, tags...)
	go s.serve(len(tags), "y", "z")
	go s.Stop()
	go fmt.Println("a package's function", workers)
	go each([]int{1, 2}, func(int) {})
	go each(tags, show)
	go two(pair())
	go hooks[0]()
	var h handler = func(time.Duration) {}
	go h(time.Second)
	go wait(3*time.Millisecond, 2.5, done)
	n := 3
	go wait(time.Duration(n), float64(n)/2, done)
	go fmt.Println(n > 2)
	go fmt.Println(1<<n, n<<1)
	go s.serve(
		n,
		"multi",
		"line",
	)
	ch := make(chan int, 1)
	ch <- 1
	select {
	case v := <-ch:
		go fmt.Println(v)
	}
	var x any = n
	switch t := x.(type) {
	case int:
		go fmt.Println(t + 1)
	default:
		go fmt.Println(t)
	}
	for i := range 2 {
		const k = 5
		go fmt.Println(i, k)
	}
start:
	go close(ch)
	if n < 0 {
		goto start
	}
	go func(d time.Duration) { fmt.Println(d) }(time.Second)
	var wg sync.WaitGroup
	wg.Go(s.Stop)
	wg.Go((done))
	wg.Wait()
	time.AfterFunc(time.Millisecond, func() { fmt.Println("later") })
	ctx, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, done)
	defer stop()
	cancel()
}
