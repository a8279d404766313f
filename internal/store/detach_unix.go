//go:build unix

package store

import (
	"os/exec"
	"syscall"
)

// detach starts cmd in a session of its own: it outlives this process and
// its terminal, and a Ctrl-C there does not reach it.
func detach(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} }
