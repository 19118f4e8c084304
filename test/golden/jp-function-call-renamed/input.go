package main

import h "net/http"

func main() {
	resp, err := h.Get("http://127.0.0.1:1/")
	_, _ = resp, err
}
