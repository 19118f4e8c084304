package main

import (
	"net/http"
	"time"
)

func main() {
	c := &http.Client{Timeout: time.Second}
	_ = c
}
