// Command raspdemo is a deliberately vulnerable web service for trying
// go-weave's run-time protection (weaver/aspects/rasp.yml). Every handler
// below builds SQL text or file paths from request input, the way real
// injection bugs look; build it with `go-weave build` and run it with
// GOWEAVE_RASP=block to see the attacks refused with 403, or with
// GOWEAVE_RASP=monitor to see them succeed and be recorded on the request
// span. Do not deploy it.
//
//	RASPDEMO_ADDR  listen address (default 127.0.0.1:8080; :0 picks a port)
//	RASPDEMO_DIR   working directory: the database and the static/ files
//	               (default a new temporary directory)
package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type app struct {
	db     *sql.DB
	static string
}

func main() {
	dir := os.Getenv("RASPDEMO_DIR")
	if dir == "" {
		d, err := os.MkdirTemp("", "raspdemo-")
		if err != nil {
			log.Fatal(err)
		}
		dir = d
	}
	a, err := setup(dir)
	if err != nil {
		log.Fatal(err)
	}
	addr := os.Getenv("RASPDEMO_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("raspdemo listening on http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, a.routes()))
}

// setup seeds a database file, then serves it read-only so that stacked
// statements succeeding in monitor mode cannot change it.
func setup(dir string) (*app, error) {
	dbPath := filepath.Join(dir, "demo.db")
	seed, err := sql.Open("sqlite", dbPath)
	if err != nil {
		return nil, err
	}
	_, err = seed.Exec(`DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS notes;
		CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
		INSERT INTO users (name, email) VALUES ('alice', 'alice@example.com'), ('bob', 'bob@example.com'),
			('O''Brien', 'ob@example.com'), ('José Álvarez', 'jose@example.com');
		CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT, body TEXT);
		INSERT INTO notes (author, body) VALUES ('O''Brien', 'hello');`)
	seed.Close()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return nil, err
	}
	static := filepath.Join(dir, "static")
	if err := os.MkdirAll(static, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(static, "index.html"), []byte("<h1>raspdemo</h1>\n"), 0o644); err != nil {
		return nil, err
	}
	return &app{db: db, static: static}, nil
}

func (a *app) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users", a.usersByName)
	mux.HandleFunc("GET /users/{id}", a.userByID)
	mux.HandleFunc("POST /api/users/search", a.searchJSON)
	mux.HandleFunc("GET /notes", a.notesByAuthor)
	mux.HandleFunc("GET /emails", a.emailByName)
	mux.HandleFunc("GET /files", a.fileJoined)
	mux.HandleFunc("GET /download", a.fileConcatenated)
	mux.HandleFunc("GET /doc", a.fileDecoded)
	mux.HandleFunc("GET /view", a.fileWhole)
	mux.HandleFunc("GET /bench/users", a.benchUsers)
	return mux
}

// usersByName: string context, no escaping at all (SQL injection).
func (a *app) usersByName(w http.ResponseWriter, r *http.Request) {
	q := "SELECT id, name, email FROM users WHERE name = '" + r.URL.Query().Get("name") + "'"
	a.queryUsers(w, q)
}

// userByID: numeric context from a path wildcard (SQL injection).
func (a *app) userByID(w http.ResponseWriter, r *http.Request) {
	a.queryUsers(w, "SELECT id, name, email FROM users WHERE id = "+r.PathValue("id"))
}

// searchJSON: string context from a JSON body, through a helper that has
// no context (SQL injection).
func (a *app) searchJSON(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad JSON: "+err.Error(), http.StatusBadRequest)
		return
	}
	a.queryUsers(w, "SELECT id, name, email FROM users WHERE name LIKE '%"+body.Name+"%'")
}

// notesByAuthor doubles quotes, the standard escape: values with quotes
// work and nothing is injectable (no false positives expected).
func (a *app) notesByAuthor(w http.ResponseWriter, r *http.Request) {
	author := strings.ReplaceAll(r.URL.Query().Get("author"), "'", "''")
	rows, err := a.db.Query("SELECT author, body FROM notes WHERE author = '" + author + "'")
	if err != nil {
		fail(w, err)
		return
	}
	defer rows.Close()
	var out []map[string]string
	for rows.Next() {
		var au, body string
		if err := rows.Scan(&au, &body); err != nil {
			fail(w, err)
			return
		}
		out = append(out, map[string]string{"author": au, "body": body})
	}
	if err := rows.Err(); err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, out)
}

