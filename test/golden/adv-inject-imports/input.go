package main

import "strconv"

func main() { println(weaveItoa(1), strconv.Quote("x")) }
