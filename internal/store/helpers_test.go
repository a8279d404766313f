package store

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// newStore opens a fresh journal in a temp dir and checks it on cleanup.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mustCheck(t, s) })
	return s
}

func mustCheck(t testing.TB, s *Store) {
	t.Helper()
	ps, err := s.Check()
	if err != nil {
		t.Errorf("check: %v", err)
	}
	for _, p := range ps {
		t.Errorf("check problem: %s: %s", p.Kind, p.Detail)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func addNo(t testing.TB, s *Store, n journal.No) journal.No {
	t.Helper()
	must(t, s.AddNo(&n, t0))
	return n
}

// raw runs fn in a read-write bbolt transaction on path, bypassing Store.
func raw(t testing.TB, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	defer db.Close()
	must(t, db.Update(fn))
}

func ids(nos []journal.No) []uint64 {
	out := make([]uint64, len(nos))
	for i, n := range nos {
		out[i] = n.ID
	}
	return out
}

func equal(t testing.TB, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// snapshot is a file's bytes and times, to prove a refusal touched nothing.
type snapshot struct {
	data  []byte
	mtime time.Time
	mode  os.FileMode
}

func snap(t testing.TB, path string) snapshot {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	fi, err := os.Stat(path)
	must(t, err)
	return snapshot{data, fi.ModTime(), fi.Mode()}
}
