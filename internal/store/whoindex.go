package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The counters and the prospect index of schema 6, which let a screen read
// what it shows and no more: a prospect's newest No's and counts (who, the
// prospect screen, the prep card), home's follow-up counts and the
// closer-to-yes meter, whatever the journal holds.
//
//	by_who:         name 0x00 'd' date id -> outcome   (every No)
//	                name 0x00 'f' date id -> ""        (follow-up open and not settled; date is the follow-up's)
//	who_counts:     name -> uvarint No's, uvarint yes
//	mode_counts:    mode 0x00 -> uvarint No's, uvarint yes
//	follow_up_days: follow-up date -> uint32 open follow-ups due that day
//	meta follow_ups: open follow-ups
//
// An open follow-up is one the follow-ups list shows: set, not done, its
// No not settled (followsUp).
//
// name is whoName: SameWho's equality as bytes.

const (
	whoNos    = 'd'
	whoFollow = 'f'
	// maxWhoName caps the name part of a key (bbolt keys stop at 32 KiB,
	// and a name may be 64 KiB): a longer name keeps its start and a hash
	// of the whole.
	maxWhoName = 256
)

// whoName is the key form of a prospect's name: trimmed, inner spaces one
// space, every rune folded to the smallest rune of its case-folding orbit
// (so two names are equal exactly when SameWho says so), 0x00 escaped as
// 0x00 0xff so that 0x00 followed by a tag always ends the name.
func whoName(name string) []byte {
	name = strings.ToValidUTF8(name, "\uFFFD")
	b := make([]byte, 0, len(name)+2)
	for i, f := range strings.Fields(name) {
		if i > 0 {
			b = append(b, ' ')
		}
		for _, r := range f {
			b = utf8.AppendRune(b, foldRune(r))
		}
	}
	if len(b) > maxWhoName {
		h := fnv.New64a()
		h.Write(b)
		cut := maxWhoName - 17
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		b = hex.AppendEncode(append(b[:cut:cut], 0xff), h.Sum(nil)) // 0xff is never in UTF-8: no short name looks like it
	}
	if len(b) == 0 {
		b = append(b, 0xff) // a blank name (only an old or damaged journal has one): a key still
	}
	if bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, []byte{0, 0xff})
	}
	return b
}

