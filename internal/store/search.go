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
	if asciiText(s) {
		return strings.ToLower(s) // NFD leaves ASCII as it is, and it has no marks
	}
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

func asciiText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
// is read that is not shown. A page first walks by_day from its end,
// reading a block's postings only when an id of it comes up, and stops at
// the page: a word in many No's costs the page, whatever the journal
// holds. When the walk meets too few matches within its budget (a rare
// word), every match is collected from the postings, dated and sorted:
// few, for such a word.
func search(b *buckets, exact []string, prefix string, q Query, f filters, want int) []cand {
	up := q.After != nil || q.Oldest
	if q.Limit > 0 {
		if has, ok := lazyMatches(b, exact, prefix); ok {
			if cands, done := walkMatches(b, has, q, f, want, up, walkBudget(want)); done {
				return cands
			}
		}
	}
	set := matchSet(b, exact, prefix)
	if len(set) == 0 {
		return nil
	}
	keys := setKeys(b, set, q)
	var cands []cand
	for i := range keys {
		if !up {
			i = len(keys) - 1 - i
		}
		dn, id := unpack(keys[i])
		d := dayOfNum(dn)
		if !f.none() && !f.pass(id, b.byDay.Get(dayIDKey(d, id))) {
			continue
		}
		cands = append(cands, cand{d, id})
		if q.Limit > 0 && len(cands) >= want {
			break
		}
	}
	return cands
}

// walkBudget is how many by_day keys a page's walk reads before it gives
// up on a word too rare to meet want times: a fraction of a millisecond.
func walkBudget(want int) int { return 32*want + 1024 }

// maxPrefixWords caps the words a lazy walk ORs per block; a prefix of
// more (a letter or two) is searched through the full postings.
const maxPrefixWords = 64

// lazyMatches is a test of whether an id holds every exact word and a word
// starting with prefix that reads the postings of a block of ids the
// first time one of its ids is asked about. ok is false when the prefix
// starts too many words.
func lazyMatches(b *buckets, exact []string, prefix string) (has func(id uint64) bool, ok bool) {
	var words [][]byte
	c := b.words.Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil; k, _ = c.Seek(append(words[len(words)-1], 1)) {
		w, _, ok := splitWordKey(k)
		if !ok || !bytes.HasPrefix(w, []byte(prefix)) {
			break
		}
		if len(words) == maxPrefixWords {
			return nil, false
		}
		words = append(words, bytes.Clone(w))
	}
	blocks := map[uint32]*bitmap{}
	load := func(block uint32) *bitmap {
		var acc *bitmap
		for _, w := range exact {
			v := b.words.Get(wordKey(w, block))
			if v == nil {
				return nil
			}
			var m bitmap
			orPosting(v, &m)
			if acc != nil {
				for i := range m {
					m[i] &= acc[i]
				}
			}
			acc = &m
		}
		var m bitmap
		found := false
		for _, w := range words {
			if v := b.words.Get(wordKey(string(w), block)); v != nil {
				found = orPosting(v, &m) || found
			}
		}
		if !found {
			return nil
		}
		if acc != nil {
			for i := range m {
				m[i] &= acc[i]
			}
		}
		return &m
	}
	return func(id uint64) bool {
		block := uint32(id >> blockBits)
		bm, seen := blocks[block]
		if !seen {
			bm = load(block)
			blocks[block] = bm
		}
		o := id & blockMask
		return bm != nil && bm[o/64]&(1<<(o%64)) != 0
	}, true
}

// walkMatches walks by_day from the query's end (newest first; oldest
// first when up) and keeps the No's that has that pass the filters, until
// want are kept or budget keys are read. done is false when the budget
// ran out first.
func walkMatches(b *buckets, has func(uint64) bool, q Query, f filters, want int, up bool, budget int) (cands []cand, done bool) {
	steps := 0
	fn := func(d journal.Day, id uint64, v []byte) bool {
		if steps++; steps > budget {
			return false
		}
		if has(id) && f.pass(id, v) {
			cands = append(cands, cand{d, id})
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
