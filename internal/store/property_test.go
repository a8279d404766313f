package store

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

var (
	whos    = []string{"Acme Corp", "Café Zoë", "Globex", "Initech", "Umbrella Health", "Hooli"}
	saids   = []string{"Too expensive", "Not right now", "We went with Globex", "No budget this quarter", "Send me more information", ""}
	reasons = []string{"", "price", "timing", "budget", "competitor", "no-need"}
	modes   = []string{"sales", "job", ""}
	comps   = []string{"", "Globex", " globex ", "Initech"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// randomize fills n with random content; id and timestamps are the store's.
func randomize(r *rand.Rand, n *journal.No, now time.Time) {
	n.Who = pick(r, whos)
	n.Said = pick(r, saids)
	n.Reason = pick(r, reasons)
	n.Mode = pick(r, modes)
	n.Date = journal.Day("2026-10-01").AddDays(r.IntN(60))
	n.Kind = pick(r, append([]journal.Kind{""}, journal.Kinds...))
	n.Competitor = pick(r, comps)
	n.CompetitorWhy = pick(r, []string{"", "cheaper", "faster"})
	n.Feeling, n.FeelingAfter = r.IntN(6), r.IntN(6)
	n.Assumed = pick(r, reasons)
	n.ReasonText = pick(r, []string{"", "they said so"})
	n.Change, n.Lesson = "", ""
	if r.IntN(2) == 0 {
		n.Change, n.Lesson = "a pilot", "qualify earlier"
	}
	n.FollowUp, n.FollowUpDone = "", false
	if r.IntN(2) == 0 {
		n.FollowUp = n.Date.AddDays(r.IntN(20))
		n.FollowUpDone = r.IntN(3) == 0
	}
	n.Tags = nil
	if r.IntN(3) == 0 {
		n.Tags = []string{pick(r, []string{"Q4", "q4", "enterprise"})}
	}
	if r.IntN(3) == 0 {
		n.SetOutcome(pick(r, journal.Outcomes), now.Add(time.Duration(r.IntN(30*24))*time.Hour))
	}
}

func recompute(nos []journal.No) map[journal.Day]tally.Day {
	sums := map[journal.Day]*tally.Day{}
	for i := range nos {
		t := sums[nos[i].Date]
		if t == nil {
			t = &tally.Day{}
			sums[nos[i].Date] = t
		}
		t.Add(&nos[i], +1)
	}
	out := map[journal.Day]tally.Day{}
	for d, t := range sums {
		out[d] = *t
	}
	return out
}

// bruteForce answers a query by reading every No, to check the planner.
func bruteForce(nos []journal.No, q Query) []uint64 {
	exact, prefix := queryTerms(q.Text)
	var out []journal.No
	for _, n := range nos {
		if q.Reason != "" && n.Reason != q.Reason || q.Outcome != "" && string(n.Outcome) != q.Outcome || q.Mode != "" && n.Mode != q.Mode {
			continue
		}
		if q.From != "" && n.Date < q.From || q.To != "" && n.Date > q.To {
			continue
		}
		toks := tokens(n.Text())
		ok := true
		for _, w := range exact {
			ok = ok && slices.Contains(toks, w)
		}
		if prefix != "" {
			ok = ok && slices.ContainsFunc(toks, func(w string) bool { return strings.HasPrefix(w, prefix) })
		}
		if ok {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b journal.No) int { return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(b.ID, a.ID)) })
	return ids(out)
}

func TestTalliesAndQueriesMatchRecomputation(t *testing.T) {
	s := newStore(t)
	r := rand.New(rand.NewPCG(1, 2))
	var live []uint64
	now := t0
	verify := func(step int) {
		t.Helper()
		e, err := s.Export(now)
		must(t, err)
		got, err := s.Tallies("", "", "")
		must(t, err)
		equal(t, "tallies", got, recompute(e.Nos))
		months, err := s.MonthTallies("", "", "")
		must(t, err)
		equal(t, "month tallies", months, recomputeMonths(e.Nos))
		reframed, err := s.ReframedDays("", "")
		must(t, err)
		wantR := map[journal.Day]int{}
		for _, n := range e.Nos {
			if n.Reframed() {
				wantR[n.Date]++
			}
		}
		equal(t, "reframed days", reframed, wantR)
		if c, _ := s.Count(); c != len(e.Nos) || c != len(live) {
			t.Fatalf("step %d: count %d, exported %d, live %d", step, c, len(e.Nos), len(live))
		}
		for range 25 {
			q := Query{Limit: r.IntN(4)}
			switch r.IntN(3) {
			case 0:
				q.Reason = pick(r, reasons)
			case 1:
				q.Outcome = string(pick(r, journal.Outcomes))
			}
			if r.IntN(3) == 0 {
				q.Mode = pick(r, modes)
			}
			if r.IntN(3) == 0 && len(e.Nos) > 0 {
				x := pick(r, e.Nos)
				toks := tokens(x.Text())
				w := pick(r, toks)
				q.Text = w[:1+r.IntN(len(w))]
				if r.IntN(2) == 0 {
					q.Text = pick(r, toks) + " " + q.Text
				}
			}
			if r.IntN(3) == 0 {
				q.From = journal.Day("2026-10-01").AddDays(r.IntN(40))
				q.To = q.From.AddDays(r.IntN(30))
			}
			var pages []uint64
			for i := 0; ; i++ {
				page, next, err := s.ListNos(q)
				must(t, err)
				pages = append(pages, ids(page)...)
				if next == nil {
					break
				}
				if q.Limit == 0 || i > len(live) {
					t.Fatalf("query %+v: runaway paging", q)
				}
				q.Before = next
			}
			q.Before = nil
			if want := bruteForce(e.Nos, q); !slices.Equal(pages, want) {
				t.Fatalf("step %d: query %+v:\n got  %v\n want %v", step, q, pages, want)
			}
		}
	}
	steps := 300
	if testing.Short() {
		steps = 100 // the loop run while working; the full suite walks all 300
	}
	for step := range steps {
		now = now.Add(time.Minute)
		switch op := r.IntN(10); {
		case op < 5 || len(live) == 0:
			var n journal.No
			randomize(r, &n, now)
			must(t, s.AddNo(&n, now))
			live = append(live, n.ID)
		case op < 8:
			n, err := s.GetNo(pick(r, live))
			must(t, err)
			randomize(r, &n, now)
			must(t, s.UpdateNo(&n, now))
		default:
			i := r.IntN(len(live))
			must(t, s.DeleteNo(live[i]))
			live = slices.Delete(live, i, i+1)
		}
		if step%60 == 59 {
			verify(step)
		}
	}
	verify(steps)
}
