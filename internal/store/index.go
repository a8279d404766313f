package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math/bits"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Search postings. words maps word 0x00 block -> the No's of that block
// holding the word, where block = id >> blockBits: 4096 ids per key, so a
// word costs a few bytes per No that holds it instead of a key per No.
//
// A posting value is a tag byte and then either
//   - postList: sorted offsets (id & blockMask), uint16 big-endian each, or
//   - postBitmap: a bitmap of offsets, bit i of byte j = offset 8j+i,
//     cut after its last non-zero byte,
//
// whichever is shorter (a word in most No's of a block costs at most 513
// bytes; a rare word 2 bytes per No).
const (
	blockBits  = 12
	blockMask  = 1<<blockBits - 1
	postList   = 1
	postBitmap = 2
)

// bitmap is one block's postings in memory (search).
type bitmap [1 << blockBits / 64]uint64

func wordPrefix(w string) []byte {
	k := make([]byte, 0, len(w)+5)
	return append(append(k, w...), 0)
}

// wordKey is word 0x00 block (uint32 big-endian).
func wordKey(w string, block uint32) []byte {
	return binary.BigEndian.AppendUint32(wordPrefix(w), block)
}

// splitWordKey returns a words key's word and block; ok is false for a
// malformed key.
func splitWordKey(k []byte) (word []byte, block uint32, ok bool) {
	if len(k) < 6 || k[len(k)-5] != 0 {
		return nil, 0, false
	}
	return k[:len(k)-5], binary.BigEndian.Uint32(k[len(k)-4:]), true
}

func encodePosting(offs []uint16) []byte {
	last := int(offs[len(offs)-1])
	if n := last/8 + 1; n < 2*len(offs) {
		v := make([]byte, 1+n)
		v[0] = postBitmap
		for _, o := range offs {
			v[1+o/8] |= 1 << (o % 8)
		}
		return v
	}
	v := make([]byte, 1, 1+2*len(offs))
	v[0] = postList
	for _, o := range offs {
		v = binary.BigEndian.AppendUint16(v, o)
	}
	return v
}

// decodePosting appends a posting's offsets, ascending, to offs.
func decodePosting(v []byte, offs []uint16) ([]uint16, error) {
	if len(v) < 2 {
		return offs, fmt.Errorf("a posting of %d bytes", len(v))
	}
	switch v[0] {
	case postList:
		if len(v)%2 != 1 || len(v)-1 > 2<<blockBits {
			return offs, fmt.Errorf("a posting list of %d bytes", len(v)-1)
		}
		for i := 1; i < len(v); i += 2 {
			o := binary.BigEndian.Uint16(v[i:])
			if o > blockMask || (len(offs) > 0 && o <= offs[len(offs)-1]) {
				return offs, fmt.Errorf("a posting list out of order")
			}
			offs = append(offs, o)
		}
	case postBitmap:
		if len(v)-1 > 1<<blockBits/8 {
			return offs, fmt.Errorf("a posting bitmap of %d bytes", len(v)-1)
		}
		for j, x := range v[1:] {
			for ; x != 0; x &= x - 1 {
				offs = append(offs, uint16(j*8+bits.TrailingZeros8(x)))
			}
		}
	default:
		return offs, fmt.Errorf("a posting with the unknown tag %d", v[0])
	}
	return offs, nil
}

// orPosting adds a posting's offsets to m (search: no allocation).
func orPosting(v []byte, m *bitmap) bool {
	if len(v) < 2 {
		return false
	}
	switch v[0] {
	case postList:
		for i := 1; i+1 < len(v); i += 2 {
			o := binary.BigEndian.Uint16(v[i:]) & blockMask
			m[o/64] |= 1 << (o % 64)
		}
	case postBitmap:
		for j, x := range v[1:min(len(v), 1+len(m)*8)] {
			m[j/8] |= uint64(x) << (8 * (j % 8))
		}
	default:
		return false
	}
	return true
}

// no_days: id >> dayBlockBits -> the day numbers (see dayNum) of that
// block's No's, uint32 big-endian each, 0 for an id with no No, cut after
// the last No. Search reads it to order the No's it found by date without
// reading them.
const (
	dayBlockBits = 8
	dayBlockMask = 1<<dayBlockBits - 1
)

