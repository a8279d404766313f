// importstream.go is the large import's write path, about 690 lines kept in
// one file on purpose: the batches, the external sort of No's by date, the
// spilled search postings and the trims of the mapped journal share one
// memory budget, and reading them together is how that budget is checked.

package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/resident"
)

// Import adds an export held in memory: ImportStream over its records.
// Importing the same export twice adds nothing: a No is already there when
// date, who, said and created_at match; a win when date, who and
// created_at match; a reflection when the stored one for its date already
// contains it. Identical records are counted, not collapsed, so two
// identical No's in one export both arrive. Imported No's and wins get new
// ids. Rest days are added; settings are taken only when none are saved.
func (s *Store) Import(e journal.Export, now time.Time) (ImportResult, error) {
	size := journal.Size{Nos: len(e.Nos), Reflections: len(e.Reflections), Wins: len(e.Wins), RestDays: len(e.RestDays)}
	size.Experiments = len(e.Experiments)
	size.Reviews = len(e.Reviews)
	head := journal.Export{Format: e.Format, ExportedAt: e.ExportedAt, Settings: e.Settings}
	return s.ImportStream(head, size, func(to journal.Records) error {
		for i := range e.Nos {
			n := e.Nos[i]
			journal.NormaliseText(&n)
			if err := callRecord(to.No, &n); err != nil {
				return err
			}
		}
		for i := range e.Reflections {
			r := e.Reflections[i]
			journal.NormaliseText(&r)
			if err := callRecord(to.Reflection, &r); err != nil {
				return err
			}
		}
		for i := range e.Wins {
			w := e.Wins[i]
			journal.NormaliseText(&w)
			if err := callRecord(to.Win, &w); err != nil {
				return err
			}
		}
		for _, d := range e.RestDays {
			if to.RestDay != nil {
				if err := to.RestDay(d); err != nil {
					return err
				}
			}
		}
		for i := range e.Experiments {
			x := e.Experiments[i]
			x.Watch = slices.Clone(x.Watch)
			if err := callRecord(to.Experiment, &x); err != nil {
				return err
			}
		}
		for i := range e.Reviews {
			r := e.Reviews[i]
			if err := callRecord(to.Review, &r); err != nil {
				return err
			}
		}
		return nil
	}, now)
}

func callRecord[T any](f func(*T) error, x *T) error {
	if f == nil {
		return nil
	}
	return f(x)
}

// importInOneTx and importInOneTxBytes bound an import written in one
// transaction of the journal itself: its No's are held in memory, and
// bbolt keeps every page a transaction dirties (with a tally per day) until
// it commits. A larger import is written in batches to a copy of the
// journal, which then replaces it: still all or nothing.
var (
	importInOneTx            = 300
	importInOneTxBytes int64 = 1 << 20
)

// What one batch of a large import may hold before it commits: enough to
// amortise a commit, little enough that the pages it dirties stay a few
// MiB (a batch of No's on scattered dates dirties a page of each index per
// No; a No full of distinct words, a posting per word).
const (
	batchBytes    = 1 << 20
	batchNodes    = 400
	batchTallies  = 150
	batchPostings = 10000
)

// ImportStream adds an export read as a stream (exchange.Stream): head is
// the export without its records, size how many it has, and each hands
// them to the funcs it is given one at a time, in the file's order, as
// often as it is called. A small export is written in one transaction; a
// larger one in batches to a copy of the journal that replaces it once
// all is written. Either way the import is all or nothing, and what it
// holds in memory does not grow with the export or the journal: one
// record, one batch, and the journal's pages it touches, handed back as
// it goes (see trimWrite).
func (s *Store) ImportStream(head journal.Export, size journal.Size, each func(journal.Records) error, now time.Time) (ImportResult, error) {
	if err := checkFormat(head.Format); err != nil {
		return ImportResult{}, err
	}
	if head.Settings != nil {
		if err := head.Settings.Validate(nil); err != nil {
			return ImportResult{}, fmt.Errorf("import: settings: %w", err)
		}
	}
	records := size.Nos + size.Reflections + size.Wins + size.RestDays + size.Experiments + size.Reviews
	if records <= importInOneTx && size.Bytes <= importInOneTxBytes {
		res, err := s.importInOne(head, each)
		if err != errTooManyWords {
			return res, err
		}
	}
	_ = s.AutoBackup(now) // as update does, before the journal changes
	var im *importer
	err := s.withDB(false, func(db *bolt.DB) error {
		return s.replaceWithCopy(db, func(copyPath string) error {
			var err error
			if im, err = s.importIntoCopy(copyPath, head, size, each); err == nil && im.unchanged() {
				return errKeepJournal
			}
			return err
		})
	})
	if err != nil {
		return ImportResult{}, wrapOp("import", err)
	}
	return im.res, nil
}

