package progress

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/streak"
)

// TestAggregatesMatchFullRecomputation: after random logs, edits, deletes and
// an import, the insights and streak computed from the store's aggregates
// equal the ones computed by decoding every No.
func TestAggregatesMatchFullRecomputation(t *testing.T) {
	t.Parallel()
	cat := coach.Default()
	today := journal.Day("2026-11-23")
	now := today.Time(time.Local).Add(15 * time.Hour)
	st, err := store.Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	j, err := demo.Generate(cat, demo.Options{Nos: 600, Days: 900, Seed: 11, Today: today, Mode: "sales"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Seed(j.Nos[:400], j.Reflections, j.Wins, j.RestDays); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	mode, _ := cat.Mode("sales")
	ops := 300
	if testing.Short() {
		ops = 100 // the full suite makes all 300 changes
	}
	for i := range ops {
		switch op := rng.IntN(10); {
		case op < 4: // log
			n := j.Nos[400+rng.IntN(200)]
			n.ID = 0
			n.Date = today.AddDays(-rng.IntN(400))
			if err := st.AddNo(&n, now); err != nil {
				t.Fatal(err)
			}
		case op < 8: // edit: outcome, reason, reframe fields, date
			nos, _, _ := st.ListNos(store.Query{Limit: 50})
			if len(nos) == 0 {
				continue
			}
			n := nos[rng.IntN(len(nos))]
			n.SetOutcome(journal.Outcomes[rng.IntN(len(journal.Outcomes))], now.Add(time.Duration(i)*time.Minute))
			n.Reason = mode.Reasons[rng.IntN(len(mode.Reasons))].ID
			if rng.IntN(2) == 0 {
				n.Lesson, n.Change = "", ""
			} else {
				n.Lesson, n.Change = "lesson", "change"
			}
			n.Date = n.Date.AddDays(-rng.IntN(40))
			if err := st.UpdateNo(&n, now); err != nil {
				t.Fatal(err)
			}
		default: // delete
			nos, _, _ := st.ListNos(store.Query{Limit: 30, Reason: mode.Reasons[rng.IntN(len(mode.Reasons))].ID})
			if len(nos) > 0 {
				if err := st.DeleteNo(nos[0].ID); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// And an import from another journal.
	other, _ := demo.Generate(cat, demo.Options{Nos: 80, Days: 200, Seed: 99, Today: today, Mode: "sales"})
	if _, err := st.Import(journal.Export{Format: journal.ExportFormat, Nos: other.Nos, Reflections: other.Reflections}, now); err != nil {
		t.Fatal(err)
	}
	// No's dated ahead, in this month and the next: in no past period.
	for _, ahead := range []int{3, 10} {
		n := j.Nos[rng.IntN(400)]
		n.ID, n.Date = 0, today.AddDays(ahead)
		if err := st.AddNo(&n, now); err != nil {
			t.Fatal(err)
		}
	}

	e, err := st.Export(now)
	if err != nil {
		t.Fatal(err)
	}
	full := insights.Recompute(e.Nos)
	for _, p := range insights.Periods {
		got, err := Insights(st, mode, p, today)
		if err != nil {
			t.Fatal(err)
		}
		from, to := p.Range(today)
		want := insights.Compute(insights.Input{Period: p, Today: today, Days: full, Mode: mode,
			ReferralYes: referralYes(e, "sales", from, to), Kept: kept(e, from, to)})
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("period %s: aggregate insights differ from a full recomputation\n got %s\nwant %s", p.Name, gj, wj)
		}
		// The demo's thought records, referrals and kept intentions are
		// in the comparison: all time has each of them.
		if th := got.Thinking; p.Days == 0 && (len(th.Traps) == 0 || th.Referrals.Yes == 0 || th.Intentions.Total() == 0 || len(th.Stages.Items) == 0) {
			t.Errorf("all time lacks issue 17's figures: %+v", th)
		}
	}

	// The streak from the day counts equals one from every No and reflection.
	in := streak.Input{Today: today, WeekGoal: 5, Activity: map[journal.Day]int{}, Rest: map[journal.Day]bool{}}
	for _, n := range e.Nos {
		if n.Reframed() && n.Date <= today {
			in.Activity[n.Date]++
		}
	}
	for _, r := range e.Reflections {
		in.Activity[r.Date] += r.ActiveSessions()
	}
	for _, d := range e.RestDays {
		in.Rest[d] = true
	}
	_, got, err := Streak(st, today, journal.Settings{WeekGoal: 5})
	if err != nil {
		t.Fatal(err)
	}
	if want := streak.Compute(in); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("streak from aggregates %+v, from everything %+v", got, want)
	}
	if p, err := st.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}

// referralYes and kept count from everything what Store.Loops reads.
func referralYes(e journal.Export, mode string, from, to journal.Day) int {
	seen := map[uint64]bool{}
	for _, w := range e.Wins {
		if w.ReferralFrom != 0 && w.Mode == mode && (from == "" || w.Date >= from) && w.Date <= to {
			seen[w.ReferralFrom] = true
		}
	}
	return len(seen)
}

func kept(e journal.Export, from, to journal.Day) map[journal.IntentionKept]int {
	out := map[journal.IntentionKept]int{}
	for _, r := range e.Reflections {
		if r.IntentionKept != "" && (from == "" || r.Date >= from) && r.Date <= to {
			out[r.IntentionKept]++
		}
	}
	return out
}
