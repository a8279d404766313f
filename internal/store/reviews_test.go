package store

import (
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestReviewsSaveReplaceAndLatest(t *testing.T) {
	s := newStore(t)
	if _, ok, err := s.LatestReview(); err != nil || ok {
		t.Fatalf("a new journal has a review: %v %v", ok, err)
	}
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		if tx.Bucket(bucketReviews) != nil {
			t.Error("the reviews bucket exists before the first review")
		}
		return nil
	})
	a := journal.Review{Week: "2026-11-09", Mode: "sales", Focus: "Lead with ROI", SavedAt: t0}
	b := journal.Review{Week: "2026-11-16", Mode: "sales", Focus: "Ask for the budget owner", SavedAt: t0}
	for _, r := range []journal.Review{b, a} {
		_, err := s.SaveReview(r)
		must(t, err)
	}
	got, ok, err := s.LatestReview()
	must(t, err)
	if !ok || got != b {
		t.Errorf("latest = %+v %v, want %+v", got, ok, b)
	}
	b.Focus = "Call back every not-now"
	_, err = s.SaveReview(b)
	must(t, err)
	got, ok, err = s.Review("2026-11-16")
	must(t, err)
	if !ok || got.Focus != "Call back every not-now" {
		t.Errorf("the week's review after answering again: %+v", got)
	}
	if _, err := s.SaveReview(journal.Review{Week: "2026-11-23", Focus: " "}); err == nil || !journal.IsValidation(err) {
		t.Errorf("an empty focus saved: %v", err)
	}
	if _, ok, _ := s.Review("2026-11-23"); ok {
		t.Error("a refused review was stored")
	}
}

func TestRepairKeepsReviews(t *testing.T) {
	s := newStore(t)
	addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Reason: "price"})
	r := journal.Review{Week: "2026-11-16", Mode: "sales", Focus: "Lead with ROI", SavedAt: t0}
	_, err := s.SaveReview(r)
	must(t, err)
	must(t, s.Repair())
	got, ok, err := s.Review(r.Week)
	must(t, err)
	if !ok || got != r {
		t.Errorf("after the rewrite: %+v %v", got, ok)
	}
}

func TestDoctorSaysWhichReviewIsDamaged(t *testing.T) {
	s, err := Open(t.TempDir() + "/rebound.db")
	must(t, err)
	_, err = s.SaveReview(journal.Review{Week: "2026-11-16", Focus: "Lead with ROI", SavedAt: t0})
	must(t, err)
	ps, err := s.Check()
	must(t, err)
	if len(ps) != 0 {
		t.Fatalf("a journal with a review has problems: %v", ps)
	}
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketReviews).Put([]byte("2026-11-23"), []byte("\x02{oops"))
	})
	ps, err = s.Check()
	must(t, err)
	found := false
	for _, p := range ps {
		found = found || p.Kind == "record" && strings.Contains(p.Detail, `review of "2026-11-23" cannot be read`)
	}
	if !found {
		t.Errorf("doctor's problems %v name no damaged review", ps)
	}
}

func TestReviewsRoundTripThroughExportAndImport(t *testing.T) {
	src := newStore(t)
	addNo(t, src, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Reason: "price"})
	a := journal.Review{Week: "2026-11-09", Mode: "sales", Focus: "Lead with ROI", SavedAt: t0}
	b := journal.Review{Week: "2026-11-16", Mode: "job", Focus: "Ask for feedback", SavedAt: t0}
	for _, r := range []journal.Review{a, b} {
		_, err := src.SaveReview(r)
		must(t, err)
	}
	e, err := src.Export(t0)
	must(t, err)
	equal(t, "exported reviews", e.Reviews, []journal.Review{a, b})

	dst := newStore(t)
	res, err := dst.Import(viaFile(t, e), t0)
	must(t, err)
	equal(t, "first import", res.Reviews, ReviewsImported{Added: 2})
	back, err := dst.Export(t0)
	must(t, err)
	equal(t, "reviews after the round trip", back.Reviews, []journal.Review{a, b})

	res, err = dst.Import(viaFile(t, e), t0)
	must(t, err)
	equal(t, "second import", res.Reviews, ReviewsImported{Skipped: 2})

	// The journal's own answer for a week stays.
	other := newStore(t)
	mine := journal.Review{Week: "2026-11-16", Mode: "sales", Focus: "My own", SavedAt: t0}
	_, err = other.SaveReview(mine)
	must(t, err)
	res, err = other.Import(viaFile(t, e), t0)
	must(t, err)
	equal(t, "import beside its own", res.Reviews, ReviewsImported{Added: 1, Skipped: 1})
	got, _, err := other.Review("2026-11-16")
	must(t, err)
	equal(t, "the journal's own review", got, mine)
}

// A large import goes to a copy of the journal in batches: reviews too.
func TestLargeImportCarriesReviews(t *testing.T) {
	e := journal.Export{Format: journal.ExportFormat, ExportedAt: t0}
	for i := range importInOneTx + 5 {
		e.Nos = append(e.Nos, journal.No{Who: "P", Date: journal.Day("2026-01-01").AddDays(i % 300), Mode: "sales",
			Said: "no " + strings.Repeat("x", i%7), CreatedAt: t0.Add(time.Duration(i) * time.Second)})
	}
	e.Reviews = []journal.Review{{Week: "2026-06-01", Mode: "sales", Focus: "Lead with ROI", SavedAt: t0}}
	s := newStore(t)
	res, err := s.Import(e, t0)
	must(t, err)
	if res.Nos != len(e.Nos) || res.Reviews.Added != 1 {
		t.Fatalf("import: %+v", res)
	}
	got, ok, err := s.LatestReview()
	must(t, err)
	if !ok || got != e.Reviews[0] {
		t.Errorf("after a large import: %+v %v", got, ok)
	}
}

