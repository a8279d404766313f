//go:build !windows && !plan9 && !solaris && !aix && !android

package store

import (
	"os"
	"syscall"
)

// openNoFollow opens path to try its lock; a symbolic link is refused, so
// a link named like a temporary never leads to another file.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
}

// tryLock takes f's exclusive flock without waiting: false when another
// open file (a live process) holds a lock on it.
func tryLock(f *os.File) bool {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			return err == nil
		}
	}
}

// lockTemp marks a temporary as being written by this process until it
// closes it. Best effort: where flock fails, its age protects it.
func lockTemp(f *os.File) { tryLock(f) }
