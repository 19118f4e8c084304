//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"os"
	"syscall"
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
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return reply, false
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Connect(fd, &syscall.SockaddrUnix{Name: sock}); err != nil {
		syscall.Close(fd)
		return reply, false
	}
	conn := os.NewFile(uintptr(fd), sock)
	defer conn.Close()
	cwd, _ := syscall.Getwd()
	req, err := json.Marshal(map[string]any{"argv": args, "cwd": cwd, "env": os.Environ(), "record": recordPath})
	if err != nil {
		return reply, true
	}
	if _, err := conn.Write(append(req, '\n')); err != nil {
		return reply, true
	}
	line, err := bufio.NewReader(conn).ReadBytes('\n')
	if err != nil || json.Unmarshal(line, &reply) != nil {
		return serverReply{}, true
	}
	return reply, true
}
