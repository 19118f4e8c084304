package main

func main() { println(weaveNanotime() > 0) }
