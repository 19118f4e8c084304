package main

//line generated.y:100
func gen() {}

func main() { gen() }
