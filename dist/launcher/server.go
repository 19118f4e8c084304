//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"syscall"
	"time"
)

// serverReply is the weave server's answer (weaver/src/gocmd/server.ts).
type serverReply struct {
	OK      bool   `json:"ok"`
	Verbose string `json:"verbose"`
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
	cwd, _ := syscall.Getwd()
	req, err := json.Marshal(map[string]any{"argv": args, "cwd": cwd, "env": os.Environ(), "record": recordPath})
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
