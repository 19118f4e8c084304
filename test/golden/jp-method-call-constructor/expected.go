//go-weave:woven
//line input.go:1:1
package main

import (
	"database/sql"
	stdlog "log"
	"os"
)

func main() {
	l := stdlog.New(os.Stderr, "", 0)
	func() { println("logged"); /*line input.go:11:2*/l.Print("x") }()/*line input.go:11:14*/
	func() { println("logged"); /*line input.go:12:2*/stdlog.Default().Print("y") }()/*line input.go:12:29*/
	db, err := sql.Open("none", "")
	if err == nil {
		_ = func() error { println("ping"); return /*line input.go:15:7*/db.Ping() }()/*line input.go:15:16*/
	}
	var other struct{ Print func(string) }
	other.Print = func(string) {}
	other.Print("not a logger")
}
