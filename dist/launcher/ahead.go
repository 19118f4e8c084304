//go:build unix

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// Building ahead. After a save, the weave server plans the last command again (server.ts); when
// that command is a go build or install of executables, it then runs this launcher with
// -goweave-ahead, which runs the same build with its outputs redirected to a private directory
// beside the record. The build the user starts afterwards finds that work done: installAhead
// puts the private outputs in place, which is what go would have written, and go is not run.
//
// Files beside the record <r>:
//   <r>.ahead        what the last build ahead left (aheadResult), removed when one starts;
//   <r>.ahead-out/   its outputs, by the user's outputs' names, kept between builds so that go
//                    relinks only what the user's build would;
//   <r>.ahead.lock   held exclusively while a build ahead runs: a build waits for it;
//   <r>.ahead-starting  written by the server before it starts a build ahead, removed once that
//                    holds the lock: a build waits through the moment between the two;
//   <r>.ahead-partial  present while go may be writing outputs (beside the directory, whose
//                    names are the user's).

// aheadResult is what a build ahead that succeeded without a word leaves in <record>.ahead.
type aheadResult struct {
	// Record is the hash of the record's text, Inputs the skip guard's inputs stamped before go
	// ran, as in vouched.
	Record string   `json:"record"`
	Inputs []string `json:"inputs"`
	// IDs are the Go build IDs of the private outputs, in the skip guard's order; VCS is the
	// repository state go stamped into them.
	IDs []string  `json:"ids"`
	VCS *vcsState `json:"vcs"`
}

func aheadPath(rec *record) string     { return rec.path + ".ahead" }
func aheadLockPath(rec *record) string { return rec.path + ".ahead.lock" }
func aheadDir(rec *record) string      { return rec.path + ".ahead-out" }

// aheadStarting is the server's mark of a build ahead started but not yet holding the lock
// (weaver/src/gocmd/ahead.ts aheadStarting).
func aheadStarting(recordPath string) string { return recordPath + ".ahead-starting" }

// maxStartingWait bounds how long a build waits for a build ahead to take its lock: a mark that
// outlives it was left by a server or launcher that died.
const maxStartingWait = 2 * time.Second

// aheadOutput is where a build ahead for the record writes the output the user's build writes
// to target (weaver/src/gocmd/ahead.ts aheadArgs puts the same on the go command line).
func aheadOutput(rec *record, target string) string {
	return filepath.Join(aheadDir(rec), filepath.Base(target))
}

// buildAhead runs goArgs (the record's go command writing to aheadOutput) and leaves
// <record>.ahead when it succeeds silently with every input as before. It returns the exit code
// of the launcher; a signal (the server stops a build ahead when a file is saved again) is
// passed on to go and ends this process the same way.
func buildAhead(recordPath string, goArgs []string) int {
	defer os.Remove(aheadStarting(recordPath))
	rec, err := readRecord(recordPath)
	if err != nil {
		return 1
	}
	if _, stale := rec.stale(); stale {
		return 1
	}
	if aheadInGoCache(rec) && goArgs[0] == rec.Args[0] {
		return warmAhead(rec, goArgs)
	}
	if rec.Skip == nil || len(rec.Skip.Outputs) == 0 {
		return 1
	}
	lock, ok := lockFile(aheadLockPath(rec), syscall.LOCK_EX, true)
	if !ok {
		return 1
	}
	defer lock.Close()
	os.Remove(aheadStarting(recordPath))
	os.Remove(aheadPath(rec))
	dir := aheadDir(rec)
	partial := rec.path + ".ahead-partial"
	// A build ahead that was stopped may have left part of an output, which would still carry a
	// build ID: go would take it as up to date.
	if _, err := os.Stat(partial); err == nil {
		os.RemoveAll(dir)
	}
	if os.MkdirAll(dir, 0o755) != nil || os.WriteFile(partial, nil, 0o644) != nil {
		return 1
	}
	// Starting from what the user's outputs hold, go relinks only what the user's build would.
	for _, o := range rec.Skip.Outputs {
		out := aheadOutput(rec, o.Path)
		if id := goBuildID(o.Path); id != "" && goBuildID(out) != id && linkOrCopy(o.Path, out) != nil {
			return 1
		}
	}
	inputs, ok := guardInputs(rec.Skip)
	if !ok {
		return 1
	}
	code, printed, started := runGo(rec, goArgs)
	if !started || code != 0 || printed {
		os.RemoveAll(dir)
		os.Remove(partial)
		return 1
	}
	os.Remove(partial)
	a := aheadResult{Record: rec.sum, Inputs: inputs}
	for i, o := range rec.Skip.Outputs {
		out := aheadOutput(rec, o.Path)
		id := goBuildID(out)
		s, ok := stampedVCS(out, o.Pkg, rec.Skip.Dir)
		if id == "" || !ok || (i > 0 && !sameVCS(s, a.VCS)) {
			return 1
		}
		a.IDs = append(a.IDs, id)
		a.VCS = s
	}
	// Nothing the build read may have changed while it ran.
	if again, ok := guardInputs(rec.Skip); !ok || !slices.Equal(again, inputs) {
		return 1
	}
	if _, stale := rec.stale(); stale {
		return 1
	}
	data, err := json.Marshal(a)
	if err != nil || writeAtomic(aheadPath(rec), data, 0o644) != nil {
		return 1
	}
	return 0
}

