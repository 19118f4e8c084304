package main

func run(f func()) { f() }

func main() {
	done := make(chan int, 4)
	go func() { done <- 1 }()
	go (func(n int) { done <- n })(2)
	f := func() { done <- 3 }
	go f()
	go run(func() { done <- 4 })
	defer func() { println("deferred") }()
	for range 4 {
		<-done
	}
}
