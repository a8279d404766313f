package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// maxNameScan caps the prospects MatchProspects reads for matches other
// than names that start with what was typed ("corp" finds "Acme Corp",
// "ac co" too): those are found by a seek whatever the journal holds; the
// others among the first maxNameScan names (in name order) only, so a
// journal with a million prospects still answers in tens of milliseconds.
// (A variable so that a test can make the window small.)
var maxNameScan = 100_000

// MatchProspects finds the prospects a typed name means: the one whose
// name it is whole (case and spaces aside, as SameWho) if any, else every
// prospect whose name has words starting with the words typed, in order
// ("acme" and "ac co" find "Acme Corp"; "corp" too). It returns at most
// limit, in name order, and more when there were others. It reads
// who_counts (a key per prospect, see maxNameScan) and decodes one No per
// prospect returned, for the name as written on their newest No.
func (s *Store) MatchProspects(query string, limit int) (out []journal.ProspectMatch, more bool, err error) {
	q := whoName(query)
	if strings.TrimSpace(query) == "" || limit <= 0 {
		return nil, false, nil
	}
	words := bytes.Split(q, []byte{' '})
	err = s.view(func(_ *bolt.Tx, b *buckets) error {
		var keys [][]byte
		var vals [][]byte
		seen := map[string]bool{}
		add := func(k, v []byte) bool {
			if seen[string(k)] {
				return true
			}
			seen[string(k)] = true
			if len(keys) == limit {
				more = true
				return false
			}
			keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
			return true
		}
		if v := b.whoCounts.Get(q); v != nil {
			add(q, v)
			return s.matchNames(b, keys, vals, true, &out)
		}
		c := b.whoCounts.Cursor()
		// Names that start with what was typed, whole: a seek, complete.
		for k, v := c.Seek(q); k != nil && bytes.HasPrefix(k, q); k, v = c.Next() {
			if !add(k, v) {
				break
			}
		}
		// Any other word-prefix match among the first maxNameScan names.
		n := 0
		for k, v := c.First(); k != nil && !more && n < maxNameScan; k, v = c.Next() {
			n++
			if !bytes.HasPrefix(k, q) && wordsMatch(k, words) && !add(k, v) {
				break
			}
		}
		// In name order, whichever read found them.
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(i, j int) int { return bytes.Compare(keys[i], keys[j]) })
		sk, sv := make([][]byte, len(keys)), make([][]byte, len(keys))
		for i, j := range idx {
			sk[i], sv[i] = keys[j], vals[j]
		}
		return s.matchNames(b, sk, sv, false, &out)
	})
	return out, more, wrapOp("find the prospect", err)
}

// matchNames fills out with each key's name (from their newest No) and counts.
func (s *Store) matchNames(b *buckets, keys, vals [][]byte, exact bool, out *[]journal.ProspectMatch) error {
	for i, k := range keys {
		cnt, err := readCounts(vals[i])
		if err != nil {
			return s.corrupt(fmt.Errorf("the counts of %q: %w", k, err))
		}
		m := journal.ProspectMatch{Nos: cnt.nos, Yes: cnt.yes, Exact: exact}
		nos := whoPrefix(k, whoNos)
		if nk, _ := lastBelow(b.byWho.Cursor(), append(bytes.Clone(nos), 0xff)); nk != nil && bytes.HasPrefix(nk, nos) {
			n, err := s.getNo(b, idOf(nk))
			if err != nil {
				return err
			}
			m.Name = n.Who
		}
		if m.Name == "" {
			continue // counts without No's: doctor reports them
		}
		*out = append(*out, m)
	}
	return nil
}

// wordsMatch reports whether the words of name (a whoName) from some word
// on start with the words typed, in order.
func wordsMatch(name []byte, typed [][]byte) bool {
	ws := bytes.Split(name, []byte{' '})
	for i := 0; i+len(typed) <= len(ws); i++ {
		ok := true
		for j, t := range typed {
			if !bytes.HasPrefix(ws[i+j], t) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
