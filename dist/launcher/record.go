package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// record is what the Node side wrote after planning a woven command (see replay.ts).
type record struct {
	V int `json:"v"`
	// Go is the absolute path of the go binary; Args follow it (subcommand first).
	Go   string   `json:"go"`
	Args []string `json:"args"`
	// Set and Unset turn the caller's environment into the go command's.
	Set   map[string]string `json:"set"`
	Unset []string          `json:"unset"`
	// Stamps: "mtimeNs size path" for a file, "d listing path" for a directory (goListing),
	// "- 0 path" for a path that must not exist and "+ 0 path" for one that must.
	Stamps  []string `json:"stamps"`
	Stderr  string   `json:"stderr"`
	Report  string   `json:"report"`
	Summary string   `json:"summary"`
	// Skip, when present, lets a go build that would find nothing to do be left out (uptodate.go).
	Skip *skipGuard `json:"skip"`
	// path is where the record was read from, sum the hash of its text.
	path, sum string
}

const recordVersion = 1

func readRecord(path string) (*record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r.V != recordVersion || r.Go == "" || len(r.Args) == 0 {
		return nil, errors.New("not a record of this version")
	}
	r.path = path
	r.sum = recordSum(data)
	return &r, nil
}

// stale returns the first stamped path that is not as it was when the record was written.
func (r *record) stale() (string, bool) {
	for _, s := range r.Stamps {
		if !stampHolds(s) {
			return s, true
		}
	}
	return "", false
}

// holding checks every stamp (stale stops at the first that fails) and returns those that
// hold, the first that does not, and whether one does not.
func (r *record) holding() (held map[string]bool, first string, stale bool) {
	held = make(map[string]bool, len(r.Stamps))
	for _, s := range r.Stamps {
		if stampHolds(s) {
			held[s] = true
		} else if !stale {
			first, stale = s, true
		}
	}
	return held, first, stale
}

// staleBut is stale for stamps not in held, which were seen to hold moments ago, and accepts
// stamps of files too recent to vouch for a later build: the record a weave server writes for a
// save keeps the earlier plan's stamps of every file but the edited ones (replay.ts), so only
// those are looked at again on the way to go.
func (r *record) staleBut(held map[string]bool) (string, bool) {
	for _, s := range r.Stamps {
		if held[s] || strings.HasPrefix(s, "racy ") {
			continue
		}
		if !stampHolds(s) {
			return s, true
		}
	}
	return "", false
}

func stampHolds(s string) bool {
	mtime, rest, ok := strings.Cut(s, " ")
	if !ok {
		return false
	}
	sizeText, path, ok := strings.Cut(rest, " ")
	if !ok {
		return false
	}
	if mtime == "d" {
		return goListing(path) == sizeText
	}
	fi, err := os.Stat(path)
	switch mtime {
	case "-":
		return err != nil && errors.Is(err, os.ErrNotExist)
	case "+":
		// What the go command will read from the weave cache: a replay uses it.
		if err == nil {
			freshen(path, fi)
		}
		return err == nil
	}
	if err != nil || strconv.FormatInt(fi.ModTime().UnixNano(), 10) != mtime {
		return false
	}
	return !fi.IsDir() && strconv.FormatInt(fi.Size(), 10) == sizeText
}

// freshen marks a weave-cache entry used, as the Node side does when it reads one
// (weaver/src/gocmd/trim.ts): its mtime is set to now when older than an hour, so that the daily
// trim, which removes entries unused for five days, keeps what replays still need.
func freshen(path string, fi os.FileInfo) {
	if now := time.Now(); now.Sub(fi.ModTime()) >= time.Hour {
		os.Chtimes(path, now, now)
	}
}

// freshenPath is freshen for a path not yet statted.
func freshenPath(path string) {
	if fi, err := os.Stat(path); err == nil {
		freshen(path, fi)
	}
}

