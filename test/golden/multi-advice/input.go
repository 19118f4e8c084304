package main

func main() { println(wovenAt) }