// errTooManyWords sends a small import whose No's hold many distinct words
// through the copy: their postings would dirty a page each, all in the
// journal's one transaction.
var errTooManyWords = errors.New("too many words for one transaction")

// importInOne writes a small export in one transaction of the journal.
// Its No's (a few hundred at most) are gathered first, in date order, with
// their identities, so that only the journal's No's that match one of
// them are counted.
func (s *Store) importInOne(head journal.Export, each func(journal.Records) error) (ImportResult, error) {
	var nos []journal.No
	var top uint64
	only := map[idKey128]bool{}
	words := map[string]bool{}
	keyed := map[string]bool{} // words by the block of the file's number
	err := each(journal.Records{
		No: func(n *journal.No) error {
			x, err := prepareImported(n)
			if err != nil {
				return err
			}
			nos = append(nos, x)
			only[noKey(&x)] = true
			top = max(top, keepable(x.ID))
			for _, w := range tokens(x.Text()) {
				// New numbers span two blocks at most: two keys a word;
				// kept ones a key for each word and block.
				words[w] = true
				if keyed[string(wordKey(w, uint32(keepable(x.ID)>>blockBits)))] = true; 2*len(words) > postDirect || len(keyed) > postDirect {
					return errTooManyWords
				}
			}
			return nil
		},
		Win: func(w *journal.Win) error {
			x := normaliseWin(*w)
			only[winKey(&x)] = true
			return nil
		},
	})
	if err == errTooManyWords {
		return ImportResult{}, err
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	slices.SortStableFunc(nos, func(a, b journal.No) int { return strings.Compare(string(a.Date), string(b.Date)) })
	var im *importer
	err = s.update(func(tx *bolt.Tx, b *buckets) error {
		w := &batchWriter{s: s, tx: tx, b: b, x: newIx(b), post: newImportPostings(s.path)}
		defer w.post.close()
		w.x.noWords = true
		im = &importer{s: s, w: w, seen: &memSeen{only: only, n: map[idKey128]int{}, done: map[string]bool{}}}
		if err := im.numberAsInFile(top); err != nil {
			return err
		}
		for i := range nos {
			if err := im.put(&nos[i]); err != nil {
				return err
			}
		}
		im.nosDone = true
		if err := im.run(head, each, nil); err != nil {
			return err
		}
		if err := w.post.endBatch(w); err != nil {
			return err
		}
		if err := w.post.finish(w); err != nil {
			return err
		}
		return w.x.flush()
	})
	if err != nil {
		return ImportResult{}, wrapOp("import", err)
	}
	return im.res, nil
}

// importIntoCopy writes an export to the copy at path in batches, keeping
// what it knows of the records the journal held before in a bucket of the
// copy (removed before the last commit), not in memory.
func (s *Store) importIntoCopy(path string, head journal.Export, size journal.Size, each func(journal.Records) error) (im *importer, err error) {
	w := &batchWriter{s: s, path: path, post: newImportPostings(path)}
	if !size.InDateOrder {
		// The No's sort holds 2-3 MiB more (its run, then a buffer per
		// run to merge) while the postings gather: they sort in smaller
		// runs, and the program's pages that only its start needed are
		// handed back (a shuffled million: 29.2-30.0 MiB at its peak
		// without, 26.4 with; an export in date order peaks lower and
		// skips the page faults that costs).
		w.post.runBytes = 1 << 20
		resident.DropProgram()
	}

	// Every posting through the sort, written in key order at the end: in
	// the No's order a batch dirties (and its commit reads back) a page of
	// words for most of its keys; at 1M No's that was the memory peak
	// (33 MiB, against 27 this way) and half the time.
	w.post.sortAll = true
	if err := w.open(); err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, w.close()) }()
	defer w.post.close()
	if err := w.begin(); err != nil {
		return nil, err
	}
	defer w.rollback()
	if _, err := w.tx.CreateBucketIfNotExists(importSeenBucket); err != nil {
		return nil, err
	}
	im = &importer{s: s, w: w, seen: &bucketSeen{w: w}}
	if size.InDateOrder {
		// Already in the order the sort would give them (an export of a
		// journal logged day by day): written as they come, without the
		// sort's write and read of every No.
		if err := im.numberAsInFile(size.TopID); err != nil {
			return nil, err
		}
		err := im.run(head, each, func(n *journal.No) error {
			x, err := prepareImported(n)
			if err != nil {
				return err
			}
			return im.put(&x)
		})
		if err != nil {
			return nil, err
		}
		if err := im.nosWritten(); err != nil {
			return nil, err
		}
		return im, im.finish()
	}
	// No's are written in date order (see extSorter), then by their number
	// in the file, which the key carries (the value does not).
	sorter, err := newExtSorter(path, "nos")
	if err != nil {
		return nil, err
	}
	defer sorter.close()
	var top uint64
	sortNo := func(n *journal.No) error {
		x, err := prepareImported(n)
		if err != nil {
			return err
		}
		v, err := encodeNo(&x)
		if err != nil {
			return err
		}
		top = max(top, keepable(x.ID))
		return sorter.add(binary.BigEndian.AppendUint64([]byte(x.Date), x.ID), v)
	}
	if err := im.run(head, each, sortNo); err != nil {
		return nil, err
	}
	if err := im.numberAsInFile(top); err != nil {
		return nil, err
	}
	err = sorter.each(func(k, v []byte) error {
		var n journal.No
		if len(k) < 8 {
			return fmt.Errorf("sort the import: a key of %d bytes", len(k))
		}
		if err := decodeNoValue(nil, v, &n); err != nil {
			return fmt.Errorf("sort the import: %w", err)
		}
		n.ID = binary.BigEndian.Uint64(k[len(k)-8:])
		return im.put(&n)
	})
	if err != nil {
		return nil, err
	}
	if err := im.nosWritten(); err != nil {
		return nil, err
	}
	return im, im.finish()
}

