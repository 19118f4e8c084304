//go:build unix

package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// serverReply is the weave server's answer (weaver/src/gocmd/server.ts).
type serverReply struct {
	OK      bool   `json:"ok"`
	Verbose string `json:"verbose"`
}

// maxSocketPath bounds a Unix socket's path in bytes, its terminating NUL included: sun_path
// holds 104 bytes on macOS and the BSDs, 108 on Linux. Node would cut a longer path short and
// listen somewhere else.
const maxSocketPath = 104

// serverSocketPath is where the weave server of the launcher in dir listens: beside it, or, when
// that path is too long for a socket (a deep GOWEAVE_CACHE), in a private per-user directory of
// the temporary directory, named by dir. "" when neither can be used.
func serverSocketPath(dir string) string {
	p := filepath.Join(dir, "weaver.sock")
	if len(p) < maxSocketPath {
		return p
	}
	private := filepath.Join(os.TempDir(), "go-weave-"+strconv.Itoa(os.Getuid()))
	if err := os.Mkdir(private, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return ""
	}
	// Another user's directory (or one others can write to) could hold a socket that answers
	// for ours.
	fi, err := os.Lstat(private)
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o077 != 0 {
		return ""
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != os.Getuid() {
		return ""
	}
	sum := sha256.Sum256([]byte(dir))
	p = filepath.Join(private, hex.EncodeToString(sum[:8])+".sock")
	if len(p) < maxSocketPath {
		return p
	}
	return ""
}

// askServer hands a command the launcher cannot replay to the weave server, which plans and
// weaves it and writes the record. connected is false when no server listens on sock; the
// socket is spoken to with syscall alone, as package net would bring cgo's resolver along.
func askServer(sock string, args []string, recordPath string) (reply serverReply, connected bool) {
	var err error
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return reply, false
	}
	syscall.CloseOnExec(fd)
	if err = syscall.Connect(fd, &syscall.SockaddrUnix{Name: sock}); err != nil {
		syscall.Close(fd)
		return reply, false
	}
	// Non-blocking, so that the file is pollable and takes a deadline: a server that stopped
	// answering must not hang the build. The deadline is far above any weave (a changed aspect
	// re-weaving the standard library takes under a minute); past it the socket is removed, the
	// server quits when it sees that, and the build goes to Node.
	syscall.SetNonblock(fd, true)
	conn := os.NewFile(uintptr(fd), sock)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(serverDeadline))
	defer func() {
		if !reply.OK && errors.Is(err, os.ErrDeadlineExceeded) {
			os.Remove(sock)
		}
	}()
	req, err := requestLine(args, recordPath)
	if err != nil {
		return reply, true
	}
	if _, err = conn.Write(append(req, '\n')); err != nil {
		return reply, true
	}
	var line []byte
	line, err = bufio.NewReader(conn).ReadBytes('\n')
	if err != nil || json.Unmarshal(line, &reply) != nil {
		return serverReply{}, true
	}
	return reply, true
}

const serverDeadline = 5 * time.Minute

// notifyServer tells the weave server on sock, without waiting for it, that the command line of
// recordPath is being built, by go in this process: it builds ahead only the command line run
// last, stops a build ahead of another one, and plans a save only once this go has ended. A
// server that is not there, or whose queue is full, is simply not told.
func notifyServer(sock, recordPath string) {
	if sock == "" || os.Getenv("GOWEAVE_SERVER") == "0" {
		return
	}
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return
	}
	defer syscall.Close(fd)
	syscall.CloseOnExec(fd)
	if syscall.SetNonblock(fd, true) != nil || syscall.Connect(fd, &syscall.SockaddrUnix{Name: sock}) != nil {
		return
	}
	line, err := json.Marshal(map[string]any{"used": recordPath, "pid": os.Getpid()})
	if err == nil {
		syscall.Write(fd, append(line, '\n'))
	}
}

// requestLine is this command's request to the weave server, without its newline; the server
// knows a request again by its record path. The process id is go's once the launcher execs it
// (or Node's, which runs go as its child): the server puts off other work until it ends.
func requestLine(args []string, recordPath string) ([]byte, error) {
	cwd, _ := syscall.Getwd()
	return json.Marshal(map[string]any{"argv": args, "cwd": cwd, "env": os.Environ(), "record": recordPath, "pid": os.Getpid()})
}
