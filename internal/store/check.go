package store

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
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
	expected := map[string]int{}
	want := newIx(nil)
	want.fingerprinted = true // postings 10 MiB, tallies 11 MiB at 100k
	var wantPrint postingPrint
	wantDays, wantMonths := map[string]*tallyPrint{}, map[string]*tallyPrint{}
	var maxID uint64
	_ = forEach(b.nos, func(k, v []byte) error {
		n, err := decodeNo(k, v)
		if err != nil {
			c.add("record", "%v", err)
			return nil
		}
		maxID = max(maxID, n.ID)
		for _, e := range entries(&n) {
			expected[string(e.bucket)]++
			bk := tx.Bucket(e.bucket)
			if bk == nil {
				continue
			}
			if !has(bk, e.key) {
				c.add("index", "No %d is missing from %s", n.ID, e.bucket)
			} else if got := bk.Get(e.key); !bytes.Equal(got, e.value) {
				c.add("index", "%s has %q for No %d, which needs %q", e.bucket, got, n.ID, e.value)
			}
		}
		want.add(&n, +1)
		wantPrint.addNo(&n)
		h := noTallyPrint(&n)
		printOf(wantDays, string(n.Date)).add(1, h)
		printOf(wantMonths, monthOf(n.Date)).add(1, h)
		return nil
	})
	if seq := b.nos.Sequence(); seq < maxID {
		c.add("counter", "the id sequence is %d but the highest id is %d", seq, maxID)
	}

	// Keys of the per-No indexes beyond those expected are stale: find them.
	for _, name := range [][]byte{bucketByDay, bucketByFollowUp, bucketWaiting} {
		bk := tx.Bucket(name)
		if bk == nil {
			continue
		}
		if got := bk.Stats().KeyN; got != expected[string(name)] {
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
		c.add("counter", "the waiting counter says %d but %d No's are not reframed", got, want.waiting)
	}
	if got, ok := getIntOK(b.meta, keyYes); !ok || got != want.yes {
		c.add("counter", "the yes counter says %q but %d No's turned into a yes", b.meta.Get(keyYes), want.yes)
	}
	checkOthers(c, tx)
}

// postingPrint is an order-free fingerprint of a set of (words key,
// offset) postings: their number and the sum of a hash of each. Check
// compares the fingerprint of the words bucket with that of the No's
// tokens in constant memory, and only when they differ builds the
// postings in memory to name what is wrong.
type postingPrint struct{ n, sum uint64 }

var printSeed = maphash.MakeSeed()

func (p *postingPrint) add(key []byte, off uint16) {
	p.n++
	p.sum += mix(maphash.Bytes(printSeed, key) ^ uint64(off)*0x9e3779b97f4a7c15)
}

// mix is splitmix64's finaliser: sums of nearby inputs must not collide.
func mix(h uint64) uint64 {
	h = (h ^ h>>30) * 0xbf58476d1ce4e5b9
	h = (h ^ h>>27) * 0x94d049bb133111eb
	return h ^ h>>31
}

// addNo adds the postings n needs.
func (p *postingPrint) addNo(n *journal.No) {
	off, block := uint16(n.ID&blockMask), uint32(n.ID>>blockBits)
	for _, w := range tokens(n.Text()) {
		p.add(wordKey(w, block), off)
	}
}

// addWords adds every posting of the words bucket; false when one cannot
// be read (the full comparison then says which).
func (p *postingPrint) addWords(words *bolt.Bucket) bool {
	ok := true
	var offs []uint16
	_ = forEach(words, func(k, v []byte) error {
		var err error
		if _, _, kok := splitWordKey(k); !kok {
			ok = false
			return nil
		}
		if offs, err = decodePosting(v, offs[:0]); err != nil {
			ok = false
			return nil
		}
		for _, off := range offs {
			p.add(k, off)
		}
		return nil
	})
	return ok
}

// wantPostings are the postings the No's need, built in memory.
func wantPostings(nos *bolt.Bucket) map[string][]uint16 {
	x := newIx(nil)
	_ = forEach(nos, func(k, v []byte) error {
		if n, err := decodeNo(k, v); err == nil {
			x.add(&n, +1)
		}
		return nil
	})
	return x.post
}

// checkPostings compares words with the postings the No's need.
func checkPostings(c *checker, words *bolt.Bucket, want map[string][]uint16) {
	seen := map[string]bool{}
	_ = forEach(words, func(k, v []byte) error {
		word, block, ok := splitWordKey(k)
		if !ok {
			c.add("index", "words has a malformed key %q", k)
			return nil
		}
		seen[string(k)] = true
		got, err := decodePosting(v, nil)
		if err != nil {
			c.add("index", "the words posting of %q (block %d) cannot be read: %v", word, block, err)
			return nil
		}
		diffPostings(c, block, got, want[string(k)])
		return nil
	})
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if !seen[k] && len(want[k]) > 0 {
			_, block, _ := splitWordKey([]byte(k))
			diffPostings(c, block, nil, want[k])
		}
	}
}