// warmAhead runs the record's go run or go test with `-exec=true`, or its go vet (goArgs,
// weaver/src/gocmd/ahead.ts): go compiles (and for go run, links; for go vet, checks) into its
// cache, where the user's command then finds the work done; true starts instead of the program
// or the tests. Nothing is left beside the record: go's cache holds the result, by action ID,
// so only a command on these very sources uses it.
func warmAhead(rec *record, goArgs []string) int {
	lock, ok := lockFile(aheadLockPath(rec), syscall.LOCK_EX, true)
	if !ok {
		return 1
	}
	defer lock.Close()
	os.Remove(aheadStarting(rec.path))
	code, _, started := runGo(rec, goArgs)
	if !started {
		return 1
	}
	return code
}

// aheadInGoCache tells the records built ahead into go's cache (warmAhead): go run, go test
// and go vet.
func aheadInGoCache(rec *record) bool {
	if len(rec.Args) == 0 {
		return false
	}
	switch rec.Args[0] {
	case "run", "test", "vet":
		return true
	}
	return false
}

// exitIfBuiltAhead ends this build when its record's outputs were built ahead and are now in
// place (installAhead); otherwise it returns, and go is run. A go run, test or vet waits for
// the one ahead of it to end, whose work go's cache then holds.
func exitIfBuiltAhead(rec *record) {
	if aheadInGoCache(rec) {
		if lock, ok := awaitAhead(rec); ok {
			lock.Close()
		}
		return
	}
	if rec.Skip != nil && os.Getenv("GOWEAVE_NO_SKIP") == "" && installAhead(rec) {
		announce(rec, "built ahead by the weave server after the save, go not run")
		os.Exit(0)
	}
}

// awaitAhead waits for a build ahead of the record that is starting or running to end, and
// returns its lock, held shared; false when none ever ran.
func awaitAhead(rec *record) (*os.File, bool) {
	for start := time.Now(); time.Since(start) < maxStartingWait; time.Sleep(time.Millisecond) {
		if fi, err := os.Stat(aheadStarting(rec.path)); err != nil || time.Since(fi.ModTime()) > maxStartingWait {
			break
		}
	}
	return lockFile(aheadLockPath(rec), syscall.LOCK_SH, false)
}

// installAhead puts the output of a build ahead in place when it is what this build would
// write: made for this record, with every input and the repository as they are now. It waits
// for a build ahead still running. false leaves everything to go.
func installAhead(rec *record) bool {
	lock, ok := awaitAhead(rec)
	if !ok {
		return false
	}
	defer lock.Close()
	data, err := os.ReadFile(aheadPath(rec))
	if err != nil {
		return false
	}
	var a aheadResult
	if json.Unmarshal(data, &a) != nil || a.Record != rec.sum || len(a.IDs) != len(rec.Skip.Outputs) {
		return false
	}
	inputs, ok := guardInputs(rec.Skip)
	if !ok || !slices.Equal(inputs, a.Inputs) || !vcsHolds(rec.Skip.Dir, a.VCS) {
		return false
	}
	// Every output is checked before any is written.
	install := make([]bool, len(a.IDs))
	for i, o := range rec.Skip.Outputs {
		if goBuildID(aheadOutput(rec, o.Path)) != a.IDs[i] {
			return false
		}
		switch goBuildID(o.Path) {
		case a.IDs[i]:
			// go would find it up to date, and touch it.
		case "":
			// Something go did not write (go refuses to overwrite it), or nothing at all.
			if _, err := os.Lstat(o.Path); err == nil {
				return false
			}
			install[i] = true
		default:
			install[i] = true
		}
	}
	now := time.Now()
	for i, o := range rec.Skip.Outputs {
		if !install[i] {
			os.Chtimes(o.Path, now, now)
		} else if linkOrCopy(aheadOutput(rec, o.Path), o.Path) != nil {
			return false
		}
	}
	vouch(rec, inputs)
	return true
}

// lockFile opens path and takes an flock on it, waiting for a holder to let go. create says
// whether to create a missing file (a build only waits on one a build ahead made).
func lockFile(path string, how int, create bool) (*os.File, bool) {
	flags := os.O_RDONLY
	if create {
		flags |= os.O_CREATE
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, false
	}
	if verbose && syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB) == syscall.EWOULDBLOCK {
		fmt.Fprintln(os.Stderr, "go-weave: waiting for the build ahead the weave server runs")
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, false
	}
	return f, true
}

// linkOrCopy puts src's file at dst, renamed over it whole: a hard link where both are on one
// file system, else a copy. A copy of an executable costs about a millisecond per megabyte,
// most of what installing a build ahead would otherwise add to a build started right after a
// save; a link costs nothing. Sharing the file is safe: go never writes into an output it
// replaces (it renames its new one over it, or removes it and creates another), and a build
// ahead replaces its own outputs the same way.
func linkOrCopy(src, dst string) error {
	tmp := fmt.Sprintf("%s.%d.tmp", dst, os.Getpid())
	os.Remove(tmp)
	if os.Link(src, tmp) == nil {
		if os.Rename(tmp, dst) == nil {
			return nil
		}
		os.Remove(tmp)
	}
	return copyFile(src, dst)
}

// copyFile writes src's content to dst through a temporary file renamed over it, with the mode
// the go command gives an executable (0777 less the umask).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := fmt.Sprintf("%s.%d.tmp", dst, os.Getpid())
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o777)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// writeAtomic writes data to path through a temporary file renamed over it.
func writeAtomic(path string, data []byte, mode os.FileMode) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, data, mode); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