// finish writes what the last batch of a large import holds and commits
// it, synced.
func (im *importer) finish() error {
	w := im.w
	if err := w.post.endBatch(w); err != nil {
		return err
	}
	if err := w.post.finish(w); err != nil {
		return err
	}
	if err := w.putLater(); err != nil {
		return err
	}
	if err := w.tx.DeleteBucket(importSeenBucket); err != nil {
		return err
	}
	trimWrite(w.tx)
	w.db.NoSync = false
	return w.commit()
}

// importSeenBucket holds, during a large import, the identities of the
// records the journal held (see bucketSeen). It never reaches the journal.
var importSeenBucket = []byte("import_seen")

// batchWriter is the transaction an import writes in: with db (a copy of
// the journal) it commits and begins anew when a batch is full; without,
// it is the one transaction of a small import.
type batchWriter struct {
	s      *Store
	path   string // of the copy, reopened now and then (see reopenEvery)
	db     *bolt.DB
	tx     *bolt.Tx
	b      *buckets
	x      *ix
	post   *importPostings
	ops    int
	weight int
	since  int // weight since the map was last trimmed
	txs    int // commits since the copy was opened
	// later holds the prospect index's keys of a large import, written
	// in key order at its end (see putLater).
	later *extSorter
	// over says the mapped pages grew by importTrimBudget (see trim).
	over     func() bool
	overDone func()
}

// reopenEvery is how many batches are committed before the copy is closed
// and opened again: bbolt remembers every page it allocated while a file is
// open (a million No's: 3 MiB), and forgets them on close.
const reopenEvery = 64

// open opens the copy for batches that are not synced one by one: it is
// only renamed over the journal after the last commit, which syncs it all.
func (w *batchWriter) open() error {
	db, err := bolt.Open(w.path, 0o600, &bolt.Options{Timeout: w.s.timeout, NoGrowSync: true})
	if err != nil {
		return err
	}
	db.AllocSize = allocSize
	db.NoSync = true
	w.db, w.txs = db, 0
	if w.over == nil {
		w.over, w.overDone = residentOver(importTrimBudget)
	}
	return nil
}

