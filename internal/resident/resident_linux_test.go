//go:build linux

package resident

import (
	"bytes"
	"os"
	"strconv"
	"testing"
)

// rssFile is this process's resident pages of files (its own code among
// them), from /proc/self/status, in KiB.
func rssFile(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("RssFile:")); ok {
			n, err := strconv.Atoi(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestDropProgram: the program's code and read-only data stop counting as
// resident, and the program runs on (what it runs comes back).
func TestDropProgram(t *testing.T) {
	before := rssFile(t)
	dropped := DropProgram()
	after := rssFile(t)
	if dropped <= 0 {
		t.Fatal("nothing was dropped")
	}
	if after >= before {
		t.Errorf("resident file pages %d KiB before, %d KiB after dropping %d KiB", before, after, dropped>>10)
	}
	t.Logf("resident file pages %d KiB before, %d KiB after", before, after)
}
