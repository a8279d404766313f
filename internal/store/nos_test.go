package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func fullNo() journal.No {
	reframed := t0.Add(-time.Hour)
	return journal.No{
		Date: "2026-11-18", Mode: "sales",
		Who: "Acme Corp", Contact: "Dana", Offer: "Annual plan", Channel: "call",
		Said:   "We're worried about hidden fees.",
		Reason: "hidden-fees", ReasonText: "They saw a setup fee late", Assumed: "price",
		Kind: journal.KindNotUnderstood, Change: "A line-item quote with no surprises",
		Competitor: "Globex", CompetitorWhy: "flat pricing",
		Feeling: 4, FeelingAfter: 2, Lesson: "Show every fee up front", Next: "Review every line item",
		FollowUp: "2026-12-04", FollowUpDone: false,
		Outcome: journal.OutcomeFollowingUp,
		OutcomeHistory: []journal.OutcomeChange{
			{Outcome: journal.OutcomeOpen, At: t0.Add(-48 * time.Hour)},
			{Outcome: journal.OutcomeFollowingUp, At: t0.Add(-24 * time.Hour)},
		},
		Tags:        []string{"q4", "enterprise"},
		Debrief:     []journal.Answer{{Prompt: "Why not move forward?", Answer: "The fees"}},
		ReframeStep: 3,
		ReframedAt:  &reframed,
		Thought:     "They'll never trust us again",
		Traps:       []string{"fortune-telling", "overgeneralising"},
		EvidenceFor: "They went quiet for a week", EvidenceAgainst: "They asked for a quote without the fee",
		Balanced:      "This quote lost on fees; a clearer one can win the next",
		ReferralAsked: true, Referral: "Initech's buyer",
		Stage: "proposal", Prepared: "Read their pricing page", Mistake: "content",
		SecondaryReasons: []string{"price"},
		Amount:           12500.5, Source: "hubspot:9012345601",
		ConditionMet: true,
	}
}

func TestRoundTripEveryField(t *testing.T) {
	s := newStore(t)
	in := fullNo()
	// Every field is filled, so a field added to No later without JSON
	// support shows up here.
	v := reflect.ValueOf(in)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if v.Field(i).IsZero() && name != "ID" && name != "CreatedAt" && name != "UpdatedAt" && name != "FollowUpDone" {
			t.Errorf("fullNo leaves %s empty", name)
		}
	}
	n := in
	must(t, s.AddNo(&n, t0))
	if n.ID == 0 || !n.CreatedAt.Equal(t0) || !n.UpdatedAt.Equal(t0) {
		t.Fatalf("AddNo set id %d, created %v, updated %v", n.ID, n.CreatedAt, n.UpdatedAt)
	}
	got, err := s.GetNo(n.ID)
	must(t, err)
	equal(t, "stored No", got, n)
	in.ID, in.CreatedAt, in.UpdatedAt = n.ID, n.CreatedAt, n.UpdatedAt
	equal(t, "stored No vs input", got, in)
}

func TestAddNoDefaults(t *testing.T) {
	s := newStore(t)
	n := addNo(t, s, journal.No{Who: "Initech"})
	if n.Date != journal.Today(t0) || n.Outcome != journal.OutcomeOpen || len(n.OutcomeHistory) != 1 || !n.OutcomeHistory[0].At.Equal(t0) {
		t.Errorf("defaults: %+v", n)
	}
	if n.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt not UTC: %v", n.CreatedAt)
	}
	bad := journal.No{Who: "  "}
	if err := s.AddNo(&bad, t0); !journal.IsValidation(err) {
		t.Errorf("empty who: %v", err)
	}
	bad = journal.No{Who: "x", Date: "2026-13-01"}
	if err := s.AddNo(&bad, t0); !journal.IsValidation(err) {
		t.Errorf("bad date: %v", err)
	}
	if c, _ := s.Count(); c != 1 {
		t.Errorf("count %d", c)
	}
}

