package main

import "errors"

func load() (int, error) { return 0, errors.New("x") }

func main() { _, _ = load() }
