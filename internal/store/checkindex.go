package store

// Check compares each derived bucket (search postings, no_days, day and
// month tallies, per-day counts, index entries) with what the No's need,
// mostly as order-free fingerprints kept in constant memory.

import (
	"bytes"
	"hash/maphash"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

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
			c.add("tally", "the %s of %s cannot be read: %v", what, showTallyKey(key), err)
		} else if w := want[key]; w == nil || w.nos == 0 {
			c.add("tally", "the %s of %s counts %d No's but there are none", what, showTallyKey(key), got.Nos)
		} else if p, ok := storedTallyPrint(&got); !ok || p != *w {
			c.add("tally", "the %s of %s does not match its No's", what, showTallyKey(key))
		}
		return nil
	})
	for _, key := range slices.Sorted(maps.Keys(want)) {
		if !seen[key] && want[key].nos != 0 {
			c.add("tally", "the %s of %s is missing", what, showTallyKey(key))
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