// diffPostings reports the ids in got but not want (stale) and the reverse.
func diffPostings(c *checker, block uint32, got, want []uint16) {
	i, j := 0, 0
	for i < len(got) || j < len(want) {
		switch {
		case j == len(want) || (i < len(got) && got[i] < want[j]):
			c.add("index", "words has an entry for No %d that does not match it", uint64(block)<<blockBits|uint64(got[i]))
			i++
		case i == len(got) || want[j] < got[i]:
			c.add("index", "No %d is missing from words", uint64(block)<<blockBits|uint64(want[j]))
			j++
		default:
			i++
			j++
		}
	}
}

// checkNoDays compares no_days with the No's dates.
func checkNoDays(c *checker, bk *bolt.Bucket, want map[uint64][]uint32) {
	seen := map[uint64]bool{}
	_ = forEach(bk, func(k, v []byte) error {
		if len(k) != 8 || len(v)%4 != 0 {
			c.add("index", "no_days has a malformed entry %x", k)
			return nil
		}
		blk := idOf(k)
		seen[blk] = true
		if w := dayBlockValue(want[blk]); !bytes.Equal(v, w) {
			c.add("index", "no_days does not match the dates of No's %d to %d", blk<<dayBlockBits, blk<<dayBlockBits|dayBlockMask)
		}
		return nil
	})
	for blk, ds := range want {
		if !seen[blk] && dayBlockValue(ds) != nil {
			c.add("index", "no_days lacks the dates of No's %d to %d", blk<<dayBlockBits, blk<<dayBlockBits|dayBlockMask)
		}
	}
}

// tallyPrint is an order-free fingerprint of a tally: its No's and the
// sum over its counters of value × hash(counter). A tally is the sum of
// its No's counters (tally.Each), so the print built from the No's equals
// the print of the stored tally (Counters) exactly when they agree, and
// check keeps 16 bytes per day instead of every tally rebuilt.
type tallyPrint struct {
	nos int
	sum uint64
}

func (p *tallyPrint) add(nos int, sum uint64) {
	p.nos += nos
	p.sum += sum
}

func printOf(m map[string]*tallyPrint, key string) *tallyPrint {
	p := m[key]
	if p == nil {
		p = &tallyPrint{}
		m[key] = p
	}
	return p
}

func counterHash(c tally.Counter) uint64 { return mix(maphash.Comparable(printSeed, c)) }

// noTallyPrint is the sum one No adds to its day's and month's prints.
func noTallyPrint(n *journal.No) (sum uint64) {
	tally.Each(n, func(c tally.Counter, v int) { sum += uint64(v) * counterHash(c) })
	return sum
}

// storedTallyPrint is the print of a stored tally; false when it keeps a
// zero count, which a tally never should.
func storedTallyPrint(t *tally.Day) (tallyPrint, bool) {
	p, ok := tallyPrint{nos: t.Nos}, true
	t.Counters(func(c tally.Counter, v int) {
		ok = ok && v != 0
		p.sum += uint64(v) * counterHash(c)
	})
	return p, ok
}

// checkTallies compares a tally bucket with the prints of its No's.
func checkTallies(c *checker, bk *bolt.Bucket, what string, want map[string]*tallyPrint) {
	seen := map[string]bool{}
	_ = forEach(bk, func(k, v []byte) error {
		key := string(k)
		seen[key] = true
		var got tally.Day
		if err := decodeTally(v, &got); err != nil {
			c.add("tally", "the %s of %s cannot be read: %v", what, key, err)
		} else if w := want[key]; w == nil || w.nos == 0 {
			c.add("tally", "the %s of %s counts %d No's but there are none", what, key, got.Nos)
		} else if p, ok := storedTallyPrint(&got); !ok || p != *w {
			c.add("tally", "the %s of %s does not match its No's", what, key)
		}
		return nil
	})
	for _, key := range slices.Sorted(maps.Keys(want)) {
		if !seen[key] && want[key].nos != 0 {
			c.add("tally", "the %s of %s is missing", what, key)
		}
	}
}

