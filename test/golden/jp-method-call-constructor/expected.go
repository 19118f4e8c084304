//go-weave:woven
//line input.go:1:1
package main

import (
	"database/sql"
	stdlog "log"
	"net/http"
	"os"
)

func main() {
	l := stdlog.New(os.Stderr, "", 0)
	func() { println("logged"); /*line input.go:12:2*/l.Print("x") }()/*line input.go:12:14*/
	func() { println("logged"); /*line input.go:13:2*/stdlog.Default().Print("y") }()/*line input.go:13:29*/
	db, err := sql.Open("none", "")
	if err == nil {
		_ = func() error { println("ping"); return /*line input.go:16:7*/db.Ping() }()/*line input.go:16:16*/
	}
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1", nil)
	if resp, err := func() (*http.Response, error) { println("do"); return /*line input.go:19:18*/http.DefaultClient.Do(req) }()/*line input.go:19:44*/; err == nil {
		resp.Body.Close()
	}
	var other struct{ Print func(string) }
	other.Print = func(string) {}
	other.Print("not a logger")
}