func TestWeekFacts(t *testing.T) {
	s := newStore(t)
	week := func(d journal.Day, h int) time.Time { return d.Time(time.Local).Add(time.Duration(h) * time.Hour) }
	from, to, today := journal.Day("2026-11-16"), journal.Day("2026-11-22"), journal.Day("2026-11-20")
	hist := func(o journal.Outcome, at time.Time) []journal.OutcomeChange {
		return []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0.AddDate(0, -2, 0)}, {Outcome: o, At: at}}
	}
	// Follow-ups due in the week: done, open and past, open and later, settled; one the week before.
	addNo(t, s, journal.No{Who: "A", Date: "2026-10-01", Mode: "job", FollowUp: "2026-11-17", FollowUpDone: true})
	addNo(t, s, journal.No{Who: "B", Date: "2026-10-01", Mode: "sales", FollowUp: "2026-11-18"})
	addNo(t, s, journal.No{Who: "C", Date: "2026-10-01", Mode: "sales", FollowUp: "2026-11-21"})
	addNo(t, s, journal.No{Who: "D", Date: "2026-10-01", Mode: "sales", FollowUp: "2026-11-18", Outcome: journal.OutcomeClosed})
	addNo(t, s, journal.No{Who: "E", Date: "2026-10-01", Mode: "sales", FollowUp: "2026-11-12", FollowUpDone: true})
	// Turnarounds: in the week, the week before, another mode.
	addNo(t, s, journal.No{Who: "Turned", Date: "2026-09-01", Mode: "sales", Outcome: journal.OutcomeYes,
		OutcomeHistory: hist(journal.OutcomeYes, week("2026-11-18", 15))})
	addNo(t, s, journal.No{Who: "Maybe", Date: "2026-09-01", Mode: "sales", Outcome: journal.OutcomeMaybe,
		OutcomeHistory: hist(journal.OutcomeMaybe, week("2026-11-16", 0))})
	addNo(t, s, journal.No{Who: "Before", Date: "2026-09-01", Mode: "sales", Outcome: journal.OutcomeYes,
		OutcomeHistory: hist(journal.OutcomeYes, week("2026-11-15", 23))})
	addNo(t, s, journal.No{Who: "Job", Date: "2026-09-01", Mode: "job", Outcome: journal.OutcomeYes,
		OutcomeHistory: hist(journal.OutcomeYes, week("2026-11-18", 10))})
	// Traps on the week's reframes and the week before's (read from the
	// day tallies, which count them on reframed No's: a draft's do not).
	r := func(n journal.No) journal.No {
		n.Reason, n.Change, n.Lesson = "other", "a pilot", "ask early"
		return n
	}
	addNo(t, s, r(journal.No{Who: "T1", Date: "2026-11-17", Mode: "sales", Thought: "they hate me", Traps: []string{"mind-reading", "labelling"}}))
	addNo(t, s, r(journal.No{Who: "T2", Date: "2026-11-19", Mode: "sales", Thought: "never", Traps: []string{"mind-reading"}}))
	addNo(t, s, r(journal.No{Who: "T3", Date: "2026-11-10", Mode: "sales", Thought: "always", Traps: []string{"catastrophising"}}))
	addNo(t, s, r(journal.No{Who: "T4", Date: "2026-11-18", Mode: "job", Thought: "x", Traps: []string{"labelling"}}))
	addNo(t, s, journal.No{Who: "T5", Date: "2026-11-18", Mode: "sales", Thought: "a draft", Traps: []string{"labelling"}})

	f, err := s.WeekFacts("sales", from, to, today)
	must(t, err)
	if f.FollowUpsDone != 1 || f.FollowUpsOpen != 1 || f.FollowUpsAhead != 1 {
		t.Errorf("follow-ups done %d, open %d, ahead %d; want 1 each", f.FollowUpsDone, f.FollowUpsOpen, f.FollowUpsAhead)
	}
	var who []string
	for _, x := range f.Turnarounds {
		who = append(who, x.Who+":"+string(x.Outcome))
	}
	if strings.Join(who, ",") != "Turned:yes,Maybe:maybe" && strings.Join(who, ",") != "Maybe:maybe,Turned:yes" {
		t.Errorf("turnarounds %v", who)
	}
	equal(t, "traps", f.Traps, map[string]int{"mind-reading": 2, "labelling": 1})
	equal(t, "traps the week before", f.PrevTraps, map[string]int{"catastrophising": 1})
	if f.TrapNos != 2 || f.PrevTrapNos != 1 {
		t.Errorf("No's with traps %d / %d", f.TrapNos, f.PrevTrapNos)
	}
}

// BenchmarkLatestReview is what home adds to its first load: one
// read-only open of the journal and one key.
func BenchmarkLatestReview(b *testing.B) {
	s, err := Open(b.TempDir() + "/rebound.db")
	if err != nil {
		b.Fatal(err)
	}
	for i := range 26 {
		r := journal.Review{Week: journal.Day("2026-06-01").AddDays(7 * i), Focus: "Lead with ROI", SavedAt: t0}
		if _, err := s.SaveReview(r); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, ok, err := s.LatestReview(); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
