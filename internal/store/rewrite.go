package store

// A schema upgrade and doctor --repair remake every derived bucket (the
// indexes, tallies, counters and search postings) from the No's,
// reflections and wins. Done in one transaction of the journal, bbolt holds
// every page that transaction dirties until it commits: 200 MiB for a
// journal of 100k No's, gigabytes at a million. Instead the records are
// copied to a new file next to the journal and the derived buckets made
// there, in batches that commit as they fill (the large import's
// batchWriter, importPostings and trims), and the new file is renamed over
// the journal under its exclusive lock. A crash at any point leaves the
// journal as it was (and, at worst, the copy, which the next run removes).

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// OnUpgrade sets what Open calls before it upgrades a journal of many
// No's (upgradeSayFrom), which takes seconds: the command line says
// "Upgrading your journal (100,000 No's)…".
func OnUpgrade(f func(nos int)) Option { return func(s *Store) { s.onUpgrade = f } }

// The copies an upgrade and a repair write next to the journal.
const (
	upgradingSuffix = ".upgrading"
	repairingSuffix = ".repairing"
)

// rewriteMemoryLimit is the Go runtime's soft memory limit while a
// journal is rewritten (as import's and export's): with the binary's own
// pages and the journal's mapped pages it keeps the process under 30 MiB.
const rewriteMemoryLimit = 16 << 20

// recordsMovedBefore: migrations to schemas before it rewrite the No's
// themselves (0 to 1, 1 to 2); from it on they move nothing, and the No's
// are copied as they are stored.
const recordsMovedBefore = 2

// rewrite makes the journal of db (open read-write: this process holds
// its lock throughout) anew at schema currentSchema from its records at
// schema from, in a file named the journal and suffix, and renames that
// over the journal. On any error the journal is as it was.
func (s *Store) rewrite(db *bolt.DB, suffix string, from int) error {
	// The Go heap's share of the budget: garbage (a decoded No, its
	// words) is collected before it adds up, at the cost of more frequent
	// collections.
	if prev := debug.SetMemoryLimit(-1); prev > rewriteMemoryLimit {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(rewriteMemoryLimit))
	}
	target, err := filepath.EvalSymlinks(s.path) // replace the file, not a link to it
	if err != nil {
		return err
	}
	tmp := target + suffix
	_ = os.Remove(tmp) // left by a run that was killed; we hold the lock
	// Made here, exclusively, so that nothing put in its place meanwhile
	// (a link) is written through; bbolt lays out the empty file.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	defer os.Remove(tmp) // nothing there once renamed
	if err := s.rebuildInto(db, tmp, from); err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	return syncDir(filepath.Dir(target))
}

// rebuildInto writes the records of src to the new file at path, migrated
// from schema from, and makes every derived bucket from them. The last
// commit syncs the file.
func (s *Store) rebuildInto(src *bolt.DB, path string, from int) (err error) {
	w := &batchWriter{s: s, path: path, post: newImportPostings(path)}
	w.post.sortAll = true
	if err := w.open(); err != nil {
		return err
	}
	defer func() { err = errors.Join(err, w.close()) }()
	defer w.post.close()
	// Laid out first, so every batch finds the current schema's buckets.
	if err := w.db.Update(initSchema); err != nil {
		return err
	}
	if err := w.begin(); err != nil {
		return err
	}
	defer w.rollback()
	return src.View(func(stx *bolt.Tx) error {
		r := &rebuilder{w: w, src: stx, inPlace: from < recordsMovedBefore}
		defer func() {
			if r.later != nil {
				r.later.close()
			}
		}()
		return r.run(from)
	})
}

// rebuilder copies the records of src into w's file and indexes them.
type rebuilder struct {
	w   *batchWriter
	src *bolt.Tx
	// inPlace: the No's are copied as they are, migrated in the new file
	// and indexed there; otherwise each is copied as it is indexed.
	inPlace bool
	read    int // keys read from src since its map was last trimmed
	maxID   uint64
	maxWin  uint64
	// later holds the keys of by_who and by_follow_up, sorted on disk and
	// written in key order once every No is indexed: in the No's order
	// they fall all over those buckets, and each batch would dirty (and
	// its commit read back) a page for most of them.
	later      *extSorter
	laterBytes int // held in later's run
}

// laterRun is how much later holds in memory before it writes a run.
const laterRun = 256 << 10

// Tags of later's keys: the bucket, then its key.
const (
	laterFollowUp = 'f'
	laterWho      = 'w'
	laterEvents   = 'e'
)

// notCopied are the buckets made anew (and schema 1's field indexes,
// which schema 2 dropped).
var notCopied = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range append(derivedBuckets, bucketByOutcome, bucketByReason, bucketByMode) {
		m[string(name)] = true
	}
	return m
}()

// derivedMeta are the meta keys the rebuild writes.
var derivedMeta = map[string]bool{string(keySchema): true, string(keyCount): true, string(keyWaiting): true,
	string(keyYes): true, string(keyFollowUps): true}

