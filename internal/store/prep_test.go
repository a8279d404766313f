package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// condition_met survives a write and a read of a real file, through the
// stored value's fast decoder and the export's fast path; a patch unsets it.
func TestConditionMetRoundTripsTheFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	n := journal.No{Who: "Acme Corp", Date: "2026-11-18", Mode: "sales", Reason: "price", Change: "A lower entry price", ConditionMet: true}
	must(t, s.AddNo(&n, t0))
	s, err = Open(path)
	must(t, err)
	t.Cleanup(func() { mustCheck(t, s) })
	got, err := s.GetNo(n.ID)
	must(t, err)
	if !got.ConditionMet {
		t.Fatal("condition_met was lost on the way to the file")
	}
	var js strings.Builder
	_, err = s.ExportNosJSON("  ", func(b []byte) error { js.Write(b); return nil })
	must(t, err)
	if !strings.Contains(js.String(), `"condition_met": true`) {
		t.Errorf("the export lacks condition_met:\n%s", js.String())
	}
	got, err = s.PatchNo(n.ID, t0, func(p *journal.No) error { p.ConditionMet = false; return nil })
	must(t, err)
	if again, _ := s.GetNo(n.ID); got.ConditionMet || again.ConditionMet {
		t.Error("a patch did not unset condition_met")
	}
}

func names(ms []journal.ProspectMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// A typed name finds prospects by word prefix, case aside; a whole name
// finds its prospect alone.
func TestMatchProspects(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for _, who := range []string{"acme corp", "Acme Corp", "Acme Inc", "Globex Corporation", "Initech", "Zeta Acmeworks"} {
		addNo(t, s, journal.No{Who: who, Date: "2026-11-10", Mode: "sales"})
	}
	for _, c := range []struct {
		q     string
		want  []string
		exact bool
	}{
		{"acme", []string{"Acme Corp", "Acme Inc", "Zeta Acmeworks"}, false},
		{"ACME   corp", []string{"Acme Corp"}, true},
		{"ac co", []string{"Acme Corp"}, false},
		{"corp", []string{"Acme Corp", "Globex Corporation"}, false},
		{"init", []string{"Initech"}, false},
		{"tech", nil, false},
		{"xyz", nil, false},
	} {
		got, more, err := s.MatchProspects(c.q, 10)
		must(t, err)
		if !slices.Equal(names(got), c.want) || more {
			t.Errorf("%q found %q (more %v), want %q", c.q, names(got), more, c.want)
		}
		if len(got) > 0 && got[0].Exact != c.exact {
			t.Errorf("%q: exact %v, want %v", c.q, got[0].Exact, c.exact)
		}
	}
	if got, _, _ := s.MatchProspects("acme corp", 10); len(got) != 1 || got[0].Nos != 2 {
		t.Errorf("Acme Corp's counts: %+v", got)
	}
	got, more, err := s.MatchProspects("a", 2)
	must(t, err)
	if len(got) != 2 || !more {
		t.Errorf("a limit of 2 returned %q, more %v", names(got), more)
	}
}

// A merge rewrites every No and win of one name into another in one
// transaction, with the prospect index and counters (the cleanup's check
// compares them with the No's); the unmerge gives each its own spelling
// back, leaves what changed since, and is forgotten after.
func TestMergeWhoAndUnmerge(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	t.Cleanup(func() { mustCheck(t, s) })
	a1 := addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Outcome: journal.OutcomeYes})
	a2 := addNo(t, s, journal.No{Who: "ACME", Date: "2026-11-05", Mode: "sales", FollowUp: "2026-12-01"})
	a3 := addNo(t, s, journal.No{Who: "acme", Date: "2026-11-06", Mode: "sales"})
	addNo(t, s, journal.No{Who: "Acme Corp", Date: "2026-11-03", Mode: "sales"})
	w := journal.Win{Who: "acme", Date: "2026-11-07"}
	must(t, s.AddWin(&w, t0))

	p, err := s.PreviewMerge("acme", "acme corp")
	must(t, err)
	if p.From != "acme" || p.Into != "Acme Corp" || p.FromNos != 3 || p.FromWins != 1 || p.IntoNos != 1 {
		t.Errorf("preview %+v", p)
	}
	m, err := s.MergeWho("acme", "acme corp", t0)
	must(t, err)
	if n, wins := m.Counts(); n != 3 || wins != 1 {
		t.Errorf("merge moved %d No's and %d wins", n, wins)
	}
	// Another Store on the file, as the next command.
	s, err = Open(path)
	must(t, err)
	pr, err := s.Prospect("Acme Corp", 10, nil)
	must(t, err)
	if pr.Total != 4 || pr.Yes != 1 || pr.OpenFollowUp == nil || pr.OpenFollowUp.ID != a2.ID {
		t.Errorf("after the merge Acme Corp has %d No's, %d yes, follow-up %v", pr.Total, pr.Yes, pr.OpenFollowUp)
	}
	if old, _ := s.Prospect("acme", 10, nil); old.Total != 0 || len(old.Nos) != 0 {
		t.Errorf("acme still has %d No's", old.Total)
	}
	if wins, _ := s.WinsByWho("Acme Corp"); len(wins) != 1 {
		t.Errorf("the win was not merged: %+v", wins)
	}
	mustCheck(t, s)

	// Renamed since: the unmerge leaves it.
	_, err = s.PatchNo(a3.ID, t0, func(n *journal.No) error { n.Who = "Acme Labs"; return nil })
	must(t, err)
	_, restored, skipped, err := s.UnmergeWho(t0)
	must(t, err)
	if restored != 3 || skipped != 1 {
		t.Errorf("unmerge restored %d, skipped %d", restored, skipped)
	}
	for id, want := range map[uint64]string{a1.ID: "Acme", a2.ID: "ACME", a3.ID: "Acme Labs"} {
		if n, _ := s.GetNo(id); n.Who != want {
			t.Errorf("No #%d is %q after the unmerge, want %q", id, n.Who, want)
		}
	}
	if wins, _ := s.WinsByWho("acme"); len(wins) != 1 || wins[0].Who != "acme" {
		t.Errorf("the win did not get its name back: %+v", wins)
	}
	if pr, _ := s.Prospect("Acme Corp", 10, nil); pr.Total != 1 {
		t.Errorf("Acme Corp has %d No's after the unmerge", pr.Total)
	}
	if _, _, _, err := s.UnmergeWho(t0); !errors.Is(err, ErrNoMerge) {
		t.Errorf("a second unmerge: %v", err)
	}
	if _, err := s.MergeWho("Acme Corp", "acme corp", t0); !journal.IsValidation(err) {
		t.Errorf("merging a name into itself: %v", err)
	}
	if _, err := s.MergeWho("Nobody", "Acme Corp", t0); !journal.IsValidation(err) {
		t.Errorf("merging a name with nothing: %v", err)
	}
}

