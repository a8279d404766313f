//go:build windows || plan9 || solaris || aix || android

package store

import "os"

// openNoFollow opens path to try its lock.
func openNoFollow(path string) (*os.File, error) { return os.Open(path) }

// tryLock cannot tell here whether a process holds the file: a temporary's
// age alone decides (see staleAfter).
func tryLock(*os.File) bool { return true }

// lockTemp does nothing here; see tryLock.
func lockTemp(*os.File) {}
