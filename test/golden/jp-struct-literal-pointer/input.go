package main

import "net/http"

func main() {
	a := http.Client{}
	b := &http.Client{}
	_, _ = a, b
}
