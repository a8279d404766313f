package store

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// bucketWhoMerges keeps what `who --unmerge` needs to undo the last
// merge: "last" -> WhoMerge (valueV1 JSON). It is created by the first
// merge, so it does not change the schema; rewrite.go copies it (it is
// not derived), and it is not exported: it is an undo, not a record.
var (
	bucketWhoMerges = []byte("who_merges")
	keyLastMerge    = []byte("last")
)

// ErrNoMerge is UnmergeWho's answer when there is no merge to undo.
var ErrNoMerge = errors.New("there is no merge to undo")

// WhoMerge is one merge of a prospect's name into another's: the names,
// when, and each record's name before it, so it can be undone.
type WhoMerge struct {
	From string    `json:"from"`
	Into string    `json:"into"`
	At   time.Time `json:"at"`
	// Nos and Wins map each name as it was written -> the ids that had it.
	Nos  map[string][]uint64 `json:"nos"`
	Wins map[string][]uint64 `json:"wins"`
}

// Counts are how many No's and wins the merge moved.
func (m WhoMerge) Counts() (nos, wins int) {
	for _, ids := range m.Nos {
		nos += len(ids)
	}
	for _, ids := range m.Wins {
		wins += len(ids)
	}
	return nos, wins
}

// MergePreview is what a merge would change: the names as they will be
// written, and the No's and wins of each side.
type MergePreview struct {
	From, Into            string
	FromNos, FromWins     int
	IntoNos, IntoWins     int
	IntoIsNew             bool // no No from Into yet: the name is written as typed
	fromKey, intoKey      []byte
	fromNoIDs, fromWinIDs []uint64
}

// PreviewMerge says what MergeWho(from, into) would change, and refuses
// what it would refuse: the same prospect twice, or a name with nothing.
func (s *Store) PreviewMerge(from, into string) (MergePreview, error) {
	var p MergePreview
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		p, err = s.planMerge(b, from, into)
		return err
	})
	return p, wrapOp("plan the merge", err)
}

func (s *Store) planMerge(b *buckets, from, into string) (MergePreview, error) {
	p := MergePreview{fromKey: whoName(from), intoKey: whoName(into)}
	if strings.TrimSpace(from) == "" || strings.TrimSpace(into) == "" {
		return p, journal.Invalid("say both names: rebound who --merge FROM INTO")
	}
	if bytes.Equal(p.fromKey, p.intoKey) {
		return p, journal.Invalid("%q and %q are the same name already (case and spaces aside)", from, into)
	}
	name := func(key []byte, typed string) (string, []uint64, error) {
		nos := whoPrefix(key, whoNos)
		var ids []uint64
		c := b.byWho.Cursor()
		for k, _ := c.Seek(nos); k != nil && bytes.HasPrefix(k, nos); k, _ = c.Next() {
			ids = append(ids, idOf(k))
		}
		if len(ids) == 0 {
			return strings.Join(strings.Fields(typed), " "), nil, nil
		}
		k, _ := lastBelow(c, append(bytes.Clone(nos), 0xff))
		n, err := s.getNo(b, idOf(k))
		return n.Who, ids, err
	}
	var err error
	if p.From, p.fromNoIDs, err = name(p.fromKey, from); err != nil {
		return p, err
	}
	var intoIDs []uint64
	if p.Into, intoIDs, err = name(p.intoKey, into); err != nil {
		return p, err
	}
	p.FromNos, p.IntoNos, p.IntoIsNew = len(p.fromNoIDs), len(intoIDs), len(intoIDs) == 0
	wins, err := allWins(b)
	if err != nil {
		return p, s.corrupt(err)
	}
	for _, w := range wins {
		switch {
		case SameWho(w.Who, from):
			p.FromWins++
			p.fromWinIDs = append(p.fromWinIDs, w.ID)
		case SameWho(w.Who, into):
			p.IntoWins++
		}
	}
	if p.FromNos == 0 && p.FromWins == 0 {
		return p, journal.Invalid("there are no No's or wins from %q to merge (names match whole here, case and spaces aside)", from)
	}
	return p, nil
}

