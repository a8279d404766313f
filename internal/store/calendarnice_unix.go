//go:build unix

package store

import "syscall"

// yieldCPU has a background writer give way to the user's own processes
// (nice 10): the calendar can wait a moment; the next command cannot.
func yieldCPU() { _ = syscall.Setpriority(syscall.PRIO_PROCESS, 0, 10) }