func TestIDsIncrease(t *testing.T) {
	s := newStore(t)
	var last uint64
	for i := range 5 {
		n := addNo(t, s, journal.No{Who: "w", Date: journal.Day("2026-11-0" + string(rune('9'-i)))})
		if n.ID <= last {
			t.Fatalf("id %d after %d", n.ID, last)
		}
		last = n.ID
	}
	// A deleted id is not reused.
	must(t, s.DeleteNo(last))
	if n := addNo(t, s, journal.No{Who: "w"}); n.ID <= last {
		t.Errorf("id %d reused after delete of %d", n.ID, last)
	}
}

func TestGetUpdateDeleteMissing(t *testing.T) {
	s := newStore(t)
	_, err := s.GetNo(7)
	if !errors.Is(err, ErrNotFound) || err.Error() != "no No with id 7" {
		t.Errorf("GetNo: %v", err)
	}
	n := journal.No{ID: 7, Who: "x", Date: "2026-11-01"}
	if err := s.UpdateNo(&n, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateNo: %v", err)
	}
	if err := s.DeleteNo(7); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteNo: %v", err)
	}
}

func TestUpdateKeepsCreatedAndRecordsOutcome(t *testing.T) {
	s := newStore(t)
	n := addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-10"})
	later := t0.Add(time.Hour)
	n.CreatedAt = time.Time{} // ignored
	n.Outcome = journal.OutcomeYes
	must(t, s.UpdateNo(&n, later))
	got, err := s.GetNo(n.ID)
	must(t, err)
	if !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(later) {
		t.Errorf("times: %v %v", got.CreatedAt, got.UpdatedAt)
	}
	if h := got.OutcomeHistory; len(h) != 2 || h[1].Outcome != journal.OutcomeYes || !h[1].At.Equal(later) {
		t.Errorf("history: %+v", h)
	}
	ts, err := s.Tallies("", "2026-11-10", "2026-11-10")
	must(t, err)
	if ts["2026-11-10"].Outcomes["yes"] != 1 || ts["2026-11-10"].Outcomes["open"] != 0 {
		t.Errorf("tally outcomes: %+v", ts["2026-11-10"].Outcomes)
	}
}

func TestPagingNewestFirst(t *testing.T) {
	s := newStore(t)
	// Logged in one order, dated in another (backdated No's).
	dates := []journal.Day{"2026-11-05", "2026-11-20", "2026-11-01", "2026-11-20", "2026-11-12", "2026-11-05", "2026-10-30"}
	var all []journal.No
	for i, d := range dates {
		all = append(all, addNo(t, s, journal.No{Who: "who " + string(rune('a'+i)), Date: d}))
	}
	// Expected: date desc, then id desc.
	want := []uint64{4, 2, 5, 6, 1, 3, 7}
	var got []uint64
	var cur *Cursor
	pages := 0
	for {
		page, next, err := s.ListNos(Query{Limit: 3, Before: cur})
		must(t, err)
		pages++
		got = append(got, ids(page)...)
		if next == nil {
			break
		}
		cur = next
		if pages > 10 {
			t.Fatal("paging does not end")
		}
	}
	equal(t, "ids newest first", got, want)
	if pages != 3 {
		t.Errorf("%d pages for 7 No's of 3", pages)
	}
	// Exactly one page: no cursor.
	page, next, err := s.ListNos(Query{Limit: 7})
	must(t, err)
	if len(page) != 7 || next != nil {
		t.Errorf("limit 7: %d items, cursor %v", len(page), next)
	}
	// A date range.
	page, _, err = s.ListNos(Query{From: "2026-11-05", To: "2026-11-12"})
	must(t, err)
	equal(t, "range", ids(page), []uint64{5, 6, 1})
	latest, err := s.latest(2)
	must(t, err)
	equal(t, "latest", ids(latest), []uint64{4, 2})
}

