//go:build windows || plan9 || solaris || aix || android

package store

import (
	"os"
	"time"
)

// lockFile leaves locking to bbolt (with its Timeout) on these systems.
func lockFile(*os.File, bool, time.Duration) error { return nil }
