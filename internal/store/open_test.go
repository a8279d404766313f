package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

var old = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

func TestRefusals(t *testing.T) {
	cases := []struct {
		name    string
		make    func(t *testing.T, path string)
		target  error
		message string
	}{
		{"text file", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte(strings.Repeat("dear diary, today someone said no.\n", 300)), 0o600))
		}, ErrNotRebound, "is not a Rebound journal; point --db at another file or move it away"},
		{"short text file", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte("hello"), 0o600))
		}, ErrNotRebound, "is not a Rebound journal"},
		{"empty file", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, nil, 0o600))
		}, ErrNotRebound, "is empty, not a Rebound journal"},
		{"foreign bbolt file", func(t *testing.T, path string) {
			raw(t, path, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("other"))
				if err != nil {
					return err
				}
				return b.Put([]byte("k"), []byte("v"))
			})
		}, ErrNotRebound, "is not a Rebound journal"},
		{"bbolt file with another app's meta", func(t *testing.T, path string) {
			raw(t, path, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("meta"))
				if err != nil {
					return err
				}
				return b.Put([]byte("app"), []byte("something-else"))
			})
		}, ErrNotRebound, "is not a Rebound journal"},
		{"newer schema", func(t *testing.T, path string) {
			s, err := Open(path)
			must(t, err)
			addNo(t, s, journal.No{Who: "Acme"})
			raw(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("8")) })
		}, ErrTooNew, "was written by a newer Rebound (schema 8; this build reads up to 7); upgrade rebound"},
		{"truncated", func(t *testing.T, path string) {
			s, err := Open(path)
			must(t, err)
			for range 40 {
				addNo(t, s, journal.No{Who: strings.Repeat("Acme ", 200)})
			}
			fi, err := os.Stat(path)
			must(t, err)
			must(t, os.Truncate(path, fi.Size()/2))
		}, ErrCorrupt, "is damaged (the file is truncated"},
		{"both meta pages broken", func(t *testing.T, path string) {
			_, err := Open(path)
			must(t, err)
			data, err := os.ReadFile(path)
			must(t, err)
			ps := binary.NativeEndian.Uint32(data[metaOffset+8:])
			for _, off := range []int{0, int(ps)} {
				data[off+metaOffset+40] ^= 0xff // pgid: the checksum no longer matches
			}
			must(t, os.WriteFile(path, data, 0o600))
		}, ErrCorrupt, "restore a backup (rebound doctor lists them)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "rebound")
			must(t, os.Mkdir(dir, 0o755))
			path := filepath.Join(dir, "rebound.db")
			c.make(t, path)
			must(t, os.Chmod(path, 0o644))
			must(t, os.Chmod(dir, 0o755)) // make may have opened it as a journal first
			must(t, os.Chtimes(path, old, old))
			before := snap(t, path)
			entries, _ := os.ReadDir(dir)

			s, err := Open(path)
			if s != nil || !errors.Is(err, c.target) {
				t.Fatalf("Open = %v, %v; want %v", s, err, c.target)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, path) || !strings.Contains(msg, c.message) {
				t.Errorf("message %q; want %q naming the file", msg, c.message)
			}
			after := snap(t, path)
			if string(after.data) != string(before.data) || !after.mtime.Equal(before.mtime) || after.mode != before.mode {
				t.Errorf("the refused file changed (size %d -> %d, mtime %v -> %v)", len(before.data), len(after.data), before.mtime, after.mtime)
			}
			if m := mode(t, dir); m != 0o755 {
				t.Errorf("the refused file's directory changed to %04o", m)
			}
			if again, _ := os.ReadDir(dir); len(again) != len(entries) {
				t.Errorf("files appeared next to the refused file: %v", again)
			}
		})
	}
}

func TestEmptyBboltFileIsInitialised(t *testing.T) {
	// A bbolt file with no buckets holds nothing to lose (a first run that
	// stopped halfway): it becomes a journal.
	path := filepath.Join(t.TempDir(), "rebound.db")
	raw(t, path, func(*bolt.Tx) error { return nil })
	s, err := Open(path)
	must(t, err)
	mustCheck(t, s)
	addNo(t, s, journal.No{Who: "Acme"})
}

func TestOpenDirectory(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNotRebound) {
		t.Errorf("Open(dir) = %v", err)
	}
}