// laterFunc is where a large import's No's put their prospect keys. A
// prospect's keys sit together in the index, so in the file's order a
// batch dirtied a page for nearly every prospect in it and each commit
// wrote them all again; sorted and written at the end, each page is
// written once.
func (w *batchWriter) laterFunc() func(entry) error {
	if w.db == nil {
		return nil // one transaction: written as they come
	}
	return func(e entry) error {
		if w.later == nil {
			s, err := newExtSorter(w.path, "prospects")
			if err != nil {
				return err
			}
			s.runBytes = 512 << 10 // beside the postings' sort
			w.later = s
		}
		return w.later.add(bytes.Clone(e.key), bytes.Clone(e.value))
	}
}

// putLater writes what laterFunc held, in key order, through the batches.
func (w *batchWriter) putLater() error {
	if w.later == nil {
		return nil
	}
	defer func() { w.later.close(); w.later = nil }()
	return w.later.each(func(k, v []byte) error {
		// The sort reuses v; bbolt holds it to the commit.
		if v = bytes.Clone(v); len(v) == 0 {
			v = empty
		}
		if err := w.b.byWho.Put(k, v); err != nil {
			return err
		}
		return w.step(len(k) + len(v) + 16)
	})
}

// close closes the copy.
func (w *batchWriter) close() error {
	if w.later != nil {
		w.later.close()
		w.later = nil
	}
	if w.overDone != nil {
		w.overDone()
		w.over, w.overDone = nil, nil
	}
	return w.db.Close()
}

// importTrimBudget is how far the journal's mapped pages may grow during a
// large import before they are handed back (see trim).
const importTrimBudget = 4 << 20

// trim is trimWrite once the process's mapped pages have grown by
// importTrimBudget: the check reads a counter, a trim walks the whole map
// (at a million No's, 900 MiB of it), which every 16 records was a tenth
// of an import's time.
func (w *batchWriter) trim() {
	if w.over == nil || w.over() {
		trimWrite(w.tx)
	}
}

func (w *batchWriter) begin() error {
	tx, err := w.db.Begin(true)
	if err != nil {
		return err
	}
	b, err := w.s.load(tx)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	w.tx, w.b, w.x, w.ops, w.weight = tx, b, newIx(b), 0, 0
	w.x.noWords = true // importPostings keeps them
	return nil
}

func (w *batchWriter) commit() error {
	if err := w.post.endBatch(w); err != nil {
		return err
	}
	if err := w.x.flush(); err != nil {
		return err
	}
	err := w.tx.Commit()
	w.tx = nil
	return err
}

func (w *batchWriter) rollback() {
	if w.db != nil && w.tx != nil {
		_ = w.tx.Rollback()
		w.tx = nil
	}
}

// step counts one record written or read (weight: about its bytes) and
// commits the batch when it is full.
func (w *batchWriter) step(weight int) error {
	w.ops++
	w.weight += weight
	// Writing next to a long No copies it from the map when the batch
	// commits: trim by bytes too.
	if w.since += weight; w.ops%trimWriteStride == 0 || w.since >= 256<<10 {
		w.trim()
		w.since = 0
	}
	if !w.full() {
		return nil
	}
	trimWrite(w.tx) // before the commit reads what it rewrites
	if err := w.commit(); err != nil {
		return err
	}
	if w.txs++; w.txs >= reopenEvery {
		if err := w.db.Close(); err != nil {
			return err
		}
		if err := w.open(); err != nil {
			return err
		}
	}
	if err := w.begin(); err != nil {
		return err
	}
	trimWrite(w.tx) // what the commit read
	return nil
}

func (w *batchWriter) full() bool {
	if w.db == nil {
		return false
	}
	st := w.tx.Stats()
	return w.ops >= BatchSize || w.weight >= batchBytes || st.GetNodeCount() >= batchNodes ||
		len(w.x.tally)+len(w.x.month) >= batchTallies || len(w.x.post) >= batchPostings
}

// trimWriteStride is how many records (or keys) a write handles between
// trims: a No written reads a page of each index it is in, and the kernel
// maps the pages around each page read (64 KiB and more), so on scattered
// keys this keeps the resident map to a few MiB.
const trimWriteStride = 16

// trimWrite hands back the pages of the journal's map that a write
// transaction has read (see trimMapped). In a write transaction the map
// moves only while it commits, so between records it is safe.
func trimWrite(tx *bolt.Tx) {
	if !canTrim {
		return
	}
	db := tx.DB()
	if size := tx.Size(); size >= 4<<20 { // a smaller copy stays resident whole
		dropResident(db.Info().Data, uintptr(size))
	}
}

