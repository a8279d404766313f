package store

import (
	"bytes"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// SameWho reports whether two names are the same prospect: trimmed, inner
// spaces collapsed, case ignored ("acme  corp" is "Acme Corp").
func SameWho(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// Prospect reads one prospect's history, names matched as SameWho matches
// them: their counts (who_counts), the outcome of their newest No, their
// soonest open follow-up and the limit newest No's before the cursor (nil:
// from the newest), all from the prospect index (whoindex.go). It reads
// about limit keys and decodes at most limit+2 No's, whatever the journal
// or the prospect holds.
func (s *Store) Prospect(name string, limit int, before *Cursor) (journal.Prospect, error) {
	var p journal.Prospect
	if strings.TrimSpace(name) == "" {
		return p, journal.Invalid("the name is empty: say whose history to show")
	}
	if limit <= 0 {
		return p, journal.Invalid("the page size is %d; show at least one No", limit)
	}
	if before != nil && !before.Date.Valid() {
		return p, fmt.Errorf("read a prospect: bad cursor date %q", before.Date)
	}
	key := whoName(name)
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		if v := b.whoCounts.Get(key); v != nil {
			c, err := readCounts(v)
			if err != nil {
				return s.corrupt(fmt.Errorf("the counts of %q: %w", name, err))
			}
			p.Total, p.Yes = c.nos, c.yes
		}
		nos := whoPrefix(key, whoNos)
		c := b.byWho.Cursor()
		k, v := lastBelow(c, append(bytes.Clone(nos), 0xff)) // past every date of theirs
		if k == nil || !bytes.HasPrefix(k, nos) {
			return nil // no No from them
		}
		p.Latest = journal.Outcome(v)
		newest := idOf(k)
		if before != nil {
			k, _ = lastBelow(c, whoKey(key, whoNos, before.Date, before.ID))
		}
		for ; k != nil && bytes.HasPrefix(k, nos); k, _ = c.Prev() {
			if len(p.Nos) == limit {
				last := p.Nos[len(p.Nos)-1]
				p.Next = &Cursor{Date: last.Date, ID: last.ID}
				break
			}
			n, err := s.getNo(b, idOf(k))
			if err != nil {
				return err
			}
			p.Nos = append(p.Nos, n)
		}
		if len(p.Nos) > 0 && p.Nos[0].ID == newest {
			p.Name = p.Nos[0].Who
		} else {
			n, err := s.getNo(b, newest)
			if err != nil {
				return err
			}
			p.Name = n.Who
		}
		fu := whoPrefix(key, whoFollow)
		if k, _ := c.Seek(fu); k != nil && bytes.HasPrefix(k, fu) {
			n, err := s.getNo(b, idOf(k))
			if err != nil {
				return err
			}
			p.OpenFollowUp = &n
		}
		return nil
	})
	return p, wrapOp("read a prospect", err)
}

// lastBelow positions c on the last key below bound (exclusive).
func lastBelow(c *bolt.Cursor, bound []byte) ([]byte, []byte) {
	if k, _ := c.Seek(bound); k == nil {
		return c.Last()
	}
	return c.Prev()
}

// WinsByWho lists the wins logged for one prospect, in the order logged.
func (s *Store) WinsByWho(name string) ([]journal.Win, error) {
	wins, err := s.Wins()
	if err != nil {
		return nil, err
	}
	out := wins[:0]
	for _, w := range wins {
		if SameWho(w.Who, name) {
			out = append(out, w)
		}
	}
	return out, nil
}
