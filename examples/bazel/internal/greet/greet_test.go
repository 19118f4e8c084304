package greet

import (
	"fmt"
	"runtime"
	"testing"
)

func TestFormat(t *testing.T) {
	cases := []struct{ word, name, want string }{
		{"Hello", "Ann", "Hello, Ann!"},
		{"Hello", "  ", "Hello, world!"},
	}
	for _, c := range cases {
		if got := Format(c.word, c.name); got != c.want {
			t.Errorf("Format(%q, %q) = %q, want %q", c.word, c.name, got, c.want)
		}
	}
}

func TestLine(t *testing.T) {
	// The rules compile newline_other.go here, never newline_windows.go (which also declares
	// newline: with both, the package would not compile at all).
	if got, want := Line("Hi", "Ann"), "Hi, Ann!\n"; runtime.GOOS != "windows" && got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}

func TestWidth(t *testing.T) {
	if got := Width("Ann"); got != 3 {
		t.Errorf("Width(Ann) = %d, want 3", got)
	}
}

func ExampleFormat() {
	fmt.Println(Format("Hej", "Bo"))
	// Output: Hej, Bo!
}

func BenchmarkFormat(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Format("Hi", "Ann")
	}
}

func FuzzFormat(f *testing.F) {
	f.Add("Ann")
	f.Fuzz(func(t *testing.T, name string) {
		if got := Format("Hi", name); got == "" {
			t.Fatalf("Format(Hi, %q) is empty", name)
		}
	})
}
