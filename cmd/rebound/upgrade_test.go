//go:build linux

package main

// The schema upgrade on the first open after an upgrade of rebound: in
// bounded memory, all or nothing when killed, and waited for by another
// rebound rather than failing it.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// schema5Journal writes a demo journal of n No's and makes it a schema 5
// journal as far as the upgrade can tell: schema 6 added derived buckets
// and the follow_ups counter and changed no record, and the upgrade reads
// only records (it remakes every derived bucket), so dropping what schema
// 6 added and writing schema 5 is the file a schema 5 build would leave
// (as the upgrade sees it).
func schema5Journal(t *testing.T, dir string, n int) string {
	t.Helper()
	db := filepath.Join(dir, "rebound.db")
	if _, errOut, code := run(t, db, "demo", "--nos", fmt.Sprint(n), "--days", "1825", "--seed", "1"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"by_who", "who_counts", "mode_counts", "follow_up_days"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte("meta"))
		if err := meta.Delete([]byte("follow_ups")); err != nil {
			return err
		}
		return meta.Put([]byte("schema"), []byte("5"))
	})
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "backups")); err != nil { // the demo's daily backup
		t.Fatal(err)
	}
	return db
}

// upgradeWithin opens a schema 5 journal of nos No's (the first command
// after an upgrade of rebound) and fails when it does not upgrade, does
// not say so, or takes 30 MiB or more at its peak.
func upgradeWithin(t *testing.T, nos int) {
	dir := t.TempDir()
	db := schema5Journal(t, dir, nos)
	_, errOut, code, rss := runRSS(t, db, "journal", "-n", "1", "--print")
	t.Logf("upgrade of %d No's: peak RSS %.1f MiB", nos, float64(rss)/(1<<20))
	if code != 0 || !strings.Contains(errOut, "from schema 5 to 7") {
		t.Fatalf("journal: exit %d\n%s", code, errOut)
	}
	if want := fmt.Sprintf("Upgrading your journal (%s No's)…", comma(nos)); !strings.Contains(errOut, want) {
		t.Errorf("stderr does not say %q:\n%s", want, errOut)
	}
	if rss >= importRSSLimit {
		t.Errorf("the upgrade took %.1f MiB at its peak; the limit is %d MiB", float64(rss)/(1<<20), importRSSLimit>>20)
	}
	checkWell(t, db, nos)
	if _, err := os.Stat(db + ".upgrading"); !os.IsNotExist(err) {
		t.Errorf("the upgrade's copy is left: %v", err)
	}
}

func comma(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// The upgrade of 20,000 No's stays under 30 MiB; REBOUND_SOAK=1 does a
// million.
func TestUpgradeMemory(t *testing.T) {
	skipShort(t)
	upgradeWithin(t, 20000)
}

func TestUpgradeMemorySoak(t *testing.T) {
	if os.Getenv("REBOUND_SOAK") == "" {
		t.Skip("a million No's: set REBOUND_SOAK=1")
	}
	upgradeWithin(t, 1000000)
}

// TestUpgradeKilledMidway kills the upgrading process at points across
// the writing of the new journal (by how far the copy has grown): each
// time the journal is byte for byte the old file, and the next open
// upgrades it, whole, and removes the copy.
func TestUpgradeKilledMidway(t *testing.T) {
	skipShort(t)
	t.Parallel()
	const nos = 5000
	dir := t.TempDir()
	before, err := os.ReadFile(schema5Journal(t, dir, nos))
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
	// How large the new journal grows, so the kills spread across it.
	timing := fresh("timing")
	if _, errOut, code := run(t, timing, "journal", "-n", "1", "--print"); code != 0 {
		t.Fatalf("upgrade: %s", errOut)
	}
	fi, err := os.Stat(timing)
	if err != nil {
		t.Fatal(err)
	}
	final := fi.Size()
	killed := 0
	for i := range 8 {
		db := fresh(fmt.Sprintf("kill-%d", i))
		cmd := exec.Command(rebound(t), "--db", db, "journal", "-n", "1", "--print")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		at := final * int64(i) / 8
		var waitErr error
	poll:
		for {
			select {
			case waitErr = <-done:
				break poll
			case <-time.After(200 * time.Microsecond):
			}
			if fi, err := os.Stat(db + ".upgrading"); err == nil && fi.Size() >= at {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				waitErr = <-done
				break
			}
		}
		after, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if waitErr == nil {
			t.Logf("kill %d: the upgrade finished first", i)
		} else {
			killed++
			if !bytes.Equal(after, before) {
				t.Fatalf("kill %d (at %d of %d bytes): the journal changed before the upgrade finished", i, at, final)
			}
		}
		// The next open upgrades it, whole, and removes the copy.
		checkWell(t, db, nos)
		if _, err := os.Stat(db + ".upgrading"); !os.IsNotExist(err) {
			t.Fatalf("kill %d: the copy is still there after the next open: %v", i, err)
		}
		baks, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "rebound-schema5-*.db"))
		if len(baks) == 0 || len(baks) > 3 {
			t.Errorf("kill %d: pre-upgrade backups %v", i, baks)
		}
	}
	t.Logf("%d of 8 upgrades killed before they finished", killed)
	if killed < 4 {
		t.Fatalf("only %d of 8 upgrades were killed before they finished", killed)
	}
}

