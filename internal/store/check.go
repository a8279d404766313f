package store

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Problem is one thing Check found wrong, in words. Kind is one of pages
// (damaged pages of the file), meta, schema, bucket, record, index, tally,
// counter, damaged.
type Problem struct{ Kind, Detail string }

// PagesDamaged reports whether ps name damaged pages of the file, which
// Repair cannot mend (it rebuilds from records it must be able to read):
// what can be read is saved with an export, or a backup restored.
func PagesDamaged(ps []Problem) bool {
	for _, p := range ps {
		if p.Kind == "pages" {
			return true
		}
	}
	return false
}

// maxPerKind caps the details reported per bucket; one line says how many more.
const maxPerKind = 10

// Check reads the whole journal and reports what is wrong: bbolt's own
// page checks (in a child process, pagecheck.go), the meta pages, the
// schema, every No decoding, every index entry present and pointing at a
// No that agrees with it, the search postings, no_days, day and month
// tallies and per-day counts equal to a full recomputation, and the
// counters. No problems means a nil slice.
//
// It checks a private copy of the journal taken in one short read
// (snapshot), not the journal itself: a check of a large journal takes
// seconds, and a `log` in another terminal must not wait for it.
func (s *Store) Check() ([]Problem, error) {
	snap, err := s.snapshot()
	if err != nil {
		return nil, wrapOp("check journal", err)
	}
	defer snap.remove()
	ps, err := snap.store.checkAll(snap.size)
	return append(snap.problems, ps...), wrapOp("check journal", err)
}

// checkAll runs the page check (in a child, on the other core) and the
// Rebound checks of the file together. A fault in the Rebound checks (a
// page the page check also names) ends them with what they found so far.
func (s *Store) checkAll(size int64) ([]Problem, error) {
	pages := make(chan []Problem, 1)
	go func() { pages <- pageProblems(s.path, size) }()
	c := &checker{counts: map[string]int{}}
	err := s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			check(tx, c)
			return nil
		})
	})
	ps := <-pages
	if errors.Is(err, ErrCorrupt) {
		// A damaged page (the page check names it) stopped the reading.
		c.add("pages", "reading the journal stopped at a damaged page (%v)", causeOf(err))
		err = nil
	}
	return append(ps, c.ps...), err
}

// causeOf is what a sentence error wraps besides its sentinel.
func causeOf(err error) error {
	if s, ok := err.(*sentence); ok && len(s.errs) > 1 {
		return s.errs[1]
	}
	return err
}

type checker struct {
	ps     []Problem
	counts map[string]int
}

func (c *checker) add(kind, format string, a ...any) {
	key := kind + ":" + format
	c.counts[key]++
	if n := c.counts[key]; n <= maxPerKind {
		c.ps = append(c.ps, Problem{kind, fmt.Sprintf(format, a...)})
	} else if n == maxPerKind+1 {
		c.ps = append(c.ps, Problem{kind, "(more problems like the one above are not listed)"})
	}
}

