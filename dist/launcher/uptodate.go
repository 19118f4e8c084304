//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// A go build that nothing changed since its last successful run only reads: it finds every
// output up to date, writes nothing and prints nothing. The launcher can leave such a go command
// out. The record's stamps cover what the plan read; the record's skip guard (written by Node,
// weaver/src/gocmd/uptodate.ts) names what else go reads: the outputs, go.sum, default.pgo, the
// C compiler, the C and assembly files of the user's packages. The first time the launcher runs
// go for a record, it stamps those before go starts, runs go, and when go succeeded without a
// word, writes the stamps, the outputs' and the repository's state beside the record (<record>.up).
// While they all hold, later builds are answered from there.

// skipGuard is the record's "skip" (weaver/src/gocmd/uptodate.ts SkipGuard).
type skipGuard struct {
	Dir     string `json:"dir"`
	Outputs []struct {
		Path string `json:"path"`
		Pkg  string `json:"pkg"`
	} `json:"outputs"`
	Files []string `json:"files"`
	// Embeds are the roots of what //go:embed patterns can match: files, or trees stamped whole.
	Embeds []string `json:"embeds"`
}

// vouched is what <record>.up holds: the guard's inputs as they were when go last ran for the
// record and succeeded silently, and what that run left.
type vouched struct {
	// Record is the hash of the record's text: a new record needs a new run.
	Record  string   `json:"record"`
	Inputs  []string `json:"inputs"`
	Outputs []string `json:"outputs"`
	// VCS is the repository state go stamped into the outputs; nil when it stamped none.
	VCS *vcsState `json:"vcs"`
}

type vcsState struct {
	Root     string `json:"root"`
	Revision string `json:"revision"`
	Time     string `json:"time"`
	Modified bool   `json:"modified"`
}

func vouchedPath(rec *record) string { return rec.path + ".up" }

// upToDate tells whether the go command would find nothing to do: every input and output is as
// when go last ran for this record and succeeded without a word.
func upToDate(rec *record) bool {
	data, err := os.ReadFile(vouchedPath(rec))
	if err != nil {
		return false
	}
	var v vouched
	if json.Unmarshal(data, &v) != nil || v.Record != rec.sum {
		return false
	}
	inputs, ok := guardInputs(rec.Skip)
	if !ok || !slices.Equal(inputs, v.Inputs) {
		return false
	}
	outputs, ok := outputStamps(rec.Skip)
	if !ok || !slices.Equal(outputs, v.Outputs) {
		return false
	}
	return len(rec.Skip.Outputs) == 0 || vcsHolds(rec.Skip.Dir, v.VCS)
}

// guardInputs stamps the guard's files and embedded trees as they are now. ok is false when one
// was modified too recently to vouch for (see racyWindow).
func guardInputs(g *skipGuard) (stamps []string, ok bool) {
	now := time.Now()
	stamp := func(path string, fi os.FileInfo) bool {
		if now.Sub(fi.ModTime()) < racyWindow(path, fi.ModTime()) {
			return false
		}
		stamps = append(stamps, strconv.FormatInt(fi.ModTime().UnixNano(), 10)+" "+strconv.FormatInt(fi.Size(), 10)+" "+path)
		return true
	}
	for _, f := range g.Files {
		fi, err := os.Stat(f)
		if err != nil {
			stamps = append(stamps, "- 0 "+f)
		} else if !stamp(f, fi) {
			return nil, false
		}
	}
	for _, root := range g.Embeds {
		if !stampTree(root, &stamps, stamp) {
			return nil, false
		}
	}
	return stamps, true
}

// stampTree stamps a file, or a directory by the names in it (all of them: a pattern can match
// any) and everything below it. It returns false when stamp refuses one (too recent).
func stampTree(path string, stamps *[]string, stamp func(string, os.FileInfo) bool) bool {
	fi, err := os.Lstat(path)
	if err != nil {
		*stamps = append(*stamps, "- 0 "+path)
		return true
	}
	if !fi.IsDir() {
		return stamp(path, fi)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return false
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name()+"/")
		} else {
			names = append(names, e.Name())
		}
	}
	*stamps = append(*stamps, "l "+namesHash(names)+" "+path)
	for _, e := range entries {
		if !stampTree(filepath.Join(path, e.Name()), stamps, stamp) {
			return false
		}
	}
	return true
}

