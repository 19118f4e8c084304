// A small std-only program whose net/http server and client are join points of the
// built-in aspects: what the weave test and the action benchmark build.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PINGER = `package main

import (
	"fmt"
	"net"
	"net/http"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "pong") }))
	res, err := http.Get("http://" + ln.Addr().String() + "/ping")
	if err != nil {
		panic(err)
	}
	fmt.Println("status", res.StatusCode)
}
`;

export function writePinger(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/pinger\n\ngo 1.25\n');
  fs.writeFileSync(path.join(dir, 'main.go'), PINGER);
}