// Lessons of similar No's: the same reason or kind, the mode's only,
// newest first, each text once, never the prospect's own; and bounded:
// thousands of No's without a lesson decode at most lessonDecodes.
func TestSimilarLessons(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	add := func(who, date, reason string, kind journal.Kind, lesson, mode string) {
		addNo(t, s, journal.No{Who: who, Date: journal.Day(date), Mode: mode, Reason: reason, Kind: kind, Lesson: lesson})
	}
	add("Globex", "2026-10-01", "price", "", "Show the ROI first", "sales")
	add("Initech", "2026-10-02", "timing", journal.KindNotNow, "Qualify the timing", "sales")
	add("Umbrella", "2026-10-03", "price", "", "show the  ROI first", "sales") // the same lesson again
	add("Acme Corp", "2026-10-04", "price", "", "Their own lesson", "sales")
	add("Hooli", "2026-10-05", "price", "", "A job lesson", "job")
	add("Stark", "2026-10-06", "budget", journal.KindNotThis, "Not similar", "sales")
	add("Wayne", "2026-10-07", "budget", journal.KindNotNow, "Ask who signs", "sales")
	got, err := s.SimilarLessons("sales", "price", journal.KindNotNow, "acme corp", 3)
	must(t, err)
	var texts, same []string
	for _, l := range got {
		texts, same = append(texts, l.Lesson), append(same, l.Same)
	}
	if want := []string{"Ask who signs", "show the  ROI first", "Qualify the timing"}; !slices.Equal(texts, want) {
		t.Errorf("lessons %q, want %q", texts, want)
	}
	if want := []string{"kind", "reason", "kind"}; !slices.Equal(same, want) {
		t.Errorf("same %q, want %q", same, want)
	}

	nos := make([]journal.No, lessonScan+1000)
	for i := range nos {
		nos[i] = journal.No{Who: "Filler", Date: journal.Day("2026-10-08").AddDays(i / 500), Mode: "sales", Reason: "price",
			Outcome: journal.OutcomeOpen, CreatedAt: t0, UpdatedAt: t0, OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}}}
	}
	must(t, s.SeedNos(nos))
	before := s.decoded.Load()
	got, err = s.SimilarLessons("sales", "price", journal.KindNotNow, "acme corp", 3)
	must(t, err)
	if d := s.decoded.Load() - before; d > lessonDecodes {
		t.Errorf("lessons decoded %d No's", d)
	}
	if len(got) != 0 {
		t.Errorf("lessons beyond the window: %+v", got)
	}
}