// outputStamps names the build of each file go build writes, by its Go build ID: the go command
// too judges an output up to date by its build ID alone. ok is false when one is missing or has
// none.
func outputStamps(g *skipGuard) (stamps []string, ok bool) {
	for _, o := range g.Outputs {
		id := goBuildID(o.Path)
		if id == "" {
			return nil, false
		}
		stamps = append(stamps, id+" "+o.Path)
	}
	return stamps, true
}

// goBuildID reads the Go build ID of an executable: its ELF note, or the marker the linker puts
// at the start of the text on other formats. "" when there is none.
func goBuildID(path string) string {
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			// namesz, descsz, type; then "Go\x00\x00" and the ID.
			if d, err := sec.Data(); err == nil && len(d) > 16 && string(d[12:16]) == "Go\x00\x00" {
				n := int(f.ByteOrder.Uint32(d[4:8]))
				if 16+n <= len(d) {
					return string(d[16 : 16+n])
				}
			}
		}
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(marker))
	if i < 0 {
		return ""
	}
	rest := head[i+len(marker):]
	j := bytes.Index(rest, []byte("\"\n \xff"))
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// touch sets the outputs' times to now, as the go command does to an output it finds up to date
// ("it looks as if rewritten", cmd/go), so tools that go by mtime see the same either way.
func touch(g *skipGuard) {
	now := time.Now()
	for _, o := range g.Outputs {
		os.Chtimes(o.Path, now, now)
	}
}

func namesHash(names []string) string {
	sum := sha256.Sum256([]byte(strings.Join(names, "\n") + "\x00"))
	return hex.EncodeToString(sum[:])
}

// runAndVouch runs the record's go command as a child instead of exec'ing it, and when it
// succeeds without printing, leaves <record>.up for the builds that follow. It returns only when
// go could not be started.
func runAndVouch(rec *record) {
	inputs, inputsOK := guardInputs(rec.Skip)
	os.Remove(vouchedPath(rec))
	code, printed, started := runGo(rec, rec.Args)
	if !started {
		return
	}
	if code == 0 && !printed && inputsOK {
		vouch(rec, inputs)
	}
	os.Exit(code)
}

func vouch(rec *record, inputs []string) {
	outputs, ok := outputStamps(rec.Skip)
	if !ok {
		return
	}
	v := vouched{Record: rec.sum, Inputs: inputs, Outputs: outputs}
	for i, o := range rec.Skip.Outputs {
		s, ok := stampedVCS(o.Path, o.Pkg, rec.Skip.Dir)
		if !ok || (i > 0 && !sameVCS(s, v.VCS)) {
			return
		}
		v.VCS = s
	}
	// The outputs must be as they were before their build info was read.
	if again, ok := outputStamps(rec.Skip); !ok || !slices.Equal(again, outputs) {
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
	writeAtomic(vouchedPath(rec), data, 0o644)
}

func sameVCS(a, b *vcsState) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// stampedVCS reads the repository state go stamped into an output (and checks that the output
// is the command it should be). A nil state: go stamped none, and must not find a repository
// now either; only Git's state can be checked again later.
func stampedVCS(path, pkg, dir string) (*vcsState, bool) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil || bi.Path != pkg {
		return nil, false
	}
	s := map[string]string{}
	for _, kv := range bi.Settings {
		s[kv.Key] = kv.Value
	}
	root, kind := vcsRoot(dir)
	switch {
	case s["vcs"] == "" && kind == "":
		return nil, true
	case s["vcs"] == "git" && kind == "git":
		return &vcsState{Root: root, Revision: s["vcs.revision"], Time: s["vcs.time"], Modified: s["vcs.modified"] == "true"}, true
	}
	return nil, false
}

// vcsHolds tells whether go would stamp the same repository state now.
func vcsHolds(dir string, want *vcsState) bool {
	root, kind := vcsRoot(dir)
	if want == nil {
		return kind == ""
	}
	if kind != "git" || root != want.Root {
		return false
	}
	got, ok := gitState(root)
	return ok && *got == *want
}

