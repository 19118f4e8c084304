//go:build !windows

package greet

// newline ends a Line everywhere but on Windows (newline_windows.go).
const newline = "\n"
