package store

// Migrations from older schemas, run by Open after a backup of the old
// file in a copy that replaces it (rewrite.go), and the pruning of those
// backups.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// migrations[v] upgrades a journal from schema v to v+1; they run in order
// after a backup of the old file, in a copy of the journal (rewrite.go).
// They move records; the derived buckets are made once after the last.
var migrations = []func(tx *bolt.Tx) error{
	migrate0to1,
	migrate1to2,
	migrate2to3,
	migrate3to4,
	migrate4to5,
	migrate5to6,
	migrate6to7,
}

// upgradeSayFrom is the size of journal (in No's) from which the upgrade
// tells OnUpgrade it runs: a second or more.
const upgradeSayFrom = 10000

// upgrade initialises an empty bbolt file or migrates an older journal.
// Before migrating it writes a copy of the old file to the backups folder,
// so an upgrade can always be undone; the upgraded journal is written next
// to the old one and renamed over it (rewrite), all or nothing.
func (s *Store) upgrade() error {
	return s.withDB(false, func(db *bolt.DB) error {
		var st schemaState
		nos := -1
		err := db.View(func(tx *bolt.Tx) error {
			st = readSchema(tx) // again: the file may have changed since we looked
			if meta := tx.Bucket(bucketMeta); meta != nil {
				if n, ok := getIntOK(meta, keyCount); ok {
					nos = n
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.schemaErr(st); err != nil {
			return err
		}
		if st.fresh {
			return db.Update(initSchema)
		}
		if st.version == currentSchema {
			return nil
		}
		// Seconds under the lock on a large journal: others wait (busy.go).
		defer s.longOp("an upgrade")()
		if s.onUpgrade != nil && nos >= upgradeSayFrom {
			s.onUpgrade(nos)
		}
		backup, err := s.backupBeforeMigration(db, st.version)
		if err != nil {
			return err
		}
		if err := s.rewrite(db, upgradingSuffix, st.version); err != nil {
			return fmt.Errorf("migrate journal from schema %d to %d: %w", st.version, currentSchema, err)
		}
		s.notice("upgraded %s from schema %d to %d; the old file is kept as %s", s.path, st.version, currentSchema, backup)
		_ = s.pruneMigrationBackups() // best effort, like the daily backups'
		return nil
	})
}

// backupBeforeMigration copies the journal, as it is before the upgrade, into
// the backups folder (see Backups), so `rebound doctor` lists it. The copy
// is written to a temporary and renamed, so an upgrade killed halfway
// leaves no half copy under a backup's name, only a temporary that a later
// run removes (temps.go).
func (s *Store) backupBeforeMigration(db *bolt.DB, from int) (string, error) {
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return "", fmt.Errorf("back up journal before upgrading it: %w", err)
	}
	name := filepath.Join(s.BackupDir(), fmt.Sprintf("%s-schema%d-%s.db", s.backupBase(), from, time.Now().UTC().Format("20060102T150405.000Z")))
	f, err := newTemp(s.BackupDir(), ".rebound-backup-*")
	if err != nil {
		return "", fmt.Errorf("back up journal before upgrading it: %w", err)
	}
	defer os.Remove(f.Name()) // nothing there once renamed
	err = f.Chmod(0o600)
	if err == nil {
		err = db.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f) // reads the file, not the map: no resident pages
			return err
		})
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err == nil {
		err = syncDir(s.BackupDir())
	}
	if err != nil {
		return "", fmt.Errorf("back up journal before upgrading it: %w", err)
	}
	return name, nil
}

// KeepMigrationBackups is how many pre-upgrade copies are kept. Each is a
// whole journal; one upgrade makes one, and an upgrade that fails or is
// killed makes another when it is tried again.
const KeepMigrationBackups = 3

// pruneMigrationBackups removes pre-upgrade copies beyond the newest
// KeepMigrationBackups (by the time in their names).
func (s *Store) pruneMigrationBackups() error {
	list, err := s.Backups()
	if err != nil {
		return err
	}
	type copyAt struct{ path, at string }
	var copies []copyAt
	prefix := s.backupBase() + "-schema"
	for _, b := range list {
		rest, ok := strings.CutPrefix(filepath.Base(b.Path), prefix)
		if !ok {
			continue
		}
		v, at, ok := strings.Cut(strings.TrimSuffix(rest, ".db"), "-")
		if _, err := time.Parse("20060102T150405.000Z", at); ok && digits(v) && err == nil {
			copies = append(copies, copyAt{b.Path, at})
		}
	}
	sort.Slice(copies, func(i, j int) bool { return copies[i].at > copies[j].at })
	for _, c := range copies[min(len(copies), KeepMigrationBackups):] {
		if err := os.Remove(c.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("prune backups: %w", err)
		}
	}
	return nil
}

// bucketEntries is schema 0's only record bucket (the prototype's layout):
// id -> plain JSON of a No, no version byte, no indexes.
var bucketEntries = []byte("entries")

// migrate0to1 moves the prototype's entries into nos as versioned values.
func migrate0to1(tx *bolt.Tx) error {
	nos, err := tx.CreateBucketIfNotExists(bucketNos)
	if err != nil {
		return err
	}
	old := tx.Bucket(bucketEntries)
	if old == nil {
		return nil
	}
	var maxID uint64
	err = old.ForEach(func(k, v []byte) error {
		var n journal.No
		if err := jsonUnmarshal(v, &n); err != nil {
			return fmt.Errorf("entry %x: %w", k, err)
		}
		if len(k) == 8 {
			n.ID = idOf(k)
		}
		if n.Outcome == "" {
			n.Outcome = journal.OutcomeOpen
			n.OutcomeHistory = []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: n.CreatedAt.UTC()}}
		}
		if n.ReframedAt == nil && n.Reframed() {
			t := n.UpdatedAt.UTC()
			n.ReframedAt = &t
		}
		maxID = max(maxID, n.ID)
		val, err := encode(&n) // schema 1's value; migrate1to2 compacts it
		if err != nil {
			return err
		}
		return nos.Put(idKey(n.ID), val)
	})
	if err != nil {
		return err
	}
	if err := nos.SetSequence(max(nos.Sequence(), maxID, old.Sequence())); err != nil {
		return err
	}
	return tx.DeleteBucket(bucketEntries)
}