// ix keeps the aggregated indexes while No's are written: search postings,
// no_days, the day and month tallies, reframed_days and the counters. Each
// key is read at most once (when bound to buckets) and written once, by
// flush: a batch of 5,000 No's writes a posting per word and block, not one
// per No and word. Unbound (b == nil), it recomputes them from scratch for
// Check and rebuild.
type ix struct {
	b              *buckets
	post           map[string][]uint16   // words key -> sorted offsets
	fingerprinted  bool                  // check: postings and tallies are fingerprinted instead (postingPrint, tallyPrint)
	noWords        bool                  // a large import keeps the postings itself (importPostings)
	days           map[uint64][]uint32   // id >> dayBlockBits -> day numbers
	tally          map[string]*tally.Day // tallyKey -> tally
	month          map[string]*tally.Day // monthKey -> tally
	reframed       map[journal.Day]int
	count, waiting int
	yes            int   // No's whose outcome is yes
	err            error // the first value that could not be read
	counters             // prospects', modes' and follow-ups' counters (whoindex.go)
	noWho          bool  // leave who_counts out (Check compares it with by_who)
}

// newIx starts from what the buckets hold (b != nil) or from nothing.
func newIx(b *buckets) *ix {
	x := &ix{b: b, post: map[string][]uint16{}, days: map[uint64][]uint32{},
		tally: map[string]*tally.Day{}, month: map[string]*tally.Day{}, reframed: map[journal.Day]int{},
		counters: newCounters()}
	if b != nil {
		x.count, x.waiting, x.yes = getInt(b.meta, keyCount), getInt(b.meta, keyWaiting), getInt(b.meta, keyYes)
		x.followUps = getInt(b.meta, keyFollowUps)
	}
	return x
}

func (x *ix) fail(err error) {
	if x.err == nil {
		x.err = err
	}
}

func (x *ix) posting(key string) []uint16 {
	offs, ok := x.post[key]
	if !ok && x.b != nil {
		if v := x.b.words.Get([]byte(key)); v != nil {
			var err error
			if offs, err = decodePosting(v, nil); err != nil {
				x.fail(fmt.Errorf("the posting %q: %w", key, err))
			}
		}
		x.post[key] = offs
	}
	return offs
}

func (x *ix) dayBlock(blk uint64) []uint32 {
	ds, ok := x.days[blk]
	if !ok && x.b != nil {
		if v := x.b.noDays.Get(idKey(blk)); v != nil {
			ds = make([]uint32, len(v)/4, 1<<dayBlockBits)
			for i := range ds {
				ds[i] = binary.BigEndian.Uint32(v[4*i:])
			}
		}
		x.days[blk] = ds
	}
	return ds
}

func (x *ix) tallyOf(m map[string]*tally.Day, bk func() *bolt.Bucket, key string) *tally.Day {
	t, ok := m[key]
	if !ok {
		t = &tally.Day{}
		if x.b != nil {
			if v := bk().Get([]byte(key)); v != nil {
				if err := decodeTally(v, t); err != nil {
					x.fail(fmt.Errorf("the tally of %s: %w", showTallyKey(key), err))
				}
			}
		}
		m[key] = t
	}
	return t
}

func (x *ix) reframedOn(d journal.Day) int {
	n, ok := x.reframed[d]
	if !ok && x.b != nil {
		if v := x.b.reframedDays.Get([]byte(d)); v != nil {
			var err error
			if n, err = readU32(v); err != nil {
				x.fail(fmt.Errorf("reframed_days of %s: %w", d, err))
			}
		}
		x.reframed[d] = n
	}
	return n
}