// importer writes an import's records through w, skipping those the
// journal already held.
type importer struct {
	s    *Store
	w    *batchWriter
	seen seenSet
	res  ImportResult
	wins bool // the journal's wins are counted in seen
	keep bool // the journal had no No's: they keep the file's numbers
	// nosDone: every No is written, so a win's referral can be renumbered;
	// until then later holds the wins that have one (importreferral.go).
	nosDone bool
	later   []journal.Win
	once    bool // the file is read once, as it is written (importonce.go)
	changed bool // a rest day or the settings were added (see unchanged)
}

// numberAsInFile has the No's keep the numbers they have in the file when
// the journal holds none (a restore into a new journal: every command and
// note works by number), and moves the sequence past the largest, top, so
// that a No the file gave no number (or a taken one) gets a free one.
func (im *importer) numberAsInFile(top uint64) error {
	b := im.w.b
	if k, _ := b.nos.Cursor().First(); k != nil {
		return nil
	}
	im.keep = true
	if top > b.nos.Sequence() {
		return b.nos.SetSequence(top)
	}
	return nil
}

// keepable is the number of a No in the file that an import may keep.
func keepable(id uint64) uint64 {
	if id > maxKeptID {
		return 0
	}
	return id
}

// run writes every record each hands over but No's, which go to no, and
// then the settings.
func (im *importer) run(head journal.Export, each func(journal.Records) error, no func(*journal.No) error) error {
	if err := each(im.records(no)); err != nil {
		return err
	}
	return im.settle(head)
}

// records are the funcs that write each kind of record but No's, which go
// to no.
func (im *importer) records(no func(*journal.No) error) journal.Records {
	exps := &experimentImporter{im: im}
	return journal.Records{
		Experiment: exps.add,
		Review:     im.addReview,
		No:         no,
		Reflection: im.reflection,
		Win:        im.win,
		RestDay: func(d journal.Day) error {
			if err := journal.CheckRestDay(d); err != nil {
				return err
			}
			if im.w.b.restDays.Get([]byte(d)) == nil {
				im.changed = true
			}
			if err := im.w.b.restDays.Put([]byte(d), empty); err != nil {
				return err
			}
			return im.w.step(len(d))
		},
	}
}

// settle takes the export's settings when the journal has none.
func (im *importer) settle(head journal.Export) error {
	b := im.w.b
	if head.Settings != nil && b.settings.Get(keySettings) == nil {
		im.changed = true
		return putValue(b.settings, keySettings, head.Settings)
	}
	return nil
}

// unchanged says the import added nothing to the journal (every record
// was already there): the copy need not replace it.
func (im *importer) unchanged() bool {
	r := im.res
	return !im.changed && r.Nos == 0 && r.Reflections == 0 && r.Wins == 0 &&
		r.Experiments.Added == 0 && r.Experiments.Ended == 0 && r.Reviews.Added == 0
}

// prepareImported checks an imported No and fills what it omits.
func prepareImported(n *journal.No) (journal.No, error) {
	if err := checkNo(n); err != nil {
		return journal.No{}, fmt.Errorf("the No of %s (%s): %w", n.Date, n.Who, err)
	}
	return normaliseImported(*n), nil
}

// put writes a prepared No unless the journal held it before.
func (im *importer) put(x *journal.No) error { return im.putPrepared(&preparedNo{x: *x}) }

// preparedNo is what an import works out for a No on the reading
// goroutines (journal.Records.Prepare): the No checked and filled, its
// stored value and its words, so that the writing goroutine only writes.
type preparedNo struct {
	x     journal.No
	err   error
	val   []byte   // nil: encoded when written
	words []string // with val: the words of its postings
}

func prepareNo(n *journal.No) any {
	p := &preparedNo{}
	if p.x, p.err = prepareImported(n); p.err != nil {
		return p
	}
	if p.val, p.err = encodeNo(&p.x); p.err != nil {
		return p
	}
	p.words = postingWords(&p.x)
	return p
}

