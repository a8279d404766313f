package store

import (
	"bytes"
	"encoding/binary"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/rebound-coach/rebound/internal/journal"
)

// maxWordRunes caps an indexed word: a pasted blob without spaces must not
// make a key near bbolt's limit; queries are cut the same way, so a long
// word still matches (as a prefix).
const maxWordRunes = 32

// fold lowercases s and strips diacritics (NFD, then drop combining marks),
// so "Café" and "cafe" are the same word.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// words splits folded text into runs of letters and digits, in order.
func words(s string) []string {
	ws := strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range ws {
		if utf8.RuneCountInString(w) > maxWordRunes {
			ws[i] = string([]rune(w)[:maxWordRunes])
		}
	}
	return ws
}

// stopWords are too common to be worth a posting: most No's hold several,
// and a search for one would match nearly the whole journal. (Words are
// split at apostrophes, hence "re", "ve", "ll", "don".)
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`an and are as at be but by did didn do does doesn don for from had has
		have he her his if in into is isn it its ll me my of on or our re she so than that the their them
		then there these they this to too us ve was we were what which will with won would you your`) {
		stopWords[w] = true
	}
}

// indexed reports whether a folded word gets postings: two runes or more
// and not a stop word.
func indexed(w string) bool { return utf8.RuneCountInString(w) >= 2 && !stopWords[w] }

