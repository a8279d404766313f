package store

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The sort hands back every item by key, then in the order added, through
// several merge passes and with long values kept out of the runs.
func TestExtSorterOrdersAcrossRuns(t *testing.T) {
	runBytes, fanIn := sortRunBytes, sortFanIn
	sortRunBytes, sortFanIn = 4<<10, 3 // many runs, merged in passes
	defer func() { sortRunBytes, sortFanIn = runBytes, fanIn }()
	s, err := newExtSorter(filepath.Join(t.TempDir(), "j.db"), "test")
	must(t, err)
	defer s.close()
	r := rand.New(rand.NewSource(1))
	type kv struct{ key, val string }
	var want []kv
	for i := range 3000 {
		k := fmt.Sprintf("k%03d", r.Intn(200))
		v := fmt.Sprint(i)
		if i%50 == 0 {
			v += strings.Repeat("x", inlineMax+1) // out of the run
		}
		want = append(want, kv{k, v})
		must(t, s.add([]byte(k), []byte(v)))
	}
	if len(s.runs) <= sortFanIn {
		t.Fatalf("%d runs: the test needs more than one merge pass", len(s.runs))
	}
	slices.SortStableFunc(want, func(a, b kv) int { return strings.Compare(a.key, b.key) })
	var got []kv
	must(t, s.each(func(k, v []byte) error {
		got = append(got, kv{string(k), string(v)})
		return nil
	}))
	if len(got) != len(want) {
		t.Fatalf("%d items back, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("item %d: %.20q=%.20q, want %.20q=%.20q", i, got[i].key, got[i].val, want[i].key, want[i].val)
		}
	}
}

// An import whose No's hold more distinct words than a batch writes at
// once sorts its postings; search and doctor find them as for a No
// logged by hand.
func TestImportOfManyDistinctWords(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	word := func() string {
		b := make([]byte, 6)
		for i := range b {
			b[i] = byte('a' + r.Intn(26))
		}
		return string(b)
	}
	var e journal.Export
	e.Format = journal.ExportFormat
	var rare string
	for i := range 40 {
		var said []string
		for range 600 {
			said = append(said, word())
		}
		if i == 17 {
			rare = said[300]
		}
		e.Nos = append(e.Nos, journal.No{Who: fmt.Sprint("Who ", i), Date: journal.Day(fmt.Sprintf("2026-10-%02d", 1+i%28)), Mode: "sales", Said: strings.Join(said, " ")})
	}
	// 24,000 distinct words: more than one transaction takes (so the import
	// goes through a copy) and than a batch gathers (so they are sorted).
	dst := newStore(t)
	res, err := dst.importStreamAt(streamOf(e, 0))
	must(t, err)
	if res.Nos != 40 {
		t.Fatalf("imported %d No's", res.Nos)
	}
	got, _, err := dst.ListNos(Query{Text: rare})
	must(t, err)
	if len(got) != 1 || got[0].Who != "Who 17" {
		t.Errorf("searching %q found %d No's", rare, len(got))
	}
	problems, err := dst.Check()
	must(t, err)
	if len(problems) > 0 {
		t.Errorf("doctor: %v", problems)
	}
}
