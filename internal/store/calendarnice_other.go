//go:build !unix

package store

import "os/exec"

// yieldCPU does nothing where priorities are not set this way.
func yieldCPU() {}

// delayed runs exe with arg.
func delayed(exe, arg string) *exec.Cmd { return exec.Command(exe, arg) }

// spawnDetached starts argv with env and does not wait for it.
func spawnDetached(argv, env []string) bool {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	if cmd.Start() != nil {
		return false
	}
	go cmd.Wait()
	return true
}
