// Package greet formats greetings; it has no join points, so weaving leaves it as it is.
package greet

import "strings"

// Format joins a greeting word and a name.
func Format(word, name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "world"
	}
	return word + ", " + name + "!"
}

// Line is Format as one line of text, ended as the platform ends lines.
func Line(word, name string) string {
	return Format(word, name) + newline
}

// Width is the length of s in bytes: assembly on amd64 (len_amd64.s), Go elsewhere.
func Width(s string) int {
	return nameLen(s)
}