func (r *rebuilder) run(from int) error {
	var names [][]byte
	err := r.src.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if !notCopied[string(name)] && (r.inPlace || !bytes.Equal(name, bucketNos)) {
			names = append(names, bytes.Clone(name))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, name := range names {
		var each func(k, v []byte) error
		switch string(name) {
		case string(bucketReflections):
			each = r.reflectionDay
		case string(bucketWins):
			each = r.winDay
		}
		if err := r.copyBucket(name, each); err != nil {
			return fmt.Errorf("copy %s: %w", name, err)
		}
	}
	if r.inPlace {
		if err := r.migrate(from); err != nil {
			return err
		}
	} else if nos := r.src.Bucket(bucketNos); nos != nil {
		if err := r.w.b.nos.SetSequence(nos.Sequence()); err != nil {
			return err
		}
	}
	if err := r.indexNos(); err != nil {
		return err
	}
	return r.finish()
}

// migrate runs the migrations from schema from in the new file, in one
// transaction (only a prototype's journal, schema 0 or 1, has them move
// records), and starts a new batch.
func (r *rebuilder) migrate(from int) error {
	w := r.w
	if err := w.commit(); err != nil {
		return err
	}
	tx, err := w.db.Begin(true)
	if err != nil {
		return err
	}
	for v := from; v < currentSchema; v++ {
		if err := migrations[v](tx); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migrate journal from schema %d to %d: %w", v, v+1, err)
		}
	}
	for _, name := range allBuckets { // schema 1 to 2 drops words, empty here
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return w.begin()
}

// seekAfter positions c on the first key after after (the first key when
// after is nil).
func seekAfter(c *bolt.Cursor, after []byte) ([]byte, []byte) {
	if after == nil {
		return c.First()
	}
	k, v := c.Seek(after)
	if bytes.Equal(k, after) {
		k, v = c.Next()
	}
	return k, v
}

// trimSrc hands back the pages of src's map read so far (see trimWrite):
// src is only read, so its map never moves.
func (r *rebuilder) trimSrc(n int) {
	if r.read += n; r.read >= trimWriteStride {
		trimWrite(r.src)
		r.read = 0
	}
}

// copyBucket copies src's bucket name, keys and values as they are, into
// the new file, a batch at a time; each, if set, sees every key and value
// (and meta's are filtered: only what the rebuild does not write).
func (r *rebuilder) copyBucket(name []byte, each func(k, v []byte) error) error {
	src := r.src.Bucket(name)
	dst, err := r.w.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return err
	}
	if err := dst.SetSequence(src.Sequence()); err != nil {
		return err
	}
	meta := bytes.Equal(name, bucketMeta)
	c := src.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if meta && derivedMeta[string(k)] {
			continue
		}
		// The batch may have committed: the bucket of the current one.
		dst := r.w.tx.Bucket(name)
		dst.FillPercent = 1.0 // written in key order
		if v == nil {
			err = copyNested(src.Bucket(k), dst, k)
		} else {
			err = dst.Put(k, v) // v stays in src's map until the batch commits
		}
		if err == nil && each != nil {
			err = each(k, v)
		}
		if err != nil {
			return err
		}
		r.trimSrc(1 + len(v)/4096)
		if err := r.w.step(len(k) + len(v) + 16); err != nil {
			return err
		}
	}
	return nil
}

// copyNested copies a bucket within a bucket whole (Rebound makes none; a
// file may still hold one) into dst under key.
func copyNested(src, dst *bolt.Bucket, key []byte) error {
	to, err := dst.CreateBucketIfNotExists(key)
	if err != nil {
		return err
	}
	if err := to.SetSequence(src.Sequence()); err != nil {
		return err
	}
	return src.ForEach(func(k, v []byte) error {
		if v == nil {
			return copyNested(src.Bucket(k), to, k)
		}
		return to.Put(k, v)
	})
}

// reflectionDay counts a copied reflection's sessions in reflection_days.
func (r *rebuilder) reflectionDay(k, v []byte) error {
	var x journal.Reflection
	if decode(v, &x) != nil {
		return nil // kept as is; Check reports it
	}
	return r.w.b.reflectionDays.Put(k, u32(sessions(&x)))
}

// winDay counts a copied win in win_days.
func (r *rebuilder) winDay(k, v []byte) error {
	var x journal.Win
	if decode(v, &x) != nil || !x.Date.Valid() {
		return nil // kept as is; Check reports it
	}
	r.maxWin = max(r.maxWin, idOf(k))
	return addInt(r.w.b.winDays, []byte(x.Date), 1)
}

