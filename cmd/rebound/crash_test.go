package main

// Fault tests with processes killed mid-write (a log, a large import) and
// apps running side by side.

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestCrashSafetySIGKILL starts real `rebound log` processes and kills them
// at random moments; the journal must open, pass doctor, and hold every No
// whose process exited 0.
func TestCrashSafetySIGKILL(t *testing.T) {
	skipShort(t)
	t.Parallel()
	exe := rebound(t) // the goroutines below must not skip or fail the test
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, _, code := run(t, db, "log", "--who", "seed"); code != 0 {
		t.Fatal("seed log failed")
	}
	// Kill at random moments across a normal log's lifetime (measured here,
	// so a busy machine still gets kills before and after the commit).
	var normal []time.Duration
	for i := range 5 {
		start := time.Now()
		if _, _, code := run(t, db, "log", "--who", fmt.Sprintf("timing-%d", i)); code != 0 {
			t.Fatal("timing log failed")
		}
		normal = append(normal, time.Since(start))
	}
	slices.Sort(normal)
	span := normal[2] * 3 / 2
	const total = 300
	rng := rand.New(rand.NewPCG(1, 2))
	delays := make([]time.Duration, total)
	for i := range delays {
		delays[i] = time.Duration(rng.Int64N(int64(span)))
	}
	var (
		mu     sync.Mutex
		exited []string
		killed int
	)
	start := time.Now()
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i := range total {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			who := fmt.Sprintf("crash-%03d", i)
			cmd := exec.Command(exe, "--db", db, "log", "--who", who, "--reason", "price", "--said", strings.Repeat("words ", 50))
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			if err := cmd.Start(); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(delays[i])
			_ = cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				exited = append(exited, who)
			} else {
				killed++
			}
		}(i)
	}
	wg.Wait()
	t.Logf("%d processes: %d exited 0, %d killed, in %v", total, len(exited), killed, time.Since(start))
	if killed == 0 || len(exited) == 0 {
		t.Fatalf("the kills should land both before and after commits (exited %d, killed %d)", len(exited), killed)
	}
	out, errOut, code := run(t, db, "doctor")
	if code != 0 {
		t.Fatalf("doctor after kills: exit %d\n%s%s", code, out, errOut)
	}
	have := map[string]bool{}
	for _, n := range journalJSON(t, db) {
		have[n.Who] = true
	}
	for _, who := range exited {
		if !have[who] {
			t.Errorf("%s exited 0 but its No is not stored", who)
		}
	}
}

// TestConcurrentAppsAndLogs: the app open in two terminals, each logging
// through its form, while a third process logs with flags.
func TestConcurrentAppsAndLogs(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, _, code := run(t, db, "log", "--who", "seed"); code != 0 {
		t.Fatal("seed log failed")
	}
	a := startTerm(t, 100, 30, "--db", db, "journal")
	b := startTerm(t, 100, 30, "--db", db)
	a.waitFor("seed")
	b.waitFor("rebound")
	skipWelcome(b)
	for i := range 15 {
		start := time.Now()
		_, errOut, code := run(t, db, "log", "--who", fmt.Sprintf("cli-%02d", i), "--reason", "timing")
		if code != 0 {
			t.Fatalf("log %d: exit %d %s", i, code, errOut)
		}
		if took := time.Since(start); took > 1500*time.Millisecond {
			t.Fatalf("log %d waited %v", i, took)
		}
		if i == 5 { // meanwhile, the second app logs through its form
			b.keys("n")
			b.waitFor("Who said no?")
			b.typeText("from-app-b")
			b.keys("Enter")
			b.waitFor("┃ Your contact there")
			b.keys("Enter")
			b.waitFor("┃ What did they say")
			b.keys("Tab")
			b.waitFor("┃ Why, as far as you know?")
			b.keys("Enter")
			b.waitFor("┃ Is that what they told you")
			b.keys("Enter")
			b.waitFor("┃ What else weighed")
			b.keys("Enter") // no other reasons
			b.waitFor("┃ At what stage")
			b.keys("Enter") // no stage
			b.waitFor("┃ What would need")
			b.keys("Enter")
			b.waitFor("┃ Follow up on")
			b.keys("Enter")
			b.waitFor("Saved No #")
		}
	}
	a.waitFor("cli-14")
	b.keys("j")
	b.waitFor("cli-14")
	names := map[string]bool{}
	for _, n := range journalJSON(t, db) {
		names[n.Who] = true
	}
	if len(names) != 17 || !names["from-app-b"] {
		t.Fatalf("expected 17 No's including from-app-b, got %v", names)
	}
}

// TestLargeImportKilledMidway kills `rebound import` of a 3,000-No export
// (batched into a copy of the journal that replaces it) at moments across
// its lifetime: each time the journal is either exactly as it was or fully
// imported, and passes doctor; the next import finishes the job and clears
// the copy a killed one left.
func TestLargeImportKilledMidway(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if _, errOut, code := run(t, src, "demo", "--nos", "3000", "--days", "400", "--seed", "5"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	export := filepath.Join(dir, "export.json")
	if _, errOut, code := run(t, src, "export", "--format", "json", "-o", export); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	base := filepath.Join(dir, "base.db")
	if _, _, code := run(t, base, "log", "--who", "Mine Ltd"); code != 0 {
		t.Fatal("log failed")
	}
	before, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	fresh := func(name string) string {
		p := filepath.Join(dir, name, "rebound.db")
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, before, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// How long an import takes here, so the kills spread across it.
	start := time.Now()
	if _, errOut, code := run(t, fresh("timing"), "import", export); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	took := time.Since(start)
	var killed, finished int
	for i := range 8 {
		db := fresh(fmt.Sprintf("kill-%d", i))
		cmd := exec.Command(rebound(t), "--db", db, "import", export)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(1+i) / 9)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		if cmd.Wait() == nil {
			finished++
		} else {
			killed++
		}
		after, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		n := len(journalJSON(t, db))
		if !bytes.Equal(after, before) && n != 3001 {
			t.Fatalf("kill %d: the journal is neither as it was nor fully imported: %d No's", i, n)
		}
		out, errOut, code := run(t, db, "doctor")
		if code != 0 {
			t.Fatalf("kill %d: doctor: %s%s", i, out, errOut)
		}
		if _, err := os.Stat(db + ".importing"); err == nil && !strings.Contains(out, "An interrupted import left a partial copy") {
			t.Fatalf("kill %d: doctor does not mention the copy left behind:\n%s", i, out)
		}
		if _, errOut, code := run(t, db, "import", export); code != 0 {
			t.Fatalf("kill %d: import after: %s", i, errOut)
		}
		if n := len(journalJSON(t, db)); n != 3001 {
			t.Fatalf("kill %d: %d No's after the second import", i, n)
		}
		if _, err := os.Stat(db + ".importing"); !os.IsNotExist(err) {
			t.Fatalf("kill %d: the copy is still there: %v", i, err)
		}
	}
	t.Logf("import took %v; %d killed, %d finished first", took, killed, finished)
	if killed == 0 {
		t.Fatal("no import was killed before it finished")
	}
}
