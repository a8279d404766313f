//go:build unix

package store

import (
	"os"
	"os/exec"
	"syscall"
)

// yieldCPU has a background writer give way to the user's own processes
// (nice 10): the calendar can wait a moment; the next command cannot.
func yieldCPU() { _ = syscall.Setpriority(syscall.PRIO_PROCESS, 0, 10) }

// delayed runs exe with arg after a moment, through sh: a Go program's
// start (its runtime and package init) costs a few milliseconds of CPU,
// which would compete with the command that is still finishing; sh and
// sleep cost a fraction of that, and the writer starts once it is done.
func delayed(exe, arg string) *exec.Cmd {
	if sh, err := exec.LookPath("sh"); err == nil {
		return exec.Command(sh, "-c", `sleep 0.1 2>/dev/null; exec "$0" "$1"`, exe, arg)
	}
	return exec.Command(exe, arg)
}

// spawnDetached starts argv with env in a session of its own, its
// standard streams on /dev/null, and reaps it in the background. It is
// syscall.ForkExec rather than exec.Cmd: os/exec first probes once per
// process whether pidfds work, with a process of its own, which the one
// write that starts a calendar writer would pay for.
func spawnDetached(argv, env []string) bool {
	null, err := os.Open(os.DevNull)
	if err != nil {
		return false
	}
	defer null.Close()
	fd := null.Fd()
	pid, err := syscall.ForkExec(argv[0], argv, &syscall.ProcAttr{
		Env:   env,
		Files: []uintptr{fd, fd, fd},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	if err != nil {
		return false
	}
	go func() {
		var ws syscall.WaitStatus
		_, _ = syscall.Wait4(pid, &ws, 0, nil) // reaped while this process lives (the app)
	}()
	return true
}
