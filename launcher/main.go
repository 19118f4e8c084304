//go:build unix

// Command go-weave-launch is go-weave's native front end. A woven build that nothing has
// changed since the last one needs no weaving and no planning, only the go command with the
// same overlay: the launcher checks the stamps that run recorded and execs go directly, saving
// the start-up of Node. On any difference it hands the command to Node (go-weave.cjs), which
// plans and weaves as usual and leaves a new record for next time.
//
// go-weave builds this program into its weave cache (v1/launcher/<id>/) on first use; the
// generated go-weave shell entry execs it when it is there. Records live beside it in
// v1/replay/<id>/, so a different go-weave build never reads another's records.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

func main() {
	args := os.Args[1:]
	entry := os.Getenv("GOWEAVE_ENTRY")
	dir, err := launcherDir()
	if len(args) > 0 && args[0] == "-goweave-record-path" {
		// Asked by the Node side after a run that did not come through the launcher (the one
		// that built it).
		if err != nil || !replayable(args[1:]) {
			os.Exit(1)
		}
		fmt.Println(recordPath(dir, entry, args[1:]))
		return
	}
	if len(args) > 2 && args[0] == "-goweave-ahead" {
		// Run by the weave server after a save (ahead.go).
		os.Exit(buildAhead(args[1], args[2:]))
	}
	record := ""
	var server serverStart
	if err == nil {
		freshenPath(dir)
	}
	if err == nil && replayable(args) {
		record = recordPath(dir, entry, args)
		if os.Getenv("GOWEAVE_NO_REPLAY") == "" {
			sock := serverSocketPath(dir)
			held := tryReplay(record, sock)
			server = tryServer(sock, record, args, held)
		}
	}
	fallback(entry, args, record, server)
}

var verbose = os.Getenv("GOWEAVE_VERBOSE") != ""

// replayed is how GOWEAVE_VERBOSE tells a build the launcher ran go for from its record.
const replayed = "replayed by the launcher, nothing it depends on changed"

// tryReplay execs the recorded go command if nothing it depends on changed, telling the weave
// server on sock which command line runs. Otherwise it returns the stamps that still hold, which
// the record a weave server writes next mostly repeats.
func tryReplay(recordPath, sock string) map[string]bool {
	rec, err := readRecord(recordPath)
	if err != nil {
		return nil
	}
	// Every stamp, not just up to the first that fails: this runs while the server weaves the
	// save, and what holds here need not be looked at again once it has answered.
	if held, stamp, stale := rec.holding(); stale {
		if verbose {
			fmt.Fprintf(os.Stderr, "go-weave: planning again: %s changed since the last build\n", stampPath(stamp))
		}
		return held
	}
	notifyServer(sock, recordPath)
	if rec.Skip != nil && os.Getenv("GOWEAVE_NO_SKIP") == "" {
		if upToDate(rec) {
			announce(rec, "up to date, go not run: nothing it reads changed since it last ran")
			touch(rec.Skip)
			freshenPath(vouchedPath(rec))
			os.Exit(0)
		}
		exitIfBuiltAhead(rec)
		announce(rec, replayed)
		runAndVouch(rec)
	}
	if aheadInGoCache(rec) {
		// What a go run, test or vet ahead of this one does is in go's cache once it ends.
		exitIfBuiltAhead(rec)
	}
	replay(rec, replayed)
	// go could not be run: nothing here vouches for the next step.
	return nil
}

// serverStart is what Node needs to start a weave server: where it listens, and the request
// this command would have sent it, which the new server plans first and then watches, so that
// the first save after a Node run is woven before the build that follows it.
type serverStart struct {
	sock    string
	request []byte
}

// maxStartRequest bounds the request handed to Node in its environment (and on to the server
// on its command line); a larger environment only loses the plan on the first save.
const maxStartRequest = 64 << 10