// putPrepared writes p's No unless the journal held it before.
func (im *importer) putPrepared(p *preparedNo) error {
	if p.err != nil {
		return p.err
	}
	x := &p.x
	if x.Source != "" && im.w.b.hasSource(x.Source) {
		// Imported from that row before (or twice in this file): the
		// source is the row's identity, whatever else changed since.
		im.res.Skipped.Nos++
		return nil
	}
	// Into a journal that held no No's (keep), none is held before.
	if !im.keep {
		if err := im.loadDay(x.Date); err != nil {
			return err
		}
		dup, err := im.seen.take(noKey(x))
		if err != nil || dup {
			im.res.Skipped.Nos += btoi(dup)
			return err
		}
	}
	b := im.w.b
	var err error
	was := x.ID
	if !im.keep || was == 0 || was > maxKeptID || b.nos.Get(idKey(was)) != nil {
		if im.keep && im.once {
			return errTwoReads // its number comes after the file's largest
		}
		if x.ID, err = b.nos.NextSequence(); err != nil {
			return err
		}
	}
	im.res.IDs.add(was, x.ID)
	if err := writeNoValue(b, im.w.x, nil, x, p.val, im.w.laterFunc()); err != nil {
		return err
	}
	if p.val != nil {
		err = im.w.post.addWords(x.ID, p.words)
	} else {
		err = im.w.post.add(x)
	}
	if err != nil {
		return err
	}
	im.res.Nos++
	return im.w.step(textWeight(x))
}

func textWeight(n *journal.No) int {
	w := 512 + len(n.Who) + len(n.Offer) + len(n.Channel) + len(n.Said) + len(n.ReasonText) + len(n.Change) +
		len(n.Competitor) + len(n.CompetitorWhy) + len(n.Lesson) + len(n.Next) + 64*len(n.OutcomeHistory)
	for _, a := range n.Debrief {
		w += len(a.Prompt) + len(a.Answer)
	}
	return w
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadDay counts the No's the journal holds on d in seen, once per day,
// before the first No of d is written (so none of this import's own).
func (im *importer) loadDay(d journal.Day) error {
	scope := "n" + string(d)
	if ok, err := im.seen.loaded(scope); err != nil || ok {
		return err
	}
	prefix := []byte(d)
	var after []byte // the last key counted, when a batch committed mid-day
	for {
		c := im.w.b.byDay.Cursor()
		var k []byte
		if after == nil {
			k, _ = c.Seek(prefix)
		} else if k, _ = c.Seek(after); bytes.Equal(k, after) {
			k, _ = c.Next()
		}
		full := false
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
			n, err := im.s.getNo(im.w.b, idOf(k))
			if err != nil {
				return err
			}
			if err := im.seen.add(noKey(&n)); err != nil {
				return err
			}
			after = append(after[:0], k...)
			if im.w.ops++; im.w.ops%trimWriteStride == 0 {
				im.w.trim()
			}
			if full = im.w.full(); full {
				break
			}
		}
		if !full {
			break
		}
		if err := im.w.step(0); err != nil { // commits: the cursor is gone
			return err
		}
	}
	return im.seen.markLoaded(scope)
}

// loadWins counts the journal's wins in seen, once.
func (im *importer) loadWins() error {
	if im.wins {
		return nil
	}
	im.wins = true
	var after []byte
	for {
		c := im.w.b.wins.Cursor()
		var k, v []byte
		if after == nil {
			k, v = c.First()
		} else if k, v = c.Seek(after); bytes.Equal(k, after) {
			k, v = c.Next()
		}
		full := false
		for ; k != nil; k, v = c.Next() {
			var w journal.Win
			if err := decode(v, &w); err != nil {
				return im.s.corrupt(fmt.Errorf("win %x: %w", k, err))
			}
			if err := im.seen.add(winKey(&w)); err != nil {
				return err
			}
			after = append(after[:0], k...)
			if im.w.ops++; im.w.ops%trimWriteStride == 0 {
				im.w.trim()
			}
			if full = im.w.full(); full {
				break
			}
		}
		if !full {
			return nil
		}
		if err := im.w.step(0); err != nil {
			return err
		}
	}
}

func normaliseWin(w journal.Win) journal.Win {
	if w.CreatedAt.IsZero() {
		w.CreatedAt = w.Date.Time(time.UTC)
	}
	w.CreatedAt = w.CreatedAt.UTC()
	return w
}

func (im *importer) win(w *journal.Win) error {
	if err := checkWin(w); err != nil {
		return fmt.Errorf("win of %s (%s): %w", w.Date, w.Who, err)
	}
	x := normaliseWin(*w)
	if im.holdWin(&x) {
		return nil
	}
	if x.ReferralFrom != 0 {
		x.ReferralFrom = im.referral(x.ReferralFrom)
	}
	if err := im.loadWins(); err != nil {
		return err
	}
	dup, err := im.seen.take(winKey(&x))
	if err != nil || dup {
		im.res.Skipped.Wins += btoi(dup)
		return err
	}
	if err := putWin(im.w.b, &x); err != nil {
		return err
	}
	im.res.Wins++
	return im.w.step(256 + len(x.Who) + len(x.What))
}