// schema0 writes the prototype layout: meta without a schema key, and the
// No's as plain JSON in an "entries" bucket.
func schema0(t *testing.T, path string) []journal.No {
	nos := []journal.No{
		{ID: 1, Date: "2026-03-01", Who: "Acme Corp", Said: "too expensive", Reason: "price", CreatedAt: t0.AddDate(0, -8, 0), UpdatedAt: t0.AddDate(0, -8, 0)},
		{ID: 2, Date: "2026-03-05", Who: "Globex", Reason: "timing", Change: "next budget year", Lesson: "ask about budget cycles",
			FollowUp: "2026-04-01", CreatedAt: t0.AddDate(0, -8, 4), UpdatedAt: t0.AddDate(0, -8, 4), Outcome: journal.OutcomeMaybe,
			OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeMaybe, At: t0.AddDate(0, -8, 4)}}},
		{ID: 5, Date: "2026-03-02", Who: "Initech", CreatedAt: t0.AddDate(0, -8, 1), UpdatedAt: t0.AddDate(0, -8, 1)},
	}
	raw(t, path, func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keyApp, []byte(appName)); err != nil {
			return err
		}
		entries, err := tx.CreateBucket(bucketEntries)
		if err != nil {
			return err
		}
		for _, n := range nos {
			v, _ := json.Marshal(n)
			if err := entries.Put(idKey(n.ID), v); err != nil {
				return err
			}
		}
		return entries.SetSequence(5)
	})
	return nos
}

func TestMigrationFromSchema0(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rebound.db")
	want := schema0(t, path)

	s, err := Open(path)
	must(t, err)
	mustCheck(t, s)
	if ns := s.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "upgraded") || !strings.Contains(ns[0], "from schema 0 to 7") {
		t.Errorf("notices %q", ns)
	}
	baks, _ := filepath.Glob(filepath.Join(dir, "backups", "rebound-schema0-*.db"))
	if len(baks) != 1 {
		t.Fatalf("backups %v", baks)
	}
	if list, _ := s.Backups(); len(list) != 1 || list[0].Path != baks[0] {
		t.Errorf("Backups() = %+v", list)
	}
	if err := checkHeader(baks[0], fileSize(t, baks[0])); err != nil {
		t.Errorf("backup is not a bbolt file: %v", err)
	}
	if c, _ := s.Count(); c != 3 {
		t.Errorf("count %d", c)
	}
	got, err := s.GetNo(2)
	must(t, err)
	if got.Who != "Globex" || got.Outcome != journal.OutcomeMaybe || got.ReframedAt == nil {
		t.Errorf("migrated No 2: %+v", got)
	}
	got, err = s.GetNo(1)
	must(t, err)
	if got.Outcome != journal.OutcomeOpen || len(got.OutcomeHistory) != 1 || !got.CreatedAt.Equal(want[0].CreatedAt) {
		t.Errorf("migrated No 1: %+v", got)
	}
	latest, err := s.latest(10)
	must(t, err)
	equal(t, "by day", ids(latest), []uint64{2, 5, 1})
	found, _, err := s.ListNos(Query{Text: "expens"})
	must(t, err)
	equal(t, "search", ids(found), []uint64{1})
	fu, err := s.FollowUps("")
	must(t, err)
	equal(t, "follow-ups", ids(fu), []uint64{2})
	if h, _ := s.Home("2026-03-05"); h.Waiting != 2 || h.Today != 1 {
		t.Errorf("home %+v", h)
	}
	if n := addNo(t, s, journal.No{Who: "new"}); n.ID != 6 {
		t.Errorf("new id %d after migrated ids up to 5", n.ID)
	}
	// Opening again neither migrates nor backs up.
	s2, err := Open(path)
	must(t, err)
	if len(s2.Notices()) != 0 {
		t.Errorf("second open notices %q", s2.Notices())
	}
	// (The write above made today's automatic backup; no second schema backup.)
	if baks, _ := filepath.Glob(filepath.Join(dir, "backups", "rebound-schema*.db")); len(baks) != 1 {
		t.Errorf("schema backups after second open: %v", baks)
	}
}

func fileSize(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	must(t, err)
	return fi.Size()
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	must(t, err)
	return fi.Mode().Perm()
}

