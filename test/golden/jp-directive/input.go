package main

//weave:span checkout
func checkout() {}

func plain() {}

func main() { checkout(); plain(); unnamed() }

//weave:span
func unnamed() {}