// Schema 1's field indexes: schema 2 keeps outcome, reason and mode in the
// by_day value instead.
var (
	bucketByOutcome = []byte("by_outcome")
	bucketByReason  = []byte("by_reason")
	bucketByMode    = []byte("by_mode")
)

// migrate2to3 moves nothing: schema 3's tallies count guesses (an assumed
// reason and none they said), debriefs, and No's that ever reached maybe or
// yes; the rebuild after the last migration recounts them from the No's.
func migrate2to3(*bolt.Tx) error { return nil }

// migrate3to4 moves nothing either: from schema 4 a reflection with nothing
// written (no answer, win or intention) does not make a day active, so the
// rebuild after the last migration recounts reflection_days.
func migrate3to4(*bolt.Tx) error { return nil }

// migrate4to5 moves nothing: from schema 5 the day and month tallies are
// keyed by mode and date (tallyKey), so each mode counts only its own No's;
// the rebuild after the last migration re-creates them from the No's.
func migrate4to5(*bolt.Tx) error { return nil }

// migrate5to6 moves nothing: schema 6 adds the prospect index and the
// counters a screen reads instead of walking keys (whoindex.go), and counts
// days to a yes in fixed bins (tally.YesBin), and a draft (a reframe left
// before its last step) waits to be reframed even when its answers already
// make it reframed (No.Waiting); the rebuild after the last migration makes
// them from the No's.
func migrate5to6(*bolt.Tx) error { return nil }

// migrate6to7 moves nothing: from schema 7 the day and month tallies count
// the thought record (traps, the sting's drop with and without it),
// referrals, stages, mistakes, how prepared and secondary reasons, some of
// which schema 6's No's already hold (a sting re-rated), and week_events
// indexes follow-ups and turnarounds by the day they fall on (the weekly
// review), a by_follow_up value holds the No's mode and a by_day value its
// kind (the follow-ups' odds and a kind filter read no No); the rebuild
// after the last migration makes them all from the No's.
func migrate6to7(*bolt.Tx) error { return nil }

// migrate1to2 drops schema 1's field indexes and its per-No words keys
// (rebuild makes the postings) and rewrites every No as a valueV2, packed
// into full pages. A No that cannot be read is left as it is: rebuild sets
// it aside in damaged, as Repair does.
func migrate1to2(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketByOutcome, bucketByReason, bucketByMode, bucketWords} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	nos, err := tx.CreateBucketIfNotExists(bucketNos)
	if err != nil {
		return err
	}
	nos.FillPercent = fillPercent[string(bucketNos)]
	// Rewrite in chunks: bbolt forbids writes under a live cursor, and
	// holding every value at once would cost the whole journal in memory.
	type kv struct{ k, v []byte }
	var from []byte // the next key to read; nil: the first
	for {
		var chunk []kv
		c := nos.Cursor()
		var k, v []byte
		if from == nil {
			k, v = c.First()
		} else {
			k, v = c.Seek(from)
		}
		for ; k != nil && len(chunk) < 1000; k, v = c.Next() {
			if len(v) == 0 || v[0] != valueV1 {
				continue
			}
			n, err := readNo(k, v)
			if err != nil || n.ID != idOf(k) {
				continue // rebuild deals with it
			}
			val, err := encodeNo(&n)
			if err != nil {
				return err
			}
			chunk = append(chunk, kv{bytes.Clone(k), val})
		}
		if k != nil {
			from = bytes.Clone(k)
		}
		for _, x := range chunk {
			if err := nos.Put(x.k, x.v); err != nil {
				return err
			}
		}
		if k == nil {
			return nil
		}
	}
}
