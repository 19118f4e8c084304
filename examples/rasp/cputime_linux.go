package main

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time of the calling OS thread. The benchmark handler
// locks its goroutine to a thread and measures with it, so that time spent
// descheduled by other processes on a busy machine does not count.
func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