func TestFollowUpIndex(t *testing.T) {
	s := newStore(t)
	today := journal.Day("2026-11-20")
	a := addNo(t, s, journal.No{Who: "A", Date: "2026-11-01", FollowUp: "2026-11-25"})
	b := addNo(t, s, journal.No{Who: "B", Date: "2026-11-02", FollowUp: "2026-11-20"})
	c := addNo(t, s, journal.No{Who: "C", Date: "2026-11-03", FollowUp: "2026-11-10"})
	addNo(t, s, journal.No{Who: "D", Date: "2026-11-03"})

	fu := func(to journal.Day) []uint64 {
		nos, err := s.FollowUps(to)
		must(t, err)
		return ids(nos)
	}
	equal(t, "due by today", fu(today), []uint64{c.ID, b.ID})
	equal(t, "all", fu(""), []uint64{c.ID, b.ID, a.ID})
	h, err := s.Home(today)
	must(t, err)
	if h.FollowUpsDue != 1 || h.FollowUpsOverdue != 1 {
		t.Errorf("home due %d overdue %d", h.FollowUpsDue, h.FollowUpsOverdue)
	}

	a.FollowUp = "2026-11-15" // change the date
	must(t, s.UpdateNo(&a, t0))
	equal(t, "moved", fu(today), []uint64{c.ID, a.ID, b.ID})
	c.FollowUpDone = true // done removes it
	must(t, s.UpdateNo(&c, t0))
	equal(t, "done", fu(""), []uint64{a.ID, b.ID})
	must(t, s.DeleteNo(b.ID)) // delete removes it
	equal(t, "deleted", fu(""), []uint64{a.ID})
	a.FollowUp = "" // clearing removes it
	must(t, s.UpdateNo(&a, t0))
	equal(t, "cleared", fu(""), []uint64{})
}

func TestWaitingIndex(t *testing.T) {
	s := newStore(t)
	var nos []journal.No
	for i := range 7 {
		nos = append(nos, addNo(t, s, journal.No{Who: "w" + string(rune('0'+i)), Reason: "price"}))
	}
	h, err := s.Home(journal.Today(t0))
	must(t, err)
	if h.Waiting != 7 || len(h.WaitingNos) != 5 || h.WaitingNos[0].ID != nos[6].ID {
		t.Fatalf("waiting %d, %v", h.Waiting, ids(h.WaitingNos))
	}
	n := nos[6]
	n.Change, n.Lesson = "a cheaper tier", "lead with value"
	later := t0.Add(time.Hour)
	must(t, s.UpdateNo(&n, later))
	if n.ReframedAt == nil || !n.ReframedAt.Equal(later) {
		t.Errorf("ReframedAt %v", n.ReframedAt)
	}
	h, err = s.Home(journal.Today(t0))
	must(t, err)
	if h.Waiting != 6 || h.WaitingNos[0].ID != nos[5].ID {
		t.Errorf("after reframe: waiting %d, %v", h.Waiting, ids(h.WaitingNos))
	}
	// A later edit keeps the first ReframedAt.
	n.Next = "call back"
	must(t, s.UpdateNo(&n, later.Add(time.Hour)))
	if !n.ReframedAt.Equal(later) {
		t.Errorf("ReframedAt moved to %v", n.ReframedAt)
	}
	// Un-reframing puts it back.
	n.Lesson = ""
	must(t, s.UpdateNo(&n, later))
	if h, _ = s.Home(journal.Today(t0)); h.Waiting != 7 {
		t.Errorf("after un-reframe: waiting %d", h.Waiting)
	}
}

