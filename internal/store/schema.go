package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Buckets. Keys are chosen so that bbolt's byte order is the order a screen
// wants: dates are "YYYY-MM-DD" and ids are big-endian uint64.
var (
	bucketMeta           = []byte("meta")            // app, schema, count, waiting, yes
	bucketNos            = []byte("nos")             // id -> No (valueV2)
	bucketByDay          = []byte("by_day")          // date + id -> the list row (see dayValue)
	bucketByFollowUp     = []byte("by_follow_up")    // follow-up date + id -> the follow-up row (set and not done; see followUpValue)
	bucketWaiting        = []byte("waiting")         // id -> "" (not reframed)
	bucketWords          = []byte("words")           // word 0x00 block -> posting (see index.go)
	bucketNoDays         = []byte("no_days")         // id >> 8 -> day numbers (see index.go)
	bucketTally          = []byte("tally")           // date -> tally.Day
	bucketMonths         = []byte("tally_month")     // "YYYY-MM" -> tally.Day
	bucketReframedDays   = []byte("reframed_days")   // date -> uint32 reframed No's dated that day
	bucketReflections    = []byte("reflections")     // date -> Reflection
	bucketReflectionDays = []byte("reflection_days") // date -> uint32 sessions
	bucketWins           = []byte("wins")            // id -> Win
	bucketWinDays        = []byte("win_days")        // date -> count (decimal)
	bucketRestDays       = []byte("rest_days")       // date -> ""
	bucketSettings       = []byte("settings")        // "settings" -> Settings
	// bucketDamaged keeps No values Repair could not decode, so nothing is lost.
	bucketDamaged = []byte("damaged")
)

// allBuckets are created for a new journal and by Repair.
var allBuckets = [][]byte{bucketMeta, bucketNos, bucketByDay, bucketByFollowUp, bucketWaiting,
	bucketWords, bucketNoDays, bucketTally, bucketMonths, bucketReframedDays, bucketReflections,
	bucketReflectionDays, bucketWins, bucketWinDays, bucketRestDays, bucketSettings}

// derivedBuckets hold only what can be recomputed from nos, reflections and wins.
var derivedBuckets = [][]byte{bucketByDay, bucketByFollowUp, bucketWaiting, bucketWords, bucketNoDays,
	bucketTally, bucketMonths, bucketReframedDays, bucketReflectionDays, bucketWinDays}

var (
	keyApp      = []byte("app")
	keySchema   = []byte("schema")
	keyCount    = []byte("count")   // number of No's
	keyWaiting  = []byte("waiting") // number of No's not reframed
	keyYes      = []byte("yes")     // number of No's whose outcome is yes
	keySettings = []byte("settings")
	appName     = "rebound"
)

// migrations[v] upgrades a journal from schema v to v+1; they run in order,
// in the one read-write transaction of Open, after a backup of the old file.
// They move records; the derived buckets are rebuilt once after the last.
var migrations = []func(tx *bolt.Tx) error{
	migrate0to1,
	migrate1to2,
	migrate2to3,
}

// currentSchema is the schema this build writes and reads.
var currentSchema = len(migrations)

type buckets struct {
	meta, nos, byDay, byFollowUp, waiting, words, noDays, tally, months, reframedDays,
	reflections, reflectionDays, wins, winDays, restDays, settings *bolt.Bucket
}

// fill is each bucket's FillPercent. Buckets written mostly in key order
// (ids, today's date) pack their pages full instead of half; words gets
// its new blocks' keys between older ones, so it keeps some room.
var fillPercent = map[string]float64{
	string(bucketNos): 1.0, string(bucketByDay): 0.95, string(bucketWaiting): 0.95,
	string(bucketWords): 0.8, string(bucketNoDays): 1.0, string(bucketTally): 0.9,
	string(bucketMonths): 0.9, string(bucketReframedDays): 0.95, string(bucketReflections): 0.95,
	string(bucketReflectionDays): 0.95, string(bucketWins): 1.0, string(bucketWinDays): 0.95,
}

// bind finds every bucket of tx (nil when missing) and sets its fill.
func bind(tx *bolt.Tx) (*buckets, []byte) {
	b := &buckets{}
	var missing []byte
	for _, x := range []struct {
		name []byte
		dst  **bolt.Bucket
	}{
		{bucketMeta, &b.meta}, {bucketNos, &b.nos}, {bucketByDay, &b.byDay}, {bucketByFollowUp, &b.byFollowUp},
		{bucketWaiting, &b.waiting}, {bucketWords, &b.words}, {bucketNoDays, &b.noDays}, {bucketTally, &b.tally},
		{bucketMonths, &b.months}, {bucketReframedDays, &b.reframedDays}, {bucketReflections, &b.reflections},
		{bucketReflectionDays, &b.reflectionDays}, {bucketWins, &b.wins}, {bucketWinDays, &b.winDays},
		{bucketRestDays, &b.restDays}, {bucketSettings, &b.settings},
	} {
		*x.dst = tx.Bucket(x.name)
		if *x.dst == nil {
			if missing == nil {
				missing = x.name
			}
			continue
		}
		if f, ok := fillPercent[string(x.name)]; ok {
			(*x.dst).FillPercent = f
		}
	}
	return b, missing
}