// goListing hashes a directory's Go files, other files go reads (otherInput) and subdirectories
// exactly as the Node side does (weaver/src/gocmd/listing.ts): what of a directory can change a
// plan.
func goListing(dir string) string {
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		if e.IsDir() {
			if n != "testdata" {
				names = append(names, n+"/")
			}
		} else if strings.HasSuffix(n, ".go") || otherInput(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	sum := sha256.Sum256([]byte(strings.Join(names, "\n") + "\x00"))
	return hex.EncodeToString(sum[:])
}

// otherInput tells a file go may read besides Go files (weaver/src/gocmd/listing.ts otherInput).
func otherInput(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		return false
	}
	return name == "default.pgo" || otherInputExt[strings.TrimPrefix(filepath.Ext(name), ".")]
}

var otherInputExt = map[string]bool{
	"c": true, "cc": true, "cxx": true, "cpp": true, "m": true, "h": true, "hh": true, "hpp": true, "hxx": true,
	"f": true, "F": true, "for": true, "f90": true, "s": true, "S": true, "sx": true, "swig": true, "swigcxx": true, "syso": true,
}

// environ applies the record's changes to the caller's environment.
func (r *record) environ(env []string) []string {
	drop := map[string]bool{}
	for _, k := range r.Unset {
		drop[k] = true
	}
	for k := range r.Set {
		drop[k] = true
	}
	out := make([]string, 0, len(env)+len(r.Set))
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			out = append(out, kv)
		}
	}
	keys := make([]string, 0, len(r.Set))
	for k := range r.Set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, k+"="+r.Set[k])
	}
	return out
}

// recordKey names the record of one command line: the go-weave install it came through, the
// working directory, the arguments and every environment variable that can change what the
// go command or go-weave plans. Anything else (terminal, CI bookkeeping) is left out so that
// it does not defeat replay; the record's stamps cover what is on disk.
func recordKey(entry string, args []string, env []string) string {
	h := sha256.New()
	cwd, _ := syscall.Getwd()
	write := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	write("go-weave replay 1")
	write(entry)
	write(cwd)
	write(strconv.Itoa(len(args)))
	for _, a := range args {
		write(a)
	}
	var kept []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if plansWith(k) {
			kept = append(kept, kv)
		}
	}
	sort.Strings(kept)
	for _, kv := range kept {
		write(kv)
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// plansWith tells the variables that can change go env, go list or go-weave's plan.
func plansWith(k string) bool {
	switch k {
	case "GOWEAVE_ENTRY", "GOWEAVE_REPLAY_RECORD", "GOWEAVE_LAUNCHER", "GOWEAVE_SERVER_SOCKET", "GOWEAVE_SERVER_REQUEST":
		return false // set by go-weave itself on the way in
	case "GOWEAVE_VERBOSE", "GOWEAVE_REPORT", "GOWEAVE_NODE", "GOWEAVE_SERVER", "GOWEAVE_SERVER_IDLE":
		return false // how the outcome is reported (a replay does it itself), and which node falls back
	case "PATH", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "CC", "CXX", "FC", "AR", "GCCGO", "PKG_CONFIG":
		return true
	case "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT":
		return true // whether a go test links the OTLP exporter (weaver/src/gocmd/testmain.ts testsExportOtlp)
	}
	return strings.HasPrefix(k, "GO") || strings.HasPrefix(k, "CGO_")
}

// lookPath finds a program on PATH the way a shell does (os/exec would pull in more than this needs).
func lookPath(name string) (string, error) {
	for _, dir := range strings.Split(os.Getenv("PATH"), string(os.PathListSeparator)) {
		if dir == "" {
			dir = "."
		}
		p := dir + string(os.PathSeparator) + name
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", os.ErrNotExist
}

func stampPath(s string) string {
	_, rest, _ := strings.Cut(s, " ")
	_, path, _ := strings.Cut(rest, " ")
	return path
}