// benchUsers runs the usersByName query n times inside one request and
// reports the mean time per query, measured here so that HTTP costs do not
// dilute it (bench/rasp-query.ts compares builds with it): wall time, and on
// Linux the CPU time of the thread running the loop.
func (a *app) benchUsers(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 1 || n > 100000 {
		http.Error(w, "n: expected an integer in [1, 100000]", http.StatusBadRequest)
		return
	}
	q := "SELECT id, name, email FROM users WHERE name = '" + r.URL.Query().Get("name") + "'"
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0, haveCPU := threadCPU()
	start := time.Now()
	for i := 0; i < n; i++ {
		rows, err := a.db.Query(q)
		if err != nil {
			fail(w, err)
			return
		}
		for rows.Next() {
		}
		rows.Close()
	}
	wall := time.Since(start)
	out := map[string]any{"n": n, "nsPerQuery": float64(wall.Nanoseconds()) / float64(n)}
	if cpu1, ok := threadCPU(); ok && haveCPU {
		out["cpuNsPerQuery"] = float64((cpu1 - cpu0).Nanoseconds()) / float64(n)
	}
	writeJSON(w, out)
}

// emailByName prepares a statement from SQL text that already holds the
// input: preparing does not make concatenation safe (SQL injection).
func (a *app) emailByName(w http.ResponseWriter, r *http.Request) {
	stmt, err := a.db.Prepare("SELECT email FROM users WHERE name = '" + r.URL.Query().Get("name") + "'")
	if err != nil {
		fail(w, err)
		return
	}
	defer stmt.Close()
	rows, err := stmt.Query()
	if err != nil {
		fail(w, err)
		return
	}
	defer rows.Close()
	emails := []string{}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			fail(w, err)
			return
		}
		emails = append(emails, e)
	}
	writeJSON(w, emails)
}

func (a *app) queryUsers(w http.ResponseWriter, q string) {
	rows, err := a.db.Query(q)
	if err != nil {
		fail(w, err)
		return
	}
	defer rows.Close()
	users := []user{}
	for rows.Next() {
		var u user
		if err := rows.Scan(&u.ID, &u.Name, &u.Email); err != nil {
			fail(w, err)
			return
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, users)
}

// fileJoined: filepath.Join cleans, but `..` still climbs out (path traversal).
func (a *app) fileJoined(w http.ResponseWriter, r *http.Request) {
	a.serveFile(w, filepath.Join(a.static, r.URL.Query().Get("name")))
}

// fileConcatenated: plain concatenation (path traversal).
func (a *app) fileConcatenated(w http.ResponseWriter, r *http.Request) {
	a.serveFile(w, a.static+"/"+r.URL.Query().Get("path"))
}

// fileDecoded decodes the name once more, as some programs do with names
// they received encoded (encoded path traversal).
func (a *app) fileDecoded(w http.ResponseWriter, r *http.Request) {
	name, err := url.PathUnescape(r.URL.Query().Get("name"))
	if err != nil {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	a.serveFile(w, filepath.Join(a.static, name))
}

// fileWhole opens whatever it is given (absolute paths).
func (a *app) fileWhole(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open(r.URL.Query().Get("file"))
	if err != nil {
		fail(w, err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		http.Error(w, "not a file", http.StatusNotFound)
		return
	}
	http.ServeContent(w, &http.Request{Header: http.Header{}}, st.Name(), st.ModTime(), f)
}

func (a *app) serveFile(w http.ResponseWriter, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(b)
}

// fail answers an error, unless the run-time protection refused the
// operation: it has already answered 403 then. The check is by message so
// that the program builds without go-weave too.
func fail(w http.ResponseWriter, err error) {
	if strings.Contains(err.Error(), "go-weave rasp:") {
		return
	}
	if errors.Is(err, os.ErrNotExist) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	http.Error(w, err.Error(), http.StatusInternalServerError)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