// load finds every bucket and re-checks the schema: another (newer) rebound
// may have migrated the file since Open.
func (s *Store) load(tx *bolt.Tx) (*buckets, error) {
	st := readSchema(tx)
	if err := s.schemaErr(st); err != nil {
		return nil, err
	}
	if st.fresh || st.version != currentSchema {
		return nil, fmt.Errorf("%s has schema %d but this build expects %d; restart rebound", s.path, st.version, currentSchema)
	}
	b, missing := bind(tx)
	if missing != nil {
		return nil, s.corrupt(fmt.Errorf("bucket %q is missing; rebound doctor can rebuild it", missing))
	}
	return b, nil
}

type schemaState struct {
	fresh   bool // a bbolt file with no buckets at all: safe to initialise
	foreign bool // buckets, but not Rebound's
	bad     string
	version int
}

func readSchema(tx *bolt.Tx) schemaState {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		found := false
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { found = true; return errStop })
		return schemaState{fresh: !found, foreign: found}
	}
	if string(meta.Get(keyApp)) != appName {
		return schemaState{foreign: true}
	}
	v := meta.Get(keySchema)
	if v == nil {
		return schemaState{version: 0}
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 0 {
		return schemaState{bad: fmt.Sprintf("the schema version %q cannot be read", v)}
	}
	return schemaState{version: n}
}

var errStop = errors.New("stop")

func (s *Store) schemaErr(st schemaState) error {
	switch {
	case st.foreign:
		return wrap(ErrNotRebound, nil, "%s is not a Rebound journal; point --db at another file or move it away", s.path)
	case st.bad != "":
		return s.corrupt(errors.New(st.bad))
	case st.version > currentSchema:
		return wrap(ErrTooNew, nil, "%s was written by a newer Rebound (schema %d; this build reads up to %d); upgrade rebound", s.path, st.version, currentSchema)
	}
	return nil
}

// initSchema lays out a brand-new journal at the current schema.
func initSchema(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	for k, v := range map[string]string{"app": appName, "schema": strconv.Itoa(currentSchema), "count": "0", "waiting": "0", "yes": "0"} {
		if err := meta.Put([]byte(k), []byte(v)); err != nil {
			return err
		}
	}
	return nil
}

// upgrade initialises an empty bbolt file or migrates an older journal, in
// one read-write transaction. Before migrating it writes a copy of the old
// file next to it, so an upgrade can always be undone.
func (s *Store) upgrade() error {
	return s.withDB(false, func(db *bolt.DB) error {
		return db.Update(func(tx *bolt.Tx) error {
			st := readSchema(tx) // again: the file may have changed since we looked
			if err := s.schemaErr(st); err != nil {
				return err
			}
			if st.fresh {
				return initSchema(tx)
			}
			if st.version == currentSchema {
				return nil
			}
			backup, err := s.backupBeforeMigration(tx, st.version)
			if err != nil {
				return err
			}
			for v := st.version; v < currentSchema; v++ {
				if err := migrations[v](tx); err != nil {
					return fmt.Errorf("migrate journal from schema %d to %d: %w", v, v+1, err)
				}
			}
			if err := rebuild(tx); err != nil {
				return fmt.Errorf("migrate journal from schema %d to %d: %w", st.version, currentSchema, err)
			}
			if err := tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(currentSchema))); err != nil {
				return err
			}
			tx.OnCommit(func() {
				s.notice("upgraded %s from schema %d to %d; the old file is kept as %s", s.path, st.version, currentSchema, backup)
				_ = s.pruneMigrationBackups() // best effort, like the daily backups'
			})
			return nil
		})
	})
}

// backupBeforeMigration copies the journal, as it is before the upgrade, into
// the backups folder (see Backups), so `rebound doctor` lists it. The copy
// is written to a temporary and renamed, so an upgrade killed halfway
// leaves no half copy under a backup's name, only a temporary that a later
// run removes (temps.go).
func (s *Store) backupBeforeMigration(tx *bolt.Tx, from int) (string, error) {
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
		_, err = tx.WriteTo(f)
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
