package store

import (
	"bytes"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// maxNameScan caps the prospects MatchProspects reads when it looks for
// a word inside names ("corp" finds "Acme Corp"): names that start with
// the words typed are found by a seek whatever the journal holds; a word
// further in is looked for among the first maxNameScan names only, so a
// journal with a million prospects still answers in milliseconds.
const maxNameScan = 100_000

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
		// Names starting with the first word typed: a seek, complete.
		for k, v := c.Seek(words[0]); k != nil && bytes.HasPrefix(k, words[0]); k, v = c.Next() {
			if wordsMatch(k, words) && !add(k, v) {
				break
			}
		}
		// A word further in: the first maxNameScan names.
		n := 0
		for k, v := c.First(); k != nil && !more && n < maxNameScan; k, v = c.Next() {
			n++
			if !bytes.HasPrefix(k, words[0]) && wordsMatch(k, words) && !add(k, v) {
				break
			}
		}
		return s.matchNames(b, keys, vals, false, &out)
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
