package main

func work() {}

func main() { work() }