// tokens are the distinct indexed words of s.
func tokens(s string) []string {
	ws := slices.DeleteFunc(words(s), func(w string) bool { return !indexed(w) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// queryTerms splits a search into exact words and a last word matched as a
// prefix (so typing "acm" finds "Acme"). Words other than the last that are
// not indexed (one rune, stop words) are dropped.
func queryTerms(q string) (exact []string, prefix string) {
	ws := words(q)
	if len(ws) == 0 {
		return nil, ""
	}
	prefix = ws[len(ws)-1]
	for _, w := range ws[:len(ws)-1] {
		if indexed(w) && w != prefix {
			exact = append(exact, w)
		}
	}
	slices.Sort(exact)
	return slices.Compact(exact), prefix
}

// search finds the No's holding every exact word and a word starting with
// prefix, newest first (oldest first from the low end for After and
// Oldest), and checks the exact filters only until want have passed; no No
// is read that is not shown. A page of a search that matches many No's
// walks by_day from its end and stops at the page (walkMatches); one that
// matches few dates and sorts its matches (searchKeys): each costs what
// the other would at most.
func search(b *buckets, exact []string, prefix string, q Query, f filters, want int) []cand {
	set := matchSet(b, exact, prefix)
	if len(set) == 0 {
		return nil
	}
	up := q.After != nil || q.Oldest
	if q.Limit > 0 {
		// A walk of by_day meets a match every n/m keys, so want of them
		// take about want*n/m keys, against m matches to date and sort.
		m := 0
		for _, bm := range set {
			for _, w := range bm {
				m += bits.OnesCount64(w)
			}
		}
		n := max(getInt(b.meta, keyCount), m)
		if walk := want * n / max(m, 1); walk < m {
			if cands, ok := walkMatches(b, set, q, f, want, up, 4*walk+64); ok {
				return cands
			}
		}
	}
	keys := setKeys(b, set, q)
	var cands []cand
	for i := range keys {
		if !up {
			i = len(keys) - 1 - i
		}
		dn, id := unpack(keys[i])
		d := dayOfNum(dn)
		if !f.none() && !f.match(b.byDay.Get(dayIDKey(d, id))) {
			continue
		}
		cands = append(cands, cand{d, id})
		if q.Limit > 0 && len(cands) >= want {
			break
		}
	}
	return cands
}

// walkMatches walks by_day from the query's end (newest first; oldest
// first when up) and keeps the No's of set that pass the filters, until
// want are kept or budget keys are read. ok is false when the budget ran
// out first: the matches lie far from that end, and collecting them costs
// less.
func walkMatches(b *buckets, set map[uint32]*bitmap, q Query, f filters, want int, up bool, budget int) (cands []cand, ok bool) {
	steps := 0
	fn := func(d journal.Day, id uint64, v []byte) bool {
		if steps++; steps > budget {
			return false
		}
		if bm := set[uint32(id>>blockBits)]; bm != nil {
			if o := id & blockMask; bm[o/64]&(1<<(o%64)) != 0 && f.match(v) {
				cands = append(cands, cand{d, id})
			}
		}
		return len(cands) < want
	}
	if up {
		scanAsc(b.byDay, lowerBound(q), upperBound(q), fn)
	} else {
		scanDesc(b.byDay, upperBound(q), q.From, fn)
	}
	return cands, steps <= budget
}

// searchKeys are the No's holding every exact word and a word starting with
// prefix, within the query's bounds, as packed (date, id) keys in ascending
// order.
func searchKeys(b *buckets, exact []string, prefix string, q Query) []uint64 {
	return setKeys(b, matchSet(b, exact, prefix), q)
}

// matchSet is the ids holding every exact word and a word starting with
// prefix, per block of 4,096 ids: the postings of a term's words are ORed
// and the terms ANDed.
func matchSet(b *buckets, exact []string, prefix string) map[uint32]*bitmap {
	var set map[uint32]*bitmap
	term := func(p []byte, exactWord bool) {
		m := map[uint32]*bitmap{}
		c := b.words.Cursor()
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if exactWord && len(k) != len(p)+4 {
				continue
			}
			_, block, ok := splitWordKey(k)
			if !ok || (set != nil && set[block] == nil) {
				continue
			}
			bm := m[block]
			if bm == nil {
				bm = new(bitmap)
				m[block] = bm
			}
			orPosting(v, bm)
		}
		if set != nil {
			for block, bm := range m {
				prev, nonzero := set[block], false
				for i := range bm {
					bm[i] &= prev[i]
					nonzero = nonzero || bm[i] != 0
				}
				if !nonzero {
					delete(m, block)
				}
			}
		}
		set = m
	}
	for _, w := range exact {
		term(wordPrefix(w), true)
		if len(set) == 0 {
			return nil
		}
	}
	term([]byte(prefix), false)
	return set
}

// setKeys are the ids of set within the query's bounds, each dated from
// no_days, as packed (date, id) keys in ascending order.
func setKeys(b *buckets, set map[uint32]*bitmap, q Query) []uint64 {
	// Bounds as packed (day number, id) keys; see pack.
	lo, hi := uint64(0), uint64(math.MaxUint64)
	if q.From != "" {
		lo = pack(dayNum(q.From), 0)
	}
	if q.To != "" {
		hi = pack(dayNum(q.To.AddDays(1)), 0)
	}
	if q.Before != nil {
		hi = min(hi, pack(dayNum(q.Before.Date), q.Before.ID))
	}
	if q.After != nil {
		lo = max(lo, pack(dayNum(q.After.Date), q.After.ID)+1)
	}
	var keys []uint64
	dayBlk, days := uint64(math.MaxUint64), []byte(nil)
	for _, block := range slices.Sorted(maps.Keys(set)) {
		for i, w := range set[block] {
			for ; w != 0; w &= w - 1 {
				id := uint64(block)<<blockBits | uint64(i*64+bits.TrailingZeros64(w))
				if blk := id >> dayBlockBits; blk != dayBlk {
					dayBlk, days = blk, b.noDays.Get(idKey(blk))
				}
				j := 4 * int(id&dayBlockMask)
				if j+4 > len(days) {
					continue // not in no_days: Check reports it
				}
				dn := binary.BigEndian.Uint32(days[j:])
				if key := pack(dn, id); dn != 0 && key >= lo && key < hi {
					keys = append(keys, key)
				}
			}
		}
	}
	slices.Sort(keys)
	keysDated.Add(int64(len(keys)))
	return keys
}

// keysDated counts the matches setKeys has dated, so tests can hold a page
// of a search to the page.
var keysDated atomic.Int64

// pack orders (date, id) as one integer: day number above, id below.
func pack(day uint32, id uint64) uint64 { return uint64(day)<<40 | id&(1<<40-1) }

func unpack(k uint64) (uint32, uint64) { return uint32(k >> 40), k & (1<<40 - 1) }