// checkCounts compares a date -> uint32 bucket with the counts wanted.
func checkCounts(c *checker, bk *bolt.Bucket, name []byte, what string, want map[string]int) {
	_ = forEach(bk, func(k, v []byte) error {
		n, err := readU32(v)
		switch {
		case err != nil:
			c.add("counter", "%s of %s cannot be read: %v", name, k, err)
		case n != want[string(k)]:
			c.add("counter", "%s counts %d %s on %s but there are %d", name, n, what, k, want[string(k)])
		}
		delete(want, string(k))
		return nil
	})
	for _, d := range slices.Sorted(maps.Keys(want)) {
		c.add("counter", "%s does not count the %d %s on %s", name, want[d], what, d)
	}
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
	if !n.Date.Valid() || (n.FollowUp != "" && !n.FollowUp.Valid()) {
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

// staleEntries lists entries of b that no No owns (only run when the counts
// disagree, since it decodes a No per entry).
func staleEntries(c *checker, nos, b *bolt.Bucket, name []byte) {
	owned := map[uint64]map[string]bool{}
	_ = forEach(b, func(k, _ []byte) error {
		if len(k) < 8 {
			c.add("index", "%s has a malformed key %q", name, k)
			return nil
		}
		id := idOf(k)
		keys, ok := owned[id]
		if !ok {
			keys = map[string]bool{}
			if n, err := decodeNo(idKey(id), nos.Get(idKey(id))); err == nil {
				for _, e := range entries(&n) {
					if bytes.Equal(e.bucket, name) {
						keys[string(e.key)] = true
					}
				}
			}
			if len(owned) > 4096 {
				clear(owned)
			}
			owned[id] = keys
		}
		if !keys[string(k)] {
			c.add("index", "%s has an entry for No %d that does not match it", name, id)
		}
		return nil
	})
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
	if b := tx.Bucket(bucketSettings); b != nil {
		if v := b.Get(keySettings); v != nil {
			var st journal.Settings
			if err := decode(v, &st); err != nil {
				c.add("record", "the settings cannot be read: %v", err)
			}
		}
	}
}

// Repair rebuilds every index, tally and counter from the No's, reflections
// and wins, in one transaction. A No that cannot be read is moved to bucket "damaged"
// (kept, not deleted) so the rest of the journal is consistent again.
func (s *Store) Repair() error {
	err := s.withDB(false, func(db *bolt.DB) error {
		defer s.longOp("a repair")() // seconds under the lock: others wait (busy.go)
		return db.Update(func(tx *bolt.Tx) error {
			st := readSchema(tx)
			if err := s.schemaErr(st); err != nil {
				return err
			}
			if st.fresh {
				return initSchema(tx)
			}
			if st.version != currentSchema {
				return fmt.Errorf("%s has schema %d; open it with rebound first to upgrade it", s.path, st.version)
			}
			return rebuild(tx)
		})
	})
	return wrapOp("repair journal", err)
}

// rebuild recomputes all derived buckets and counters from nos, reflections
// and wins, writing each aggregate key once.
func rebuild(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	for _, name := range derivedBuckets {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	b, _ := bind(tx)
	// Fresh buckets filled in key order: pack them full.
	for _, bk := range []*bolt.Bucket{b.byDay, b.byFollowUp, b.waiting, b.words, b.noDays, b.tally, b.months,
		b.reframedDays, b.reflectionDays, b.winDays} {
		bk.FillPercent = 1.0
	}
	type kv struct{ k, v []byte }
	var bad, fixed []kv
	x := newIx(nil)
	var maxID uint64
	err := b.nos.ForEach(func(k, v []byte) error {
		n, err := readNo(k, v)
		if err != nil {
			bad = append(bad, kv{bytes.Clone(k), bytes.Clone(v)})
			return nil
		}
		if n.ID != idOf(k) {
			n.ID = idOf(k) // a schema 1 No stored under another id: the key wins
			val, err := encodeNo(&n)
			if err != nil {
				return err
			}
			fixed = append(fixed, kv{bytes.Clone(k), val})
		}
		for _, e := range entries(&n) {
			if err := b.bucket(e.bucket).Put(e.key, e.value); err != nil {
				return err
			}
		}
		x.add(&n, +1)
		maxID = max(maxID, n.ID)
		return nil
	})
	if err != nil {
		return err
	}
	x.b = b
	if err := x.flush(); err != nil {
		return err
	}
	for _, y := range fixed {
		if err := b.nos.Put(y.k, y.v); err != nil {
			return err
		}
	}
	if len(bad) > 0 {
		damaged, err := tx.CreateBucketIfNotExists(bucketDamaged)
		if err != nil {
			return err
		}
		for _, y := range bad {
			if err := damaged.Put(y.k, y.v); err != nil {
				return err
			}
			if err := b.nos.Delete(y.k); err != nil {
				return err
			}
		}
	}
	if err := b.nos.SetSequence(max(b.nos.Sequence(), maxID)); err != nil {
		return err
	}
	err = b.reflections.ForEach(func(k, v []byte) error {
		var r journal.Reflection
		if decode(v, &r) != nil {
			return nil // kept as is; Check reports it
		}
		return b.reflectionDays.Put(k, u32(sessions(&r)))
	})
	if err != nil {
		return err
	}
	var maxWin uint64
	wins := map[string]int{}
	err = b.wins.ForEach(func(k, v []byte) error {
		var w journal.Win
		if decode(v, &w) != nil || !w.Date.Valid() {
			return nil // kept as is; Check reports it
		}
		maxWin = max(maxWin, idOf(k))
		wins[string(w.Date)]++
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range slices.Sorted(maps.Keys(wins)) {
		if err := putInt(b.winDays, []byte(d), wins[d]); err != nil {
			return err
		}
	}
	return b.wins.SetSequence(max(b.wins.Sequence(), maxWin))
}