// check adds what is wrong in tx to c.
func check(tx *bolt.Tx, c *checker) {
	st := readSchema(tx)
	switch {
	case st.fresh || st.foreign:
		c.add("schema", "the file has no Rebound meta bucket")
		return
	case st.bad != "":
		c.add("schema", "%s", st.bad)
	case st.version != currentSchema:
		c.add("schema", "the schema is %d; this build reads %d", st.version, currentSchema)
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			c.add("bucket", "bucket %s is missing", name)
		}
	}
	if d := tx.Bucket(bucketDamaged); d != nil && d.Stats().KeyN > 0 {
		c.add("damaged", "%d unreadable No's are kept aside in bucket %s", d.Stats().KeyN, bucketDamaged)
	}
	b, _ := bind(tx)
	if b.nos == nil || b.meta == nil {
		return
	}

	// Every No decodes and owns its index keys; the aggregates are
	// recomputed in memory (want) and compared below.
	want := newIx(nil)
	want.fingerprinted = true // postings 10 MiB, tallies 11 MiB at 100k
	want.noWho = true         // a count per prospect: checkWhoCounts reads by_who instead
	wantDays, wantMonths := map[string]*tallyPrint{}, map[string]*tallyPrint{}
	var maxID uint64
	// Each No is decoded and its index entries checked on every core
	// (checkpar.go); the No's come here in key order.
	wantPrint, expected, has := eachChecked(tx, b, func(n *journal.No, h uint64) {
		maxID = max(maxID, n.ID)
		want.add(n, +1)
		printOf(wantDays, tallyKey(n.Mode, n.Date)).add(1, h)
		printOf(wantMonths, monthKey(n.Mode, n.Date)).add(1, h)
	}, c.add)
	if seq := b.nos.Sequence(); seq < maxID {
		c.add("counter", "the id sequence is %d but the highest id is %d", seq, maxID)
	}

	// Keys of the per-No indexes beyond those expected are stale: find them.
	for _, name := range perNoIndexes {
		bk := tx.Bucket(name)
		if bk == nil {
			if (bytes.Equal(name, bucketBySource) || bytes.Equal(name, bucketEvents)) && expected[string(name)] > 0 {
				// Made when first written; missing while imported No's need it.
				c.add("index", "%s is missing; the No's need %d entries", name, expected[string(name)])
			}
			continue
		}
		got, ok := has[string(name)]
		if !ok {
			got = bucketKeys(bk)
		}
		if got != expected[string(name)] {
			c.add("index", "%s has %d entries; the No's need %d", name, got, expected[string(name)])
			staleEntries(c, b.nos, bk, name)
		}
	}
	if b.words != nil {
		var got postingPrint
		if !got.addWords(b.words) || got != wantPrint {
			checkPostings(c, b.words, wantPostings(b.nos))
		}
	}
	if b.noDays != nil {
		checkNoDays(c, b.noDays, want.days)
	}
	if b.tally != nil {
		checkTallies(c, b.tally, "tally", wantDays)
	}
	if b.months != nil {
		checkTallies(c, b.months, "month tally", wantMonths)
	}
	if b.reframedDays != nil {
		wantR := map[string]int{}
		for d, n := range want.reframed {
			if n != 0 {
				wantR[string(d)] = n
			}
		}
		checkCounts(c, b.reframedDays, bucketReframedDays, "reframed No's", wantR)
	}
	if got := getInt(b.meta, keyCount); got != want.count {
		c.add("counter", "the No counter says %d but there are %d", got, want.count)
	}
	if got := getInt(b.meta, keyWaiting); got != want.waiting {
		c.add("counter", "the waiting counter says %d but %d No's wait to be reframed", got, want.waiting)
	}
	if got, ok := getIntOK(b.meta, keyYes); !ok || got != want.yes {
		c.add("counter", "the yes counter says %q but %d No's turned into a yes", b.meta.Get(keyYes), want.yes)
	}
	checkCounters(c, b, want)
	checkOthers(c, tx)
}

// readNo decodes a stored No and checks the dates its keys are built from.
func readNo(k, v []byte) (journal.No, error) {
	var n journal.No
	if len(k) != 8 {
		return n, fmt.Errorf("a No has a malformed key %x", k)
	}
	if err := decodeNoValue(k, v, &n); err != nil {
		return n, fmt.Errorf("No %d cannot be read: %v", idOf(k), err)
	}
	if !validDay(n.Date) || (n.FollowUp != "" && !validDay(n.FollowUp)) { // Day.Valid without the parse
		return n, fmt.Errorf("No %d has a malformed date", idOf(k))
	}
	return n, nil
}

// decodeNo is readNo plus: the No's id is its key.
func decodeNo(k, v []byte) (journal.No, error) {
	n, err := readNo(k, v)
	if err == nil && n.ID != idOf(k) {
		return n, fmt.Errorf("No %d is stored under id %d", n.ID, idOf(k))
	}
	return n, err
}

// checkOthers reads reflections, wins, win counts and settings.
func checkOthers(c *checker, tx *bolt.Tx) {
	if b := tx.Bucket(bucketReflections); b != nil {
		sessionsOf := map[string]int{}
		_ = forEach(b, func(k, v []byte) error {
			var r journal.Reflection
			if err := decode(v, &r); err != nil {
				c.add("record", "the reflection of %s cannot be read: %v", k, err)
				return nil
			}
			sessionsOf[string(k)] = sessions(&r)
			return nil
		})
		if rd := tx.Bucket(bucketReflectionDays); rd != nil {
			checkCounts(c, rd, bucketReflectionDays, "sessions", sessionsOf)
		}
	}
	perDay := map[string]int{}
	if b := tx.Bucket(bucketWins); b != nil {
		_ = forEach(b, func(k, v []byte) error {
			var w journal.Win
			if err := decode(v, &w); err != nil {
				c.add("record", "win %x cannot be read: %v", k, err)
				return nil
			}
			perDay[string(w.Date)]++
			return nil
		})
	}
	if b := tx.Bucket(bucketWinDays); b != nil {
		_ = forEach(b, func(k, v []byte) error {
			if n, _ := strconv.Atoi(string(v)); n != perDay[string(k)] {
				c.add("counter", "%s counts %s wins but there are %d", k, v, perDay[string(k)])
			}
			delete(perDay, string(k))
			return nil
		})
		for d, n := range perDay {
			c.add("counter", "the %d wins of %s are not counted", n, d)
		}
	}
	checkExperiments(tx, c)
	checkReviews(tx, c)
	checkWhoMerges(tx, c)
	if b := tx.Bucket(bucketSettings); b != nil {
		if v := b.Get(keySettings); v != nil {
			var st journal.Settings
			if err := decode(v, &st); err != nil {
				c.add("record", "the settings cannot be read: %v", err)
			}
		}
	}
}
