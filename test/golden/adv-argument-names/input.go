package main

func handle(int, string) {}

func main() { handle(1, "a") }
