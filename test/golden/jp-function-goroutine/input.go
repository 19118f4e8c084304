package main

import "sync"

type runner struct{}

func (runner) Go(f func()) { f() }

func run(f func()) { f() }

func main() {
	done := make(chan int, 5)
	go func() { done <- 1 }()
	go (func(n int) { done <- n })(2)
	f := func() { done <- 3 }
	go f()
	go run(func() { done <- 4 })
	var wg sync.WaitGroup
	wg.Go(func() { done <- 5 })
	var r runner
	r.Go(func() { println("inline") })
	defer func() { println("deferred") }()
	wg.Wait()
	for range 5 {
		<-done
	}
}