func TestHome(t *testing.T) {
	s := newStore(t)
	today := journal.Day("2026-11-19") // a Thursday; the week starts Monday 16th
	for _, d := range []journal.Day{"2026-11-19", "2026-11-19", "2026-11-16", "2026-11-15", "2026-11-20"} {
		addNo(t, s, journal.No{Who: "x", Date: d})
	}
	r := addNo(t, s, journal.No{Who: "y", Date: "2026-11-17", Reason: "price", Change: "c", Lesson: "l"})
	h, err := s.Home(today)
	must(t, err)
	if h.Today != 2 || h.Week != 4 || h.Total != 6 || h.Waiting != 5 {
		t.Errorf("home %+v", h)
	}
	for _, n := range h.WaitingNos {
		if n.ID == r.ID {
			t.Errorf("reframed No listed as waiting")
		}
	}
}

func TestReflections(t *testing.T) {
	s := newStore(t)
	d := journal.Day("2026-11-20")
	if _, ok, err := s.Reflection(d); ok || err != nil {
		t.Fatalf("empty: %v %v", ok, err)
	}
	first, err := s.SaveReflection(journal.Reflection{Date: d, Mood: 2, Win: "sent the quote", CompletedAt: t0,
		Answers: []journal.Answer{{Prompt: "p1", Answer: "a1"}}})
	must(t, err)
	if first.Win != "sent the quote" {
		t.Errorf("first %+v", first)
	}
	merged, err := s.SaveReflection(journal.Reflection{Date: d, Mood: 4, Win: "a call back", CompletedAt: t0.Add(time.Hour),
		Answers: []journal.Answer{{Prompt: "p2", Answer: "a2"}}})
	must(t, err)
	if merged.Mood != 4 || merged.Win != "sent the quote\na call back" || len(merged.Answers) != 2 || merged.Sessions != 2 {
		t.Errorf("merged %+v", merged)
	}
	got, ok, err := s.Reflection(d)
	must(t, err)
	if !ok {
		t.Fatal("not found")
	}
	equal(t, "stored", got, merged)
	_, err = s.SaveReflection(journal.Reflection{Date: "2026-11-18", Mood: 3})
	must(t, err)
	rs, err := s.Reflections("2026-11-19", "")
	must(t, err)
	if len(rs) != 1 || rs[0].Date != d {
		t.Errorf("range: %+v", rs)
	}
	rs, err = s.Reflections("", "")
	must(t, err)
	if len(rs) != 2 || rs[0].Date != "2026-11-18" {
		t.Errorf("all: %+v", rs)
	}
}

func TestSettingsWinsRestDays(t *testing.T) {
	s := newStore(t)
	st, err := s.Settings()
	must(t, err)
	equal(t, "default settings", st, journal.DefaultSettings())
	want := journal.Settings{Mode: "job", Name: "Sam", WeekGoal: 3, Welcomed: true}
	must(t, s.SaveSettings(want))
	st, err = s.Settings()
	must(t, err)
	equal(t, "saved settings", st, want)

	w := journal.Win{Who: "Initech", What: "pilot", Date: "2026-11-19"}
	must(t, s.AddWin(&w, t0))
	w2 := journal.Win{Who: "Hooli"}
	must(t, s.AddWin(&w2, t0))
	if w.ID == 0 || w2.ID <= w.ID || w2.Date != journal.Today(t0) {
		t.Errorf("wins %+v %+v", w, w2)
	}
	if err := s.AddWin(&journal.Win{}, t0); !journal.IsValidation(err) {
		t.Errorf("empty win: %v", err)
	}
	wins, err := s.Wins()
	must(t, err)
	equal(t, "wins", wins, []journal.Win{w, w2})
	wd, err := s.winDays("2026-11-19", "2026-11-19")
	must(t, err)
	equal(t, "win days", wd, map[journal.Day]int{"2026-11-19": 1})

	must(t, s.SetRestDay("2026-11-22", true))
	must(t, s.SetRestDay("2026-11-23", true))
	must(t, s.SetRestDay("2026-11-23", false))
	rd, err := s.RestDays()
	must(t, err)
	equal(t, "rest days", rd, map[journal.Day]bool{"2026-11-22": true})
	if err := s.SetRestDay("someday", true); !journal.IsValidation(err) {
		t.Errorf("bad rest day: %v", err)
	}
}
