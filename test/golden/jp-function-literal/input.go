package main

func main() {
	f := func() { println("x") }
	f()
}
