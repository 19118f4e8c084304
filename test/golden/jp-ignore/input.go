package main

import "fmt"

// Job is woven: it gets a field.
type Job struct{ name string }

// Kept is excluded, so it does not.
//
//weave:ignore generated code
type Kept struct{ name string }

//weave:span
func woven() string {
	go func() {}()
	return fmt.Sprint("woven")
}

// The directive excludes the whole declaration: its own span and what is inside.
//
//weave:ignore hot path
//weave:span
func excluded() string {
	go func() {}()
	return fmt.Sprint("excluded")
}

//weave:span
func partly() (string, string) {
	a := fmt.Sprint("woven")
	//weave:ignore
	b := fmt.Sprint("kept")
	//weave:ignore because
	//nolint
	go func() { _ = fmt.Sprint("kept too") }()
	go func() {}()
	return a, b
}

var (
	//weave:ignore
	kept   = fmt.Sprint("kept")
	woven2 = fmt.Sprint("woven")
)

func main() {
	_, _ = Job{}, Kept{}
	fmt.Println(woven(), excluded(), kept, woven2)
	fmt.Println(partly())
}