// indexNos writes every No's index keys and aggregates in the new file,
// in batches, and copies the No when it is not there yet. A No that
// cannot be read is set aside in damaged, as it is, and left out.
func (r *rebuilder) indexNos() error {
	nos := func() *bolt.Bucket {
		if r.inPlace {
			return r.w.tx.Bucket(bucketNos)
		}
		return r.src.Bucket(bucketNos)
	}
	if nos() == nil {
		return nil
	}
	var after []byte
	for {
		c := nos().Cursor()
		tx := r.w.tx
		k, v := seekAfter(c, after)
		for ; k != nil; k, v = c.Next() {
			after = append(after[:0], k...)
			changed, err := r.indexNo(k, v)
			if err != nil {
				return err
			}
			if r.w.tx != tx {
				// The commit read the values of the No's copied from
				// src's map: handed back now, not 16 No's later.
				trimWrite(r.src)
				if r.inPlace {
					break // the cursor's ground moved: seek again
				}
				tx = r.w.tx
			}
			if r.inPlace && changed {
				break
			}
		}
		if k == nil {
			trimWrite(r.src) // src is not read again
			return nil
		}
	}
}

// indexNo indexes the No stored under k and copies or fixes it; changed
// says whether it changed the new file's nos.
func (r *rebuilder) indexNo(k, v []byte) (changed bool, err error) {
	w := r.w
	n, err := readNo(k, v)
	if err != nil {
		damaged, err := w.tx.CreateBucketIfNotExists(bucketDamaged)
		if err == nil {
			err = damaged.Put(k, bytes.Clone(v))
		}
		if err == nil && r.inPlace {
			err, changed = w.b.nos.Delete(k), true
		}
		if err != nil {
			return changed, err
		}
		return changed, w.step(len(k) + len(v))
	}
	switch {
	case n.ID != idOf(k):
		n.ID = idOf(k) // a schema 1 No stored under another id: the key wins
		val, err := encodeNo(&n)
		if err != nil {
			return false, err
		}
		if err := w.b.nos.Put(k, val); err != nil {
			return false, err
		}
		changed = true
	case !r.inPlace:
		if err := w.b.nos.Put(k, v); err != nil { // v stays in src's map until the batch commits
			return false, err
		}
	}
	for _, e := range entries(&n) {
		if err := r.putEntry(e); err != nil {
			return changed, err
		}
	}
	w.x.add(&n, +1)
	if err := w.post.add(&n); err != nil {
		return changed, err
	}
	r.maxID = max(r.maxID, n.ID)
	if !r.inPlace {
		r.trimSrc(1 + len(v)/4096)
	}
	return changed, w.step(textWeight(&n))
}

// putEntry writes a No's own index key, or keeps it for later.
func (r *rebuilder) putEntry(e entry) error {
	var tag byte
	switch string(e.bucket) {
	case string(bucketByWho):
		tag = laterWho
	case string(bucketByFollowUp):
		tag = laterFollowUp
	case string(bucketEvents):
		tag = laterEvents
	default:
		return r.w.b.bucket(e.bucket).Put(e.key, e.value)
	}
	if r.later == nil {
		var err error
		if r.later, err = newExtSorter(r.w.path, "index"); err != nil {
			return err
		}
	}
	if err := r.later.add(append([]byte{tag}, e.key...), e.value); err != nil {
		return err
	}
	if r.laterBytes += len(e.key) + len(e.value) + 64; r.laterBytes >= laterRun {
		r.laterBytes = 0
		return r.later.flush()
	}
	return nil
}

// writeLater writes what later holds, in key order, in batches.
func (r *rebuilder) writeLater() error {
	later := r.later
	if later == nil {
		return nil
	}
	r.later = nil
	defer later.close()
	return later.each(func(k, v []byte) error {
		var bk *bolt.Bucket
		switch k[0] {
		case laterWho:
			bk = r.w.b.byWho
		case laterFollowUp:
			bk = r.w.b.byFollowUp
			bk.FillPercent = 1.0 // written in key order
		case laterEvents:
			if bk = r.w.b.eventsBucket(); bk == nil {
				return fmt.Errorf("make %s", bucketEvents)
			}
			bk.FillPercent = 1.0
		default:
			return fmt.Errorf("sort the index: a key tagged %q", k[0])
		}
		// The value is only valid during the call; bbolt holds it until
		// the batch commits.
		if err := bk.Put(k[1:], bytes.Clone(v)); err != nil {
			return err
		}
		return r.w.step(len(k) + len(v))
	})
}

// finish writes the index keys and postings that went to the sort, the
// sequences and the schema, and commits, synced.
func (r *rebuilder) finish() error {
	w := r.w
	if err := w.post.endBatch(w); err != nil {
		return err
	}
	if err := r.writeLater(); err != nil {
		return err
	}
	if err := w.post.finish(w); err != nil {
		return err
	}
	b := w.b
	if err := b.nos.SetSequence(max(b.nos.Sequence(), r.maxID)); err != nil {
		return err
	}
	if err := b.wins.SetSequence(max(b.wins.Sequence(), r.maxWin)); err != nil {
		return err
	}
	if err := b.meta.Put(keySchema, []byte(strconv.Itoa(currentSchema))); err != nil {
		return err
	}
	trimWrite(w.tx)
	w.db.NoSync = false
	return w.commit()
}
