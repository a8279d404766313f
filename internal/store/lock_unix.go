//go:build !windows && !plan9 && !solaris && !aix && !android

package store

import (
	"errors"
	"os"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// lockFile takes the same flock bbolt takes (bbolt's own flock on this
// descriptor then succeeds at once), but retries every few hundred
// microseconds instead of bbolt's 50 ms: a reader that opens the file in a
// loop holds its shared lock most of the time, and a 50 ms poll can miss
// every gap for a whole second.
func lockFile(f *os.File, exclusive bool, timeout time.Duration) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	wait := 100 * time.Microsecond
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return err
		}
		if timeout > 0 && time.Now().After(deadline) {
			return bolt.ErrTimeout
		}
		time.Sleep(wait)
		wait = min(wait*2, 2*time.Millisecond)
	}
}
