package store

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestExperimentsStartListEnd(t *testing.T) {
	s := newStore(t)
	if got, err := s.Experiments(""); err != nil || got != nil {
		t.Fatalf("a new journal's experiments = %v, %v; want none (no bucket yet)", got, err)
	}
	a := journal.Experiment{Name: "Lead with ROI", Mode: "sales", Watch: []string{"price", "budget"}, Start: "2026-11-02"}
	must(t, s.AddExperiment(&a, t0))
	b := journal.Experiment{Name: "Ask about the team", Mode: "job", Watch: []string{"fit"}, Start: "2026-11-10"}
	must(t, s.AddExperiment(&b, t0))
	if a.ID != 1 || b.ID != 2 || !a.CreatedAt.Equal(t0) {
		t.Fatalf("ids %d, %d and created_at %v; want 1, 2 and %v", a.ID, b.ID, a.CreatedAt, t0)
	}
	sales, err := s.Experiments("sales")
	must(t, err)
	equal(t, "sales experiments", sales, []journal.Experiment{a})
	all, err := s.Experiments("")
	must(t, err)
	equal(t, "every experiment", all, []journal.Experiment{a, b})

	ended, err := s.EndExperiment(1, "2026-11-20")
	must(t, err)
	if ended.End != "2026-11-20" || ended.Running() {
		t.Errorf("ended = %+v, want end 2026-11-20", ended)
	}
	if _, err := s.EndExperiment(1, "2026-11-21"); !errors.Is(err, ErrExperimentEnded) {
		t.Errorf("ending it twice: %v, want ErrExperimentEnded", err)
	}
	if _, err := s.EndExperiment(9, "2026-11-21"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ending experiment 9: %v, want ErrNotFound", err)
	}
	if _, err := s.EndExperiment(2, "2026-11-01"); !journal.IsValidation(err) {
		t.Errorf("ending before the start: %v, want a validation error", err)
	}
	bad := journal.Experiment{Name: " ", Mode: "sales", Watch: []string{"price"}, Start: "2026-11-02"}
	if err := s.AddExperiment(&bad, t0); !journal.IsValidation(err) {
		t.Errorf("an experiment without a name: %v, want a validation error", err)
	}
}

// ReasonTotals sums month tallies for whole months and day tallies for the
// rest; the sums must be what counting the No's themselves gives, for
// spans that start and end mid-month, cover whole months, or hold nothing.
func TestReasonTotalsMatchCountingTheNos(t *testing.T) {
	s := newStore(t)
	rng := rand.New(rand.NewPCG(7, 18))
	reasons := []string{"price", "budget", "timing", ""}
	start := journal.Day("2026-01-20")
	var nos []journal.No
	for i := range 300 {
		mode := "sales"
		if i%5 == 0 {
			mode = "job" // another mode's No's never count
		}
		n := addNo(t, s, journal.No{Who: "P", Date: start.AddDays(rng.IntN(300)), Mode: mode, Reason: reasons[rng.IntN(len(reasons))]})
		if mode == "job" {
			n.Reason = "" // job has no "price"; only sales is counted below
		}
		nos = append(nos, n)
	}
	spans := [][2]journal.Day{
		{"2026-02-01", "2026-04-30"}, // whole months only
		{"2026-02-13", "2026-05-09"}, // mid-month to mid-month
		{"2026-03-05", "2026-03-19"}, // inside one month
		{"2026-01-01", "2026-12-31"}, // everything
		{"2025-01-01", "2025-03-01"}, // nothing
		{"2026-06-30", "2026-07-01"}, // two days across a month end
	}
	got, err := s.ReasonTotals("sales", spans)
	must(t, err)
	for i, sp := range spans {
		wantNos, wantPrice := 0, 0
		for _, n := range nos {
			if n.Mode == "sales" && n.Date >= sp[0] && n.Date <= sp[1] {
				wantNos++
				if n.Reason == "price" {
					wantPrice++
				}
			}
		}
		if got[i].Nos != wantNos || got[i].Reasons["price"] != wantPrice {
			t.Errorf("span %v: %d No's, %d price; want %d, %d", sp, got[i].Nos, got[i].Reasons["price"], wantNos, wantPrice)
		}
	}
}

func TestRepairKeepsExperiments(t *testing.T) {
	s := newStore(t)
	addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Reason: "price"})
	e := journal.Experiment{Name: "Lead with ROI", Mode: "sales", Watch: []string{"price"}, Start: "2026-11-02", End: "2026-11-09"}
	must(t, s.AddExperiment(&e, t0))
	must(t, s.Repair())
	got, err := s.Experiments("")
	must(t, err)
	equal(t, "experiments after the rewrite", got, []journal.Experiment{e})
	next := journal.Experiment{Name: "Second", Mode: "sales", Watch: []string{"price"}, Start: "2026-11-10"}
	must(t, s.AddExperiment(&next, t0))
	if next.ID != 2 {
		t.Errorf("the next experiment after the rewrite is %d, want 2 (the sequence is copied)", next.ID)
	}
}

