package main

import (
	"syscall"
	"time"
)

// racyWindow is how long after a file's last write its mtime and size can vouch for its content
// (weaver/src/gocmd/racy.ts racyWindowNs): 50 ms where the file system is a local one with fine
// times (a fraction of a second in the mtime), whose times come from this machine's clock; 2 s
// otherwise.
func racyWindow(path string, mtime time.Time) time.Duration {
	if mtime.Nanosecond() == 0 {
		return 2 * time.Second
	}
	var st syscall.Statfs_t
	if syscall.Statfs(path, &st) != nil || !localFS[uint32(st.Type)] {
		return 2 * time.Second
	}
	return 50 * time.Millisecond
}

// localFS are statfs types of Linux file systems on local storage (or memory) with fine times.
var localFS = map[uint32]bool{
	0xef53: true, 0x58465342: true, 0x9123683e: true, 0x01021994: true, 0x858458f6: true,
	0x794c7630: true, 0x2fc12fc1: true, 0xf2f52010: true, 0xca451a4e: true,
}
