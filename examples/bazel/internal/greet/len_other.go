//go:build !amd64

package greet

func nameLen(s string) int { return len(s) }