// tryServer has the weave server on sock plan the command and replays what it recorded. It
// returns what Node needs to start a server when none answered (nothing when one did, or when
// disabled).
func tryServer(sock, recordPath string, args []string, held map[string]bool) serverStart {
	if sock == "" || os.Getenv("GOWEAVE_SERVER") == "0" {
		return serverStart{}
	}
	reply, connected := askServer(sock, args, recordPath)
	if !connected {
		start := serverStart{sock: sock}
		if req, err := requestLine(args, recordPath); err == nil && len(req) <= maxStartRequest {
			start.request = req
		}
		return start
	}
	if !reply.OK {
		return serverStart{}
	}
	// The record was written for this very command: a file stamped as too recent to vouch for
	// the next build was still read by this one, so only other differences send it to Node.
	if rec, err := readRecord(recordPath); err == nil {
		if _, stale := rec.staleBut(held); !stale {
			// The server may have started building it ahead before this request reached it.
			exitIfBuiltAhead(rec)
			replay(rec, "woven by the weave server: "+reply.Verbose)
		}
	}
	return serverStart{}
}

// replayable tells the commands go-weave weaves (and so records) from the rest: help, diff,
// cache clean and plain go subcommands always go to Node.
func replayable(args []string) bool {
	if len(args) > 1 && args[0] == "go" {
		args = args[1:]
	}
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "build", "install", "run", "test", "vet":
		return true
	}
	return false
}

// launcherDir is v1/launcher/<id> of the weave cache this launcher was built into.
func launcherDir() (string, error) {
	exe, err := os.Executable()
	return filepath.Dir(exe), err
}

// recordPath is the command line's record, in v1/replay/<id> beside v1/launcher/<id>.
func recordPath(launcherDir, entry string, args []string) string {
	v1 := filepath.Dir(filepath.Dir(launcherDir))
	return filepath.Join(v1, "replay", filepath.Base(launcherDir), recordKey(entry, args, os.Environ())+".json")
}

func replay(rec *record, how string) {
	announce(rec, how)
	execGo(rec)
}

// announce says what a replay says before go runs: the recorded warnings, the report line.
func announce(rec *record, how string) {
	freshenPath(rec.path)
	if rec.Stderr != "" {
		os.Stderr.WriteString(rec.Stderr)
	}
	if verbose {
		fmt.Fprintf(os.Stderr, "go-weave: %s; %s\n", rec.Summary, how)
	}
	if report := os.Getenv("GOWEAVE_REPORT"); report != "" && rec.Report != "" {
		// One small O_APPEND write, as the Node side does, keeps parallel builds' lines whole.
		if f, err := os.OpenFile(report, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666); err == nil {
			f.WriteString(rec.Report + "\n")
			f.Close()
		}
	}
}

func execGo(rec *record) {
	err := syscall.Exec(rec.Go, append([]string{rec.Go}, rec.Args...), rec.environ(os.Environ()))
	// Exec only returns on failure; Node gives the full story (e.g. go removed since).
	fmt.Fprintf(os.Stderr, "go-weave: warning: running %s failed (%v); planning again\n", rec.Go, err)
}

// fallback runs the Node CLI beside the shell entry that started the launcher.
func fallback(entry string, args []string, recordPath string, server serverStart) {
	if entry == "" {
		fmt.Fprintln(os.Stderr, "go-weave-launch: GOWEAVE_ENTRY is not set; run go-weave, not its launcher")
		os.Exit(2)
	}
	real, err := filepath.EvalSymlinks(entry)
	if err != nil {
		fmt.Fprintf(os.Stderr, "go-weave: cannot find go-weave's files from %s: %v\n", entry, err)
		os.Exit(2)
	}
	script := filepath.Join(filepath.Dir(real), "go-weave.cjs")
	node := os.Getenv("GOWEAVE_NODE")
	if node == "" {
		node, err = lookPath("node")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-weave: node not found on PATH (go-weave needs Node.js 20 or newer)")
		os.Exit(2)
	}
	env := os.Environ()
	if recordPath != "" {
		env = append(env, "GOWEAVE_REPLAY_RECORD="+recordPath)
	}
	if server.sock != "" {
		env = append(env, "GOWEAVE_SERVER_SOCKET="+server.sock)
		if server.request != nil {
			env = append(env, "GOWEAVE_SERVER_REQUEST="+string(server.request))
		}
	}
	err = syscall.Exec(node, append([]string{node, script}, args...), env)
	fmt.Fprintf(os.Stderr, "go-weave: running %s: %v\n", node, err)
	os.Exit(2)
}