func TestDoctorSaysWhichExperimentIsDamaged(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir + "/rebound.db")
	must(t, err)
	e := journal.Experiment{Name: "Lead with ROI", Mode: "sales", Watch: []string{"price"}, Start: "2026-11-02"}
	must(t, s.AddExperiment(&e, t0))
	raw(t, s.Path(), func(tx *bolt.Tx) error { return tx.Bucket(bucketExperiments).Put(idKey(2), []byte("\x02{oops")) })
	ps, err := s.Check()
	must(t, err)
	found := false
	for _, p := range ps {
		found = found || p.Kind == "record" && strings.Contains(p.Detail, "experiment 0000000000000002 cannot be read")
	}
	if !found {
		t.Errorf("doctor's problems %v name no damaged experiment", ps)
	}
}

func TestExperimentsRoundTripThroughExportAndImport(t *testing.T) {
	src := newStore(t)
	addNo(t, src, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Reason: "price"})
	roi := journal.Experiment{Name: "Lead with ROI", Mode: "sales", Watch: []string{"price", "budget"}, Start: "2026-10-01", End: "2026-10-20"}
	must(t, src.AddExperiment(&roi, t0))
	team := journal.Experiment{Name: "Ask about the team", Mode: "job", Watch: []string{"fit"}, Start: "2026-11-10"}
	must(t, src.AddExperiment(&team, t0))
	e, err := src.Export(t0)
	must(t, err)
	equal(t, "exported experiments", e.Experiments, []journal.Experiment{roi, team})

	// Into an empty journal: the same experiments, ids and all.
	dst := newStore(t)
	res, err := dst.Import(viaFile(t, e), t0)
	must(t, err)
	equal(t, "first import", res.Experiments, ExperimentsImported{Added: 2})
	got, err := dst.Experiments("")
	must(t, err)
	equal(t, "imported experiments", got, []journal.Experiment{roi, team})

	// Twice adds nothing.
	res, err = dst.Import(viaFile(t, e), t0)
	must(t, err)
	equal(t, "second import", res.Experiments, ExperimentsImported{Skipped: 2})

	// Into a journal with experiments of its own: the one it runs that the
	// file has ended ends here too; a taken id is not reused.
	other := newStore(t)
	mine := journal.Experiment{Name: "Shorter demo", Mode: "sales", Watch: []string{"timing"}, Start: "2026-09-01"}
	must(t, other.AddExperiment(&mine, t0))
	running := roi
	running.End = ""
	must(t, other.AddExperiment(&running, t0)) // id 2
	res, err = other.Import(viaFile(t, e), t0)
	must(t, err)
	equal(t, "import beside its own", res.Experiments, ExperimentsImported{Added: 1, Skipped: 1, Ended: 1})
	got, err = other.Experiments("")
	must(t, err)
	if len(got) != 3 || got[0].Name != "Shorter demo" || got[1].End != "2026-10-20" || got[2].Name != "Ask about the team" || got[2].ID != 3 {
		t.Errorf("after the import: %+v", got)
	}
}

// A large import (over importInOneTx records) is written to a copy of the
// journal in batches: the experiments must reach the copy too.
func TestLargeImportCarriesExperiments(t *testing.T) {
	e := journal.Export{Format: journal.ExportFormat, ExportedAt: t0}
	for i := range importInOneTx + 5 {
		e.Nos = append(e.Nos, journal.No{Who: "P", Date: journal.Day("2026-01-01").AddDays(i % 300), Mode: "sales",
			Said: "no " + strings.Repeat("x", i%7), CreatedAt: t0.Add(time.Duration(i) * time.Second)})
	}
	e.Experiments = []journal.Experiment{{ID: 4, Name: "Lead with ROI", Mode: "sales", Watch: []string{"price"}, Start: "2026-06-01", CreatedAt: t0}}
	s := newStore(t)
	res, err := s.Import(e, t0)
	must(t, err)
	if res.Nos != len(e.Nos) || res.Experiments.Added != 1 {
		t.Fatalf("import: %+v", res)
	}
	got, err := s.Experiments("sales")
	must(t, err)
	equal(t, "experiments", got, e.Experiments)
	next := journal.Experiment{Name: "Next", Mode: "sales", Watch: []string{"price"}, Start: "2026-07-01"}
	must(t, s.AddExperiment(&next, t0))
	if next.ID != 5 {
		t.Errorf("the next id after an imported #4 is %d, want 5", next.ID)
	}
}
