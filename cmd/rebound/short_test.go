package main

import "testing"

// skipShort keeps `go test -short ./...` (the loop run while working) fast:
// the long fault and flow tests run in the full suite, as CI runs it.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("a long fault or flow test: it runs without -short")
	}
}
