package main

func hello() int { return 1 }

func main() {
	_ = hello()
}
