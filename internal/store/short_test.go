package store

import (
	"flag"
	"testing"
)

// Under -short the package's journals skip the fsync of each commit (see
// noSync); the full suite, as CI runs it, syncs every commit.
func init() {
	noSync = func() bool { return flag.Parsed() && testing.Short() }
}

// skipShort keeps `go test -short ./...` (the loop run while working) fast:
// the long fault and flow tests run in the full suite, as CI runs it.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("a long fault or flow test: it runs without -short")
	}
}