// MergeWho writes into's name on every No and win of from, in one
// transaction with their index keys and counters, and keeps what it
// changed so that UnmergeWho can undo it (the last merge only). It
// reads the No's of from through the prospect index: its cost grows with
// their No's, not with the journal.
func (s *Store) MergeWho(from, into string, now time.Time) (WhoMerge, error) {
	var m WhoMerge
	err := s.update(func(tx *bolt.Tx, b *buckets) error {
		p, err := s.planMerge(b, from, into)
		if err != nil {
			return err
		}
		m = WhoMerge{From: p.From, Into: p.Into, At: now.UTC(), Nos: map[string][]uint64{}, Wins: map[string][]uint64{}}
		x := newIx(b)
		for _, id := range p.fromNoIDs {
			prev, err := s.getNo(b, id)
			if err != nil {
				return err
			}
			m.Nos[prev.Who] = append(m.Nos[prev.Who], id)
			c := prev
			c.Who = p.Into
			if err := finishUpdate(&prev, &c, now); err != nil {
				return err
			}
			if err := writeNo(b, x, &prev, &c); err != nil {
				return err
			}
		}
		if err := x.flush(); err != nil {
			return err
		}
		if err := renameWins(b, p.fromWinIDs, func(string) string { return p.Into }, m.Wins); err != nil {
			return err
		}
		bk, err := tx.CreateBucketIfNotExists(bucketWhoMerges)
		if err != nil {
			return err
		}
		return putValue(bk, keyLastMerge, &m)
	})
	if err != nil {
		return WhoMerge{}, wrapOp("merge the names", err)
	}
	return m, nil
}

// renameWins gives each win of ids the name to(its name), noting the old
// names in was.
func renameWins(b *buckets, ids []uint64, to func(old string) string, was map[string][]uint64) error {
	for _, id := range ids {
		v := b.wins.Get(idKey(id))
		if v == nil {
			continue // removed since
		}
		var w journal.Win
		if err := decode(v, &w); err != nil {
			return fmt.Errorf("win %d: %w", id, err)
		}
		if was != nil {
			was[w.Who] = append(was[w.Who], id)
		}
		w.Who = to(w.Who)
		if err := putValue(b.wins, idKey(id), &w); err != nil {
			return err
		}
	}
	return nil
}

// LastMerge is the merge UnmergeWho would undo; ok is false when none.
func (s *Store) LastMerge() (m WhoMerge, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx, _ *buckets) error {
		m, ok, err = readLastMerge(tx)
		return err
	})
	return m, ok, wrapOp("read the last merge", err)
}

func readLastMerge(tx *bolt.Tx) (m WhoMerge, ok bool, err error) {
	bk := tx.Bucket(bucketWhoMerges)
	if bk == nil {
		return m, false, nil
	}
	v := bk.Get(keyLastMerge)
	if v == nil {
		return m, false, nil
	}
	if err := decode(v, &m); err != nil {
		return m, false, fmt.Errorf("the last merge cannot be read: %w", err)
	}
	return m, true, nil
}

// UnmergeWho undoes the last merge: each No and win it renamed that still
// carries the merged name gets its own name back, in one transaction;
// those deleted or renamed since are left as they are (skipped counts
// them). The merge is then forgotten: a second unmerge finds none.
func (s *Store) UnmergeWho(now time.Time) (m WhoMerge, restored, skipped int, err error) {
	err = s.update(func(tx *bolt.Tx, b *buckets) error {
		var ok bool
		if m, ok, err = readLastMerge(tx); err != nil {
			return s.corrupt(err)
		} else if !ok {
			return wrap(ErrNoMerge, nil, "there is no merge to undo")
		}
		x := newIx(b)
		for _, was := range slices.Sorted(maps.Keys(m.Nos)) {
			for _, id := range m.Nos[was] {
				prev, err := s.getNo(b, id)
				if errors.Is(err, ErrNotFound) || (err == nil && !SameWho(prev.Who, m.Into)) {
					skipped++
					continue
				} else if err != nil {
					return err
				}
				c := prev
				c.Who = was
				if err := finishUpdate(&prev, &c, now); err != nil {
					return err
				}
				if err := writeNo(b, x, &prev, &c); err != nil {
					return err
				}
				restored++
			}
		}
		if err := x.flush(); err != nil {
			return err
		}
		for was, ids := range m.Wins {
			var keep []uint64
			for _, id := range ids {
				var w journal.Win
				if v := b.wins.Get(idKey(id)); v != nil && decode(v, &w) == nil && SameWho(w.Who, m.Into) {
					keep = append(keep, id)
				} else {
					skipped++
				}
			}
			if err := renameWins(b, keep, func(string) string { return was }, nil); err != nil {
				return err
			}
			restored += len(keep)
		}
		return tx.Bucket(bucketWhoMerges).Delete(keyLastMerge)
	})
	if err != nil {
		return WhoMerge{}, 0, 0, wrapOp("undo the merge", err)
	}
	return m, restored, skipped, nil
}

// checkWhoMerges adds a problem when the last merge cannot be read (who
// --unmerge would refuse it; merging again replaces it).
func checkWhoMerges(tx *bolt.Tx, c *checker) {
	if _, _, err := readLastMerge(tx); err != nil {
		c.add("record", "%v; rebound who --merge replaces it", err)
	}
}