func TestPermissions(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "data", "rebound", "rebound.db")
	s, err := Open(path)
	must(t, err)
	if m := mode(t, filepath.Dir(path)); m != 0o700 {
		t.Errorf("new dir %04o", m)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("new file %04o", m)
	}
	if len(s.Notices()) != 0 {
		t.Errorf("notices on create: %q", s.Notices())
	}
	if left, _ := os.ReadDir(filepath.Dir(path)); len(left) != 1 {
		t.Errorf("leftovers next to the journal: %v", left)
	}

	must(t, os.Chmod(filepath.Dir(path), 0o755))
	must(t, os.Chmod(path, 0o644))
	s, err = Open(path)
	must(t, err)
	if m := mode(t, filepath.Dir(path)); m != 0o700 {
		t.Errorf("dir not tightened: %04o", m)
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("file not tightened: %04o", m)
	}
	equal(t, "notices", s.Notices(), []string{
		"tightened permissions on " + filepath.Dir(path) + " to 0700",
		"tightened permissions on " + path + " to 0600",
	})

	// A directory the user chose (not Rebound's own) is left alone.
	shared := filepath.Join(root, "Documents")
	must(t, os.Mkdir(shared, 0o755))
	s, err = Open(filepath.Join(shared, "j.db"))
	must(t, err)
	if m := mode(t, shared); m != 0o755 {
		t.Errorf("shared dir changed to %04o", m)
	}
	mustCheck(t, s)
}

func TestUnicodePathWithSpaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my journals", "ré bound ✓", "Rebound Journal — 2026.db")
	s, err := Open(path)
	must(t, err)
	n := addNo(t, s, journal.No{Who: "Zoë"})
	s2, err := Open(path)
	must(t, err)
	got, err := s2.GetNo(n.ID)
	must(t, err)
	if got.Who != "Zoë" || s2.Path() != path {
		t.Errorf("%+v %s", got, s2.Path())
	}
	mustCheck(t, s2)
}

func TestJournalRemovedAfterOpen(t *testing.T) {
	s := newStoreNoCheck(t)
	must(t, os.Remove(s.Path()))
	if err := s.AddNo(&journal.No{Who: "x"}, t0); err == nil || !strings.Contains(err.Error(), "no longer exists") {
		t.Errorf("AddNo on a removed journal: %v", err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the journal came back: %v", err)
	}
	// Replaced by a 0-byte file: refused, not initialised.
	must(t, os.WriteFile(s.Path(), nil, 0o600))
	if err := s.AddNo(&journal.No{Who: "x"}, t0); !errors.Is(err, ErrNotRebound) {
		t.Errorf("AddNo on an emptied journal: %v", err)
	}
	if fileSize(t, s.Path()) != 0 {
		t.Error("the empty file was written")
	}
}

func newStoreNoCheck(t *testing.T) *Store {
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	must(t, err)
	return s
}

func TestStamp(t *testing.T) {
	s := newStore(t)
	must(t, os.Chtimes(s.Path(), old, old))
	m1, _, err := s.Stamp()
	must(t, err)
	if _, err := s.latest(5); err != nil {
		t.Fatal(err)
	}
	if m, _, _ := s.Stamp(); !m.Equal(m1) {
		t.Error("a read changed the mtime")
	}
	addNo(t, s, journal.No{Who: "x"})
	if m, size, _ := s.Stamp(); m.Equal(m1) || size == 0 {
		t.Errorf("a write did not change the stamp: %v %d", m, size)
	}
}

func TestBusy(t *testing.T) {
	s := newStore(t)
	s.timeout = 100 * time.Millisecond
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	start := time.Now()
	err = s.AddNo(&journal.No{Who: "x"}, t0)
	if !errors.Is(err, ErrBusy) || err.Error() != "the journal is busy (another rebound is writing); try again" {
		t.Errorf("write while locked: %v", err)
	}
	if _, err := s.Count(); !errors.Is(err, ErrBusy) {
		t.Errorf("read while locked: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v to fail", d)
	}
	must(t, db.Close())
	addNo(t, s, journal.No{Who: "x"})
}

func TestReadersShareTheLock(t *testing.T) {
	s := newStore(t)
	s.timeout = 100 * time.Millisecond
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	must(t, err)
	defer db.Close()
	if _, err := s.latest(1); err != nil {
		t.Errorf("read beside another reader: %v", err)
	}
}

// TestSettingsAtOpen: Open reads the settings along with the schema, so a
// one-shot command does not open the file again for them.
func TestSettingsAtOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	s, err := Open(path)
	must(t, err)
	if _, ok := s.SettingsAtOpen(); ok {
		t.Errorf("a new journal's Open claims to have read settings")
	}
	want := journal.Settings{Mode: "job", Name: "Sam", WeekGoal: 3, Welcomed: true}
	must(t, s.SaveSettings(want))
	again, err := Open(path)
	must(t, err)
	got, ok := again.SettingsAtOpen()
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("SettingsAtOpen = %+v, %v; want %+v", got, ok, want)
	}
}
