package store

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestRefListOrder: whichever way the list holds the No's (by id, packed,
// whole) and whichever way it is read, the ids come by date then id.
func TestRefListOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, c := range []struct {
		name    string
		n, days int
		seq     uint64
		big     bool // an id too large to pack
		count   int
	}{
		{"dense", 5000, 40, 5000, false, 5000},
		{"dense, a day past a window", refWindow + 300, 3, refWindow + 300, false, refWindow + 300},
		{"dense, gaps", 3000, 700, 4500, false, 3000},
		{"packed: sparse ids", 2000, 50, 1 << 30, false, 2000},
		{"packed: an id past the sequence", 2000, 50, 1000, false, 2000},
		{"wide", 2000, 50, 1 << 40, true, 2000},
	} {
		t.Run(c.name, func(t *testing.T) {
			var refs []exportRef
			ids := r.Perm(int(min(c.seq, 1<<20)))
			for i := range c.n {
				id := uint64(ids[i%len(ids)]) + 1
				if c.name == "packed: sparse ids" {
					id = uint64(i)*100000 + 1
				}
				if c.big && i == 7 {
					id = 1 << 39
				}
				d := journal.Day(t0.AddDate(0, 0, r.IntN(c.days)).Format("2006-01-02"))
				refs = append(refs, exportRef{d, id})
			}
			refs = slices.CompactFunc(slices.SortedFunc(slices.Values(refs), func(a, b exportRef) int { return cmp.Compare(a.id, b.id) }),
				func(a, b exportRef) bool { return a.id == b.id })
			want := slices.SortedFunc(slices.Values(refs), func(a, b exportRef) int {
				return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.id, b.id))
			})
			for _, newest := range []bool{false, true} {
				l := newRefList(c.seq, c.count, 1<<40)
				for _, ref := range refs {
					l.add(ref)
				}
				var got []uint64
				l.each(newest, func(id uint64) bool { got = append(got, id); return true })
				exp := make([]uint64, len(want))
				for i, w := range want {
					exp[i] = w.id
				}
				if newest {
					slices.Reverse(exp)
				}
				if !slices.Equal(got, exp) {
					t.Fatalf("newest first %v: %d ids, want %d; first %v, want %v", newest, len(got), len(exp), got[:min(5, len(got))], exp[:min(5, len(exp))])
				}
			}
		})
	}
}
