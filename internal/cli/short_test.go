package cli

import "testing"

// skipShort keeps `go test -short ./...` (the loop run while working) fast:
// the tests over large journals run in the full suite, as CI runs it.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("a test over a large journal: it runs without -short")
	}
}
