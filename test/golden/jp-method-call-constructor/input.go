package main

import (
	"database/sql"
	stdlog "log"
	"os"
)

func main() {
	l := stdlog.New(os.Stderr, "", 0)
	l.Print("x")
	stdlog.Default().Print("y")
	db, err := sql.Open("none", "")
	if err == nil {
		_ = db.Ping()
	}
	var other struct{ Print func(string) }
	other.Print = func(string) {}
	other.Print("not a logger")
}
