package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(os.Getenv("HOME"), os.Getpid(), os.Getuid())
}
