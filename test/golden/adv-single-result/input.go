package main

func count() int { return 1 }

func main() { println(count()) }
