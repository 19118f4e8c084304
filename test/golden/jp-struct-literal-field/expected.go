//go-weave:woven
//line input.go:1:1
package main

import (
	"net/http"
	"time"
)

func main() {
	c := &http.Client{Timeout: 2 * /*line input.go:9:29*/time.Second/*line input.go:9:40*/}
	_ = c
}
