package main

import (
	"database/sql"
	stdlog "log"
	"net/http"
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
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	var other struct{ Print func(string) }
	other.Print = func(string) {}
	other.Print("not a logger")
}