func (im *importer) reflection(r *journal.Reflection) error {
	if err := r.CheckLimits(); err != nil {
		return fmt.Errorf("reflection of %s: %w", r.Date, err)
	}
	b := im.w.b
	cur, ok, err := getReflection(b, r.Date)
	if err != nil {
		return im.s.corrupt(err)
	}
	switch {
	case ok && reflectionCovers(&cur, r):
		im.res.Skipped.Reflections++
		return nil
	case ok:
		cur.Merge(*r)
		if err := cur.CheckLimits(); err != nil {
			return journal.Invalid("the reflection of %s, with the one already in the journal: %v", r.Date, err)
		}
	default:
		cur = *r
	}
	if err := putReflection(b, &cur); err != nil {
		return err
	}
	im.res.Reflections++
	return im.w.step(1024 + len(cur.Win) + len(cur.Ritual) + len(cur.Intention) + 256*len(cur.Answers))
}

// idKey128 is a record's identity (noIdentity, winIdentity) hashed: its
// kind, its date (so that one day's keys sit together in import_seen) and
// the identity's FNV-128a, 27 bytes however long its text is.
type idKey128 [27]byte

func noKey(n *journal.No) idKey128   { return hashID('n', n.Date, noIdentity(n)) }
func winKey(w *journal.Win) idKey128 { return hashID('w', w.Date, winIdentity(w)) }

func hashID(kind byte, d journal.Day, id string) idKey128 {
	var k idKey128
	k[0] = kind
	copy(k[1:11], d)
	h := fnv.New128a()
	h.Write([]byte(id))
	h.Sum(k[11:11])
	return k
}

// seenSet counts the records the journal held before an import, by
// identity, so that as many copies of one as it held are skipped and the
// rest written.
type seenSet interface {
	add(k idKey128) error              // one more held
	take(k idKey128) (bool, error)     // one held and not yet matched: matched now
	loaded(scope string) (bool, error) // scope (a day's No's) is counted
	markLoaded(scope string) error
}

// memSeen is a seenSet in memory for a small import: only identities in
// only (the import's own) are counted.
type memSeen struct {
	only map[idKey128]bool
	n    map[idKey128]int
	done map[string]bool
}

func (m *memSeen) add(k idKey128) error {
	if m.only[k] {
		m.n[k]++
	}
	return nil
}

func (m *memSeen) take(k idKey128) (bool, error) {
	if m.n[k] > 0 {
		m.n[k]--
		return true, nil
	}
	return false, nil
}

func (m *memSeen) loaded(scope string) (bool, error) { return m.done[scope], nil }

func (m *memSeen) markLoaded(scope string) error {
	m.done[scope] = true
	return nil
}

// bucketSeen is a seenSet in the copy's import_seen bucket: key 0x00 and a
// scope for what is counted, key 0x01 and an identity for its count
// (uvarint), so a re-import of a million No's keeps its counts on disk.
type bucketSeen struct{ w *batchWriter }

func (s *bucketSeen) bucket() *bolt.Bucket { return s.w.tx.Bucket(importSeenBucket) }

func (s *bucketSeen) add(k idKey128) error {
	bk := s.bucket()
	key := append([]byte{1}, k[:]...)
	n, _ := binary.Uvarint(bk.Get(key))
	return bk.Put(key, binary.AppendUvarint(nil, n+1))
}

func (s *bucketSeen) take(k idKey128) (bool, error) {
	bk := s.bucket()
	key := append([]byte{1}, k[:]...)
	n, _ := binary.Uvarint(bk.Get(key))
	switch {
	case n == 0:
		return false, nil
	case n == 1:
		return true, bk.Delete(key)
	}
	return true, bk.Put(key, binary.AppendUvarint(nil, n-1))
}

func (s *bucketSeen) loaded(scope string) (bool, error) {
	return s.bucket().Get(append([]byte{0}, scope...)) != nil, nil
}

func (s *bucketSeen) markLoaded(scope string) error {
	return s.bucket().Put(append([]byte{0}, scope...), empty)
}