// vcsRoot finds the repository go's VCS stamping would find from dir: the nearest directory
// with a checkout's marker (cmd/go/internal/vcs FromDir).
func vcsRoot(dir string) (root, kind string) {
	markers := []struct {
		name, kind string
		isDir      bool
	}{{".hg", "hg", true}, {".git", "git", true}, {".bzr", "bzr", true}, {".svn", "svn", true}, {".fslckout", "fossil", false}, {"_FOSSIL_", "fossil", false}}
	for d := filepath.Clean(dir); ; {
		for _, m := range markers {
			if fi, err := os.Stat(filepath.Join(d, m.name)); err == nil && fi.IsDir() == m.isDir {
				return d, m.kind
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", ""
		}
		d = parent
	}
}

// gitState asks git what go asks it (cmd/go/internal/vcs gitStatus).
func gitState(root string) (*vcsState, bool) {
	git, err := lookPath("git")
	if err != nil {
		return nil, false
	}
	status, ok := capture(git, root, "status", "--porcelain")
	if !ok {
		return nil, false
	}
	s := &vcsState{Root: root, Modified: len(status) > 0}
	out, ok := capture(git, root, "-c", "log.showsignature=false", "log", "-1", "--format=%H:%ct")
	if !ok {
		// A repository without commits: go stamps no revision when files are uncommitted.
		return s, s.Modified
	}
	rev, secs, found := strings.Cut(strings.TrimSpace(string(out)), ":")
	t, err := strconv.ParseInt(secs, 10, 64)
	if !found || err != nil {
		return nil, false
	}
	s.Revision = rev
	s.Time = time.Unix(t, 0).UTC().Format(time.RFC3339Nano)
	return s, true
}

// capture runs a program in dir and returns its standard output; ok is false unless it exited 0.
func capture(prog, dir string, args ...string) ([]byte, bool) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, false
	}
	null, _ := os.Open(os.DevNull)
	env := append(os.Environ(), "PWD="+dir)
	p, err := os.StartProcess(prog, append([]string{prog}, args...), &os.ProcAttr{Dir: dir, Env: env, Files: []*os.File{null, w, null}})
	w.Close()
	if null != nil {
		null.Close()
	}
	if err != nil {
		r.Close()
		return nil, false
	}
	out, _ := io.ReadAll(r)
	r.Close()
	st, err := p.Wait()
	return out, err == nil && st.Success()
}

// runGo runs the record's go with args (its own, or a build ahead's) and this process's standard
// input, copying its output through, and returns its exit code and whether it printed anything
// (started is false when go could not be started, or pipes not made). Signals are passed on: one
// sent to this process alone reaches go, and go takes a terminal's second copy of an interrupt as
// it takes the first.
func runGo(rec *record, args []string) (code int, printed, started bool) {
	outR, outW, err1 := os.Pipe()
	errR, errW, err2 := os.Pipe()
	if err1 != nil || err2 != nil {
		return 0, false, false
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP)
	p, err := os.StartProcess(rec.Go, append([]string{rec.Go}, args...), &os.ProcAttr{Env: rec.environ(os.Environ()), Files: []*os.File{os.Stdin, outW, errW}})
	outW.Close()
	errW.Close()
	if err != nil {
		// Node gives the full story (e.g. go removed since).
		fmt.Fprintf(os.Stderr, "go-weave: warning: running %s failed (%v); planning again\n", rec.Go, err)
		signal.Stop(sigs)
		outR.Close()
		errR.Close()
		return 0, false, false
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	copyOut := func(dst *os.File, src *os.File) {
		defer wg.Done()
		n, _ := io.Copy(dst, src)
		if n > 0 {
			mu.Lock()
			printed = true
			mu.Unlock()
		}
	}
	wg.Add(2)
	go copyOut(os.Stdout, outR)
	go copyOut(os.Stderr, errR)
	go func() {
		for s := range sigs {
			p.Signal(s)
		}
	}()
	st, err := p.Wait()
	wg.Wait()
	if err != nil {
		return 2, true, true
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		// Die of the same signal, as the exec'd go would have.
		signal.Reset(ws.Signal())
		syscall.Kill(os.Getpid(), ws.Signal())
		// The signal is delivered on its way; should it not end the process, exit as a shell reports it.
		time.Sleep(time.Second)
		return 128 + int(ws.Signal()), true, true
	}
	return st.ExitCode(), printed, true
}

// recordSum hashes a record's text (vouched.Record).
func recordSum(data []byte) string {
	sum := sha256.Sum256(bytes.TrimSpace(data))
	return hex.EncodeToString(sum[:])
}
