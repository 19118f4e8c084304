package main

import "context"

func run(ctx context.Context, n int) { println(n) }

func main() { run(context.Background(), 1) }
