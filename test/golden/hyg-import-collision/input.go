package main

import fmt "strings"

var __weave_fmt = 1

func main() { println(fmt.ToUpper("x"), __weave_fmt) }