// foldRune is the smallest rune that folds to the same as r.
func foldRune(r rune) rune {
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// whoPrefix is the start of every key of name with tag.
func whoPrefix(name []byte, tag byte) []byte {
	k := make([]byte, 0, len(name)+2+10+8)
	return append(append(k, name...), 0, tag)
}

// whoKey is name 0x00 tag date id.
func whoKey(name []byte, tag byte, d journal.Day, id uint64) []byte {
	return binary.BigEndian.AppendUint64(append(whoPrefix(name, tag), d...), id)
}

// followsUp reports whether n's follow-up is one the prospect still has
// open (followup.Earliest's rule: set, not done, not settled).
func followsUp(n *journal.No) bool {
	return n.FollowUp != "" && !n.FollowUpDone && n.Outcome != journal.OutcomeYes && n.Outcome != journal.OutcomeClosed
}

// whoEntries are n's by_who keys (see entries).
func whoEntries(n *journal.No) []entry {
	name := whoName(n.Who)
	es := []entry{{bucketByWho, whoKey(name, whoNos, n.Date, n.ID), []byte(n.Outcome)}}
	if followsUp(n) {
		es = append(es, entry{bucketByWho, whoKey(name, whoFollow, n.FollowUp, n.ID), empty})
	}
	return es
}

// counts are a prospect's or a mode's No's and those whose outcome is yes.
type counts struct{ nos, yes int }

func (c counts) value() []byte {
	return binary.AppendUvarint(binary.AppendUvarint(nil, uint64(c.nos)), uint64(c.yes))
}

func readCounts(v []byte) (counts, error) {
	nos, i := binary.Uvarint(v)
	if i <= 0 {
		return counts{}, fmt.Errorf("counts of %d bytes cannot be read", len(v))
	}
	yes, j := binary.Uvarint(v[i:])
	if j <= 0 || i+j != len(v) {
		return counts{}, fmt.Errorf("counts of %d bytes cannot be read", len(v))
	}
	return counts{int(nos), int(yes)}, nil
}

// modeKey is a mode_counts key: never empty, as bbolt needs.
func modeKey(mode string) string { return mode + "\x00" }

// counters are the aggregates of this file that ix keeps: each key read
// once when first touched and written once by flush.
type counters struct {
	who       map[string]*counts // whoName -> counts
	modes     map[string]*counts // modeKey -> counts
	fuDays    map[journal.Day]int
	followUps int
}

func newCounters() counters {
	return counters{who: map[string]*counts{}, modes: map[string]*counts{}, fuDays: map[journal.Day]int{}}
}

func (x *ix) countsOf(m map[string]*counts, bk func() *bolt.Bucket, key string) *counts {
	c, ok := m[key]
	if !ok {
		c = &counts{}
		if x.b != nil {
			if v := bk().Get([]byte(key)); v != nil {
				var err error
				if *c, err = readCounts(v); err != nil {
					x.fail(fmt.Errorf("the counts of %q: %w", key, err))
				}
			}
		}
		m[key] = c
	}
	return c
}

func (x *ix) fuDay(d journal.Day) int {
	n, ok := x.fuDays[d]
	if !ok && x.b != nil {
		if v := x.b.fuDays.Get([]byte(d)); v != nil {
			var err error
			if n, err = readU32(v); err != nil {
				x.fail(fmt.Errorf("follow_up_days of %s: %w", d, err))
			}
		}
		x.fuDays[d] = n
	}
	return n
}

// addCounters counts n in (sign +1) or out (-1) of the counters of this file.
func (x *ix) addCounters(n *journal.No, sign int) {
	yes := 0
	if n.Outcome == journal.OutcomeYes {
		yes = sign
	}
	if !x.noWho { // Check compares who_counts with by_who instead (checkWhoCounts)
		c := x.countsOf(x.who, func() *bolt.Bucket { return x.b.whoCounts }, string(whoName(n.Who)))
		c.nos, c.yes = c.nos+sign, c.yes+yes
	}
	c := x.countsOf(x.modes, func() *bolt.Bucket { return x.b.modeCounts }, modeKey(n.Mode))
	c.nos, c.yes = c.nos+sign, c.yes+yes
	if followsUp(n) {
		x.fuDays[n.FollowUp] = x.fuDay(n.FollowUp) + sign
		x.followUps += sign
	}
}

// flushCounters writes every counter touched, in key order.
func (x *ix) flushCounters() error {
	b := x.b
	for _, set := range []struct {
		bk *bolt.Bucket
		m  map[string]*counts
	}{{b.whoCounts, x.who}, {b.modeCounts, x.modes}} {
		for _, k := range slices.Sorted(maps.Keys(set.m)) {
			var err error
			if c := set.m[k]; c.nos == 0 && c.yes == 0 {
				err = set.bk.Delete([]byte(k))
			} else {
				err = set.bk.Put([]byte(k), c.value())
			}
			if err != nil {
				return err
			}
		}
	}
	for _, d := range slices.Sorted(maps.Keys(x.fuDays)) {
		var err error
		if n := x.fuDays[d]; n == 0 {
			err = b.fuDays.Delete([]byte(d))
		} else {
			err = b.fuDays.Put([]byte(d), u32(n))
		}
		if err != nil {
			return err
		}
	}
	return putInt(b.meta, keyFollowUps, x.followUps)
}

// splitWhoKey returns a by_who key's name and tag; ok is false for a
// malformed key.
func splitWhoKey(k []byte) (name []byte, tag byte, ok bool) {
	for i := 0; i+1 < len(k); i++ {
		if k[i] == 0 && k[i+1] != 0xff {
			return k[:i], k[i+1], len(k) == i+2+10+8
		}
		if k[i] == 0 {
			i++ // an escaped 0x00 of the name
		}
	}
	return nil, 0, false
}

// checkCounters compares the counters of this file with the No's: the
// mode counts, the follow-up days and the follow-up counter with want
// (recomputed from the No's), and who_counts with by_who (whose keys the
// check of each No has already compared with it), walked side by side so
// that no map of every prospect is held.
func checkCounters(c *checker, b *buckets, want *ix) {
	if b.modeCounts != nil {
		seen := map[string]bool{}
		_ = forEach(b.modeCounts, func(k, v []byte) error {
			seen[string(k)] = true
			got, err := readCounts(v)
			w := want.modes[string(k)]
			if w == nil {
				w = &counts{}
			}
			switch {
			case err != nil:
				c.add("counter", "mode_counts of %q cannot be read: %v", bytes.TrimSuffix(k, []byte{0}), err)
			case got != *w:
				c.add("counter", "mode_counts says mode %q has %d No's (%d yes) but it has %d (%d yes)", bytes.TrimSuffix(k, []byte{0}), got.nos, got.yes, w.nos, w.yes)
			}
			return nil
		})
		for _, k := range slices.Sorted(maps.Keys(want.modes)) {
			if w := want.modes[k]; !seen[k] && *w != (counts{}) {
				c.add("counter", "mode_counts does not count the %d No's of mode %q", w.nos, strings.TrimSuffix(k, "\x00"))
			}
		}
	}
	if b.fuDays != nil {
		wantF := map[string]int{}
		for d, n := range want.fuDays {
			if n != 0 {
				wantF[string(d)] = n
			}
		}
		checkCounts(c, b.fuDays, bucketFollowUpDays, "open follow-ups", wantF)
	}
	if got, ok := getIntOK(b.meta, keyFollowUps); !ok || got != want.followUps {
		c.add("counter", "the follow-up counter says %q but %d follow-ups are open", b.meta.Get(keyFollowUps), want.followUps)
	}
	if b.byWho != nil && b.whoCounts != nil {
		checkWhoCounts(c, b.byWho, b.whoCounts)
	}
}

// checkWhoCounts counts each prospect's No's and yeses in by_who (keys in
// name order, the order of who_counts' keys too) and compares them with
// who_counts, one prospect at a time.
func checkWhoCounts(c *checker, byWho, whoCounts *bolt.Bucket) {
	wc := whoCounts.Cursor()
	ck, cv := wc.First()
	var name []byte
	var n counts
	done := func() {
		if name == nil {
			return
		}
		for ; ck != nil && bytes.Compare(ck, name) < 0; ck, cv = wc.Next() {
			c.add("counter", "who_counts counts No's from %q, who has none", ck)
		}
		if ck != nil && bytes.Equal(ck, name) {
			if got, err := readCounts(cv); err != nil {
				c.add("counter", "who_counts of %q cannot be read: %v", name, err)
			} else if got != n {
				c.add("counter", "who_counts says %q has %d No's (%d yes) but there are %d (%d yes)", name, got.nos, got.yes, n.nos, n.yes)
			}
			ck, cv = wc.Next()
		} else {
			c.add("counter", "who_counts does not count the %d No's from %q", n.nos, name)
		}
	}
	_ = forEach(byWho, func(k, v []byte) error {
		nm, tag, ok := splitWhoKey(k)
		switch {
		case !ok:
			c.add("index", "by_who has a malformed key %q", k)
			return nil
		case tag != whoNos:
			return nil
		}
		if !bytes.Equal(nm, name) {
			done()
			name, n = bytes.Clone(nm), counts{}
		}
		n.nos++
		if string(v) == string(journal.OutcomeYes) {
			n.yes++
		}
		return nil
	})
	done()
	for ; ck != nil; ck, _ = wc.Next() {
		c.add("counter", "who_counts counts No's from %q, who has none", ck)
	}
}