// add counts n in (sign +1) or out (sign -1) of every aggregate.
func (x *ix) add(n *journal.No, sign int) {
	off := uint16(n.ID & blockMask)
	block := uint32(n.ID >> blockBits)
	for _, w := range x.words(n) {
		key := string(wordKey(w, block))
		offs := x.posting(key)
		i, found := slices.BinarySearch(offs, off)
		switch {
		case sign > 0 && !found:
			offs = slices.Insert(offs, i, off)
		case sign < 0 && found:
			offs = slices.Delete(offs, i, i+1)
		}
		x.post[key] = offs
	}
	blk, i := n.ID>>dayBlockBits, int(n.ID&dayBlockMask)
	ds := x.dayBlock(blk)
	if sign > 0 {
		if len(ds) <= i {
			ds = append(ds, make([]uint32, i+1-len(ds))...)
		}
		ds[i] = dayNum(n.Date)
	} else if i < len(ds) {
		ds[i] = 0
	}
	x.days[blk] = ds

	if !x.fingerprinted {
		// Keyed by the No's mode: an edit that changes the mode takes the
		// old version out of one mode's tallies and adds the new to another's.
		x.tallyOf(x.tally, func() *bolt.Bucket { return x.b.tally }, tallyKey(n.Mode, n.Date)).Add(n, sign)
		x.tallyOf(x.month, func() *bolt.Bucket { return x.b.months }, monthKey(n.Mode, n.Date)).Add(n, sign)
	}
	x.addCounters(n, sign)
	x.count += sign
	if n.Outcome == journal.OutcomeYes {
		x.yes += sign
	}
	if n.Reframed() {
		x.reframed[n.Date] = x.reframedOn(n.Date) + sign
	}
	if n.Waiting() {
		x.waiting += sign
	}
}

// words are the words of n that add posts (none when fingerprinted, or when
// a large import keeps the postings itself).
func (x *ix) words(n *journal.No) []string {
	if x.fingerprinted || x.noWords {
		return nil
	}
	return tokens(n.Text())
}

func monthOf(d journal.Day) string { return string(d[:min(len(d), 7)]) }

// flush writes every aggregate key touched, each once, in key order.
func (x *ix) flush() error {
	if x.err != nil {
		return x.err
	}
	b := x.b
	for _, k := range slices.Sorted(maps.Keys(x.post)) {
		var err error
		if offs := x.post[k]; len(offs) == 0 {
			err = b.words.Delete([]byte(k))
		} else {
			err = b.words.Put([]byte(k), encodePosting(offs))
		}
		if err != nil {
			return err
		}
	}
	for _, blk := range slices.Sorted(maps.Keys(x.days)) {
		if err := putDayBlock(b.noDays, blk, x.days[blk]); err != nil {
			return err
		}
	}
	for _, d := range slices.Sorted(maps.Keys(x.tally)) {
		if err := putTally(b.tally, d, x.tally[d]); err != nil {
			return err
		}
	}
	for _, m := range slices.Sorted(maps.Keys(x.month)) {
		if err := putTally(b.months, m, x.month[m]); err != nil {
			return err
		}
	}
	for _, d := range slices.Sorted(maps.Keys(x.reframed)) {
		var err error
		if n := x.reframed[d]; n == 0 {
			err = b.reframedDays.Delete([]byte(d))
		} else {
			err = b.reframedDays.Put([]byte(d), u32(n))
		}
		if err != nil {
			return err
		}
	}
	if err := putInt(b.meta, keyCount, x.count); err != nil {
		return err
	}
	if err := putInt(b.meta, keyYes, x.yes); err != nil {
		return err
	}
	if err := x.flushCounters(); err != nil {
		return err
	}
	return putInt(b.meta, keyWaiting, x.waiting)
}

// dayBlockValue is a no_days value: trailing zeros cut, nil when empty.
func dayBlockValue(ds []uint32) []byte {
	end := len(ds)
	for end > 0 && ds[end-1] == 0 {
		end--
	}
	if end == 0 {
		return nil
	}
	v := make([]byte, 0, 4*end)
	for _, d := range ds[:end] {
		v = binary.BigEndian.AppendUint32(v, d)
	}
	return v
}

func putDayBlock(bk *bolt.Bucket, blk uint64, ds []uint32) error {
	if v := dayBlockValue(ds); v != nil {
		return bk.Put(idKey(blk), v)
	}
	return bk.Delete(idKey(blk))
}

func putTally(bk *bolt.Bucket, key string, t *tally.Day) error {
	if t.Empty() {
		return bk.Delete([]byte(key))
	}
	return bk.Put([]byte(key), encodeTally(t))
}
