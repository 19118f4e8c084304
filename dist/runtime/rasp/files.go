package rasp

import (
	"context"
	"io/fs"
	"os"

	"go-weave.dev/runtime/trace"
)

// The functions below have the signatures of their os namesakes; rasp.yml
// replaces calls to those in the main module with calls to these. A refused
// path fails like the os function would, with an *fs.PathError whose Err is
// the *BlockedError (errors.As finds it through Unwrap).

func guardPath(op, name string) error {
	// No context at an os call site: the request is found through the
	// goroutine's span.
	if err := trace.Guard(context.Background(), "file", name); err != nil {
		return &fs.PathError{Op: op, Path: name, Err: err}
	}
	return nil
}

func Open(name string) (*os.File, error) {
	if err := guardPath("open", name); err != nil {
		return nil, err
	}
	return os.Open(name)
}

func OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	if err := guardPath("open", name); err != nil {
		return nil, err
	}
	return os.OpenFile(name, flag, perm)
}

func Create(name string) (*os.File, error) {
	if err := guardPath("open", name); err != nil {
		return nil, err
	}
	return os.Create(name)
}

func ReadFile(name string) ([]byte, error) {
	if err := guardPath("open", name); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}

func WriteFile(name string, data []byte, perm fs.FileMode) error {
	if err := guardPath("open", name); err != nil {
		return err
	}
	return os.WriteFile(name, data, perm)
}

func ReadDir(name string) ([]os.DirEntry, error) {
	if err := guardPath("open", name); err != nil {
		return nil, err
	}
	return os.ReadDir(name)
}

func Remove(name string) error {
	if err := guardPath("remove", name); err != nil {
		return err
	}
	return os.Remove(name)
}

func Stat(name string) (fs.FileInfo, error) {
	if err := guardPath("stat", name); err != nil {
		return nil, err
	}
	return os.Stat(name)
}
