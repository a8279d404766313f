package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// doctor lists only this journal's backups: "demo-job-…" beside a journal
// named "demo" belongs to another journal, and restoring it would replace
// this one with it. Newest first, by time.
func TestBackupsAreThisJournalsOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "demo.db"))
	must(t, err)
	bdir := s.BackupDir()
	must(t, os.MkdirAll(bdir, 0o700))
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	files := map[string]time.Duration{
		"demo-2026-11-01.db":                   0,
		"demo-2026-11-30.db":                   29 * 24 * time.Hour,
		"demo-manual-20261115-101010.db":       14 * 24 * time.Hour,
		"demo-schema4-20261120T101010.000Z.db": 19 * 24 * time.Hour,
		"demo-job-2026-11-29.db":               28 * 24 * time.Hour,
		"demo-school-2026-11-30.db":            29 * 24 * time.Hour,
		"manual-20261116-101010.db":            15 * 24 * time.Hour,
		"demo-notes.db":                        time.Hour,
	}
	for name, age := range files {
		p := filepath.Join(bdir, name)
		must(t, os.WriteFile(p, []byte("x"), 0o600))
		must(t, os.Chtimes(p, base.Add(age), base.Add(age)))
	}
	list, err := s.Backups()
	must(t, err)
	var got []string
	for _, b := range list {
		got = append(got, filepath.Base(b.Path))
	}
	want := []string{"demo-2026-11-30.db", "demo-schema4-20261120T101010.000Z.db", "demo-manual-20261115-101010.db", "demo-2026-11-01.db"}
	if len(got) != len(want) {
		t.Fatalf("backups %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("backups %v, want %v", got, want)
		}
	}
	if p := s.ManualBackupPath(base); filepath.Base(p) != "demo-manual-20261101-090000.db" {
		t.Fatalf("manual backup path %s", p)
	}
}