// Names that start with the words typed are found by a seek whatever the
// journal holds; a word further in only among the first maxNameScan
// names, and the reads stay within that window.
func TestMatchProspectsIsBounded(t *testing.T) {
	s := newStore(t)
	nos := make([]journal.No, 3000)
	for i := range nos {
		nos[i] = journal.No{Who: fmt.Sprintf("Company %04d", i), Date: "2026-11-01", Mode: "sales", Outcome: journal.OutcomeOpen,
			CreatedAt: t0, UpdatedAt: t0, OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}}}
	}
	nos = append(nos, journal.No{Who: "Zeta Widgets", Date: "2026-11-01", Mode: "sales", Outcome: journal.OutcomeOpen,
		CreatedAt: t0, UpdatedAt: t0, OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}}})
	must(t, s.SeedNos(nos))
	old := maxNameScan
	maxNameScan = 1000
	t.Cleanup(func() { maxNameScan = old })
	if got, _, err := s.MatchProspects("zeta", 5); err != nil || len(got) != 1 {
		t.Errorf("a leading word past the window: %q %v", names(got), err)
	}
	if got, _, _ := s.MatchProspects("widgets", 5); len(got) != 0 {
		t.Errorf("an inner word past the window was found: %q (the window was not kept)", names(got))
	}
	before := s.decoded.Load()
	got, more, err := s.MatchProspects("0999", 5)
	must(t, err)
	if len(got) != 1 || got[0].Name != "Company 0999" || more {
		t.Errorf("an inner word in the window: %q", names(got))
	}
	if d := s.decoded.Load() - before; d > 1 {
		t.Errorf("matching decoded %d No's for one name", d)
	}
}

// REBOUND_SOAK=1: 200,000 prospects. A leading word is a seek; a word
// further in reads the first maxNameScan (100,000) names: milliseconds.
func TestMatchProspectsSoak(t *testing.T) {
	if os.Getenv("REBOUND_SOAK") == "" {
		t.Skip("set REBOUND_SOAK=1 for 200,000 prospects")
	}
	s := newStore(t)
	nos := make([]journal.No, 200_000)
	for i := range nos {
		nos[i] = journal.No{Who: fmt.Sprintf("Company %06d Widgets", i), Date: "2026-11-01", Mode: "sales", Outcome: journal.OutcomeOpen,
			CreatedAt: t0, UpdatedAt: t0, OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}}}
	}
	must(t, s.SeedNos(nos))
	for _, q := range []string{"company 199999", "widgets", "000042"} {
		start := time.Now()
		got, more, err := s.MatchProspects(q, 20)
		must(t, err)
		t.Logf("%q: %d found (more %v) in %v", q, len(got), more, time.Since(start))
	}
}

// Doctor reads the last merge back and says when it cannot.
func TestCheckReadsTheLastMerge(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales"})
	_, err = s.MergeWho("Acme", "Acme Corp", t0)
	must(t, err)
	mustCheck(t, s)
	raw(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketWhoMerges).Put(keyLastMerge, []byte{valueV1, '{'}) })
	ps, err := s.Check()
	must(t, err)
	if len(ps) != 1 || !strings.Contains(ps[0].Detail, "the last merge cannot be read") {
		t.Errorf("check found %+v", ps)
	}
	if _, _, _, err := s.UnmergeWho(t0); err == nil {
		t.Error("an unreadable merge was undone")
	}
	_, err = s.MergeWho("Acme Corp", "Acme Inc", t0)
	must(t, err)
	mustCheck(t, s)
}

// A repair rewrites the journal and keeps the last merge: it can still be
// undone after.
func TestRepairKeepsTheLastMerge(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	n := addNo(t, s, journal.No{Who: "ACME", Date: "2026-11-01", Mode: "sales"})
	_, err := s.MergeWho("acme", "Acme Corp", t0)
	must(t, err)
	must(t, s.Repair())
	if _, restored, _, err := s.UnmergeWho(t0); err != nil || restored != 1 {
		t.Fatalf("unmerge after a repair: %d restored, %v", restored, err)
	}
	if got, _ := s.GetNo(n.ID); got.Who != "ACME" {
		t.Errorf("No #%d is %q", n.ID, got.Who)
	}
}
