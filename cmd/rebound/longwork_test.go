package main

// Logs during long work: doctor and export only read, so a `rebound log`
// issued while they run returns at once; an import's or a repair's write
// phase may make it wait, and it then waits (saying what for) and
// succeeds, instead of failing with "the journal is busy" after a second.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

type logRun struct {
	took   time.Duration
	code   int
	stderr string
}

// logsDuring starts the binary with args and runs `log` calls one after
// another until it exits; it returns the logs and the long command's
// exit code and output.
func logsDuring(t *testing.T, db string, args ...string) ([]logRun, int, string) {
	t.Helper()
	long := exec.Command(rebound(t), append([]string{"--db", db}, args...)...)
	long.Env = append(os.Environ(), "NO_COLOR=1")
	var out bytes.Buffer
	long.Stdout, long.Stderr = &out, &out
	if err := long.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		_ = long.Wait()
		close(done)
	}()
	var logs []logRun
	for i := 0; ; i++ {
		select {
		case <-done:
			return logs, long.ProcessState.ExitCode(), out.String()
		case <-time.After(40 * time.Millisecond):
		}
		start := time.Now()
		_, errOut, code := run(t, db, "log", "--who", "Lat Probe", "--said", fmt.Sprintf("during %s, call %d", args[0], i))
		logs = append(logs, logRun{time.Since(start), code, errOut})
	}
}

func TestLogsDuringLongWork(t *testing.T) {
	skipShort(t)
	t.Parallel()
	n := 20000
	if os.Getenv("REBOUND_SOAK") != "" {
		n = 100000
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	src := filepath.Join(dir, "other.db")
	for _, c := range []struct {
		db   string
		seed string
	}{{db, "1"}, {src, "2"}} {
		if _, errOut, code := run(t, c.db, "demo", "--nos", fmt.Sprint(n), "--days", "1825", "--seed", c.seed); code != 0 {
			t.Fatalf("demo: %s", errOut)
		}
	}
	export := filepath.Join(dir, "other.json")
	if _, errOut, code := run(t, src, "export", "--format", "json", "-o", export); code != 0 {
		t.Fatalf("export: %s", errOut)
	}

	total := 0
	for _, c := range []struct {
		name string
		args []string
		// reads: every log must return within about a second
		reads  bool
		damage bool
		// again: run again if it finished before two logs ran (an
		// import again skips what it added, reading all of it again)
		again bool
	}{
		{"doctor", []string{"doctor"}, true, false, true},
		{"export", []string{"export", "--format", "json", "-o", filepath.Join(dir, "out.json")}, true, false, true},
		{"doctor --repair", []string{"doctor", "--repair"}, false, true, false},
		{"import", []string{"import", export}, false, false, true},
	} {
		if c.damage {
			// An index entry gone: --repair has a rebuild to do.
			bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			err = bdb.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("waiting"))
				k, _ := b.Cursor().First()
				return b.Delete(k)
			})
			bdb.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		// A command fast enough to finish before two logs ran is run
		// again (export of 20k No's takes a few tenths of a second).
		var logs []logRun
		for try := 0; try < 5 && len(logs) < 2; try++ {
			more, code, out := logsDuring(t, db, c.args...)
			if code != 0 {
				t.Fatalf("%s: exit %d\n%s", c.name, code, out)
			}
			logs = append(logs, more...)
			if !c.again {
				break
			}
		}
		var slowest time.Duration
		waited, failed := 0, 0
		for i, l := range logs {
			if l.code != 0 {
				failed++
				t.Errorf("%s: log %d exited %d after %v: %s", c.name, i, l.code, l.took, l.stderr)
			}
			slowest = max(slowest, l.took)
			if strings.Contains(l.stderr, "Waiting for") {
				waited++
				if c.reads {
					t.Errorf("%s: a log waited: %q", c.name, l.stderr)
				}
				if strings.Count(l.stderr, "\n") != 1 {
					t.Errorf("%s: want one line about the wait, got %q", c.name, l.stderr)
				}
			} else if l.took > 1500*time.Millisecond && !c.reads {
				t.Errorf("%s: a log took %v without saying what it waited for: %q", c.name, l.took, l.stderr)
			}
		}
		// Loosely: a read lets a log in within about a second (2.5 s
		// leaves room for a busy machine).
		if c.reads && slowest > 2500*time.Millisecond {
			t.Errorf("%s: the slowest log took %v", c.name, slowest)
		}
		if len(logs) < 2 {
			t.Errorf("%s finished before two logs ran (%d)", c.name, len(logs))
		}
		total += len(logs) - failed
		t.Logf("%-16s %d No's: %2d logs, %d failed, slowest %v, %d said they were waiting", c.name, n, len(logs), failed, slowest.Round(time.Millisecond), waited)
	}

	// Every log is in the journal, and the journal is consistent.
	// who lists a page of a prospect's No's (-n) and counts them all.
	out, errOut, code := run(t, db, "who", "Lat Probe", "--json", "-n", "1000")
	if code != 0 {
		t.Fatalf("who: %s", errOut)
	}
	var hist struct {
		Nos   []json.RawMessage `json:"nos"`
		Total int               `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &hist); err != nil {
		t.Fatal(err)
	}
	if len(hist.Nos) != total || hist.Total != total {
		t.Fatalf("%d logs exited 0 but %d are in the journal (who counts %d)", total, len(hist.Nos), hist.Total)
	}
	if out, errOut, code := run(t, db, "doctor"); code != 0 {
		t.Fatalf("doctor after: %s%s", out, errOut)
	}
}