// A second rebound that opens the journal while it is being upgraded
// waits for the upgrade, saying so, and then works on the upgraded file:
// the upgrading process is stopped (SIGSTOP) while it holds the lock, so
// the others must wait past their usual second.
func TestOthersWaitForAnUpgrade(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := t.TempDir()
	db := schema5Journal(t, dir, 5000)
	up := exec.Command(rebound(t), "--db", db, "journal", "-n", "1", "--print")
	var upOut bytes.Buffer
	up.Stdout, up.Stderr = &upOut, &upOut
	if err := up.Start(); err != nil {
		t.Fatal(err)
	}
	upDone := make(chan error, 1)
	go func() { upDone <- up.Wait() }()
	for {
		if _, err := os.Stat(db + ".upgrading"); err == nil {
			break
		}
		select {
		case err := <-upDone:
			t.Fatalf("the upgrade ended (%v) before its new journal appeared:\n%s", err, upOut.String())
		case <-time.After(200 * time.Microsecond):
		}
	}
	if err := up.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	type result struct {
		out, errOut string
		code        int
		took        time.Duration
	}
	start := func(args ...string) chan result {
		ch := make(chan result, 1)
		go func() {
			began := time.Now()
			cmd := exec.Command(rebound(t), append([]string{"--db", db}, args...)...)
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			var o, e bytes.Buffer
			cmd.Stdout, cmd.Stderr = &o, &e
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				code = -1
			}
			ch <- result{o.String(), e.String(), code, time.Since(began)}
		}()
		return ch
	}
	logged := start("log", "--who", "During The Upgrade", "--reason", "price")
	listed := start("journal", "-n", "3", "--print")
	time.Sleep(2500 * time.Millisecond) // past the second they would wait before failing busy
	if err := up.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if err := <-upDone; err != nil {
		t.Fatalf("the upgrade: %v\n%s", err, upOut.String())
	}
	for name, ch := range map[string]chan result{"log": logged, "journal": listed} {
		r := <-ch
		t.Logf("%s during the upgrade: exit %d after %v", name, r.code, r.took)
		if r.code != 0 {
			t.Errorf("%s during the upgrade: exit %d\n%s%s", name, r.code, r.out, r.errOut)
		}
		if !strings.Contains(r.errOut, "Waiting for an upgrade to finish…") {
			t.Errorf("%s during the upgrade does not say it waits:\n%s", name, r.errOut)
		}
		if strings.Contains(r.errOut, "from schema 5") {
			t.Errorf("%s upgraded the journal again:\n%s", name, r.errOut)
		}
	}
	checkWell(t, db, 5001)
	found := false
	for _, n := range journalJSON(t, db) {
		found = found || n.Who == "During The Upgrade"
	}
	if !found {
		t.Error("the No logged during the upgrade is not in the journal")
	}
}
