package greet

// newline ends a Line as Windows text files do. Only a Windows build compiles this file (its
// name says so); the rules leave it out elsewhere, as the go command does.
const newline = "\r\n"
