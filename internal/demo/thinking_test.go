package demo

import (
	"slices"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// TestDemoFillsIssue17: each mode's demo has thought records on a share
// of reframes with fortune telling fading, referrals asked and given and
// wins that name them, its own stages or mistakes, sales' secondary
// reasons, and reflections that say whether the intention was kept.
func TestDemoFillsIssue17(t *testing.T) {
	t.Parallel()
	cat := coach.Default()
	const today = journal.Day("2026-11-23")
	for _, m := range cat.Modes() {
		j, err := Generate(cat, Options{Nos: 6000, Days: 730, Seed: 4, Today: today, Mode: m.ID})
		if err != nil {
			t.Fatal(err)
		}
		var reframes, records, asked, given, staged, mistakes, prepared, secondary int
		ft := map[bool][2]int{} // recent (last 90 days) -> fortune telling, reframes with traps
		for i, n := range j.Nos {
			if n.Reframed() {
				reframes++
			}
			if len(n.Traps) > 0 {
				records++
				if !n.Reframed() || n.Thought == "" || n.Balanced != "" && n.EvidenceAgainst == "" {
					t.Fatalf("%s: a thought record off a reframe or without its thought: %+v", m.ID, n)
				}
				recent := n.Date.DaysUntil(today) < 90
				c := ft[recent]
				c[1]++
				if slices.Contains(n.Traps, "fortune-telling") {
					c[0]++
				}
				ft[recent] = c
			}
			if n.ReferralAsked {
				asked++
				if n.Kind == journal.KindFinal {
					t.Fatalf("%s: a referral asked on a final no", m.ID)
				}
			}
			if n.Referral != "" {
				given++
			}
			if n.Stage != "" {
				staged++
			}
			if n.Mistake != "" {
				mistakes++
			}
			if n.Prepared != "" {
				prepared++
			}
			if len(n.SecondaryReasons) > 0 {
				secondary++
				if slices.Contains(n.SecondaryReasons, n.Reason) {
					t.Fatalf("the reason is also a secondary reason: %+v", n)
				}
			}
			if err := n.Validate(cat); err != nil {
				t.Fatalf("%s: No %d does not validate: %v", m.ID, i, err)
			}
		}
		if records < reframes/5 || records > reframes/2 {
			t.Errorf("%s: thought records on %d of %d reframes", m.ID, records, reframes)
		}
		old, recent := ft[false], ft[true]
		if float64(recent[0])/float64(recent[1]) >= float64(old[0])/float64(old[1]) {
			t.Errorf("%s: fortune telling does not fade: %v recent, %v before", m.ID, recent, old)
		}
		if asked < len(j.Nos)/10 || given == 0 || given >= asked {
			t.Errorf("%s: referrals asked %d given %d", m.ID, asked, given)
		}
		hasStages, hasMistakes := len(m.Stages) > 0, len(m.Mistakes) > 0
		if (staged > 0) != hasStages || (mistakes > 0) != hasMistakes || (prepared > 0) != (m.ID == "school") || (secondary > 0) != (m.ID == "sales") {
			t.Errorf("%s: stages %d mistakes %d prepared %d secondary %d", m.ID, staged, mistakes, prepared, secondary)
		}
		referred := 0
		for _, w := range j.Wins {
			if w.ReferralFrom == 0 {
				continue
			}
			referred++
			n := j.Nos[w.ReferralFrom-1] // its id in a fresh journal
			if n.Referral == "" || w.Who != n.Referral || w.Date <= n.Date || w.Mode != m.ID {
				t.Errorf("%s: win %+v names No %+v", m.ID, w, n)
			}
		}
		// About one a quarter over two years: few, like every win.
		if referred < 3 || referred > 16 {
			t.Errorf("%s: %d wins through a referral", m.ID, referred)
		}
		kept := map[journal.IntentionKept]int{}
		for _, r := range j.Reflections {
			if r.IntentionKept != "" {
				kept[r.IntentionKept]++
			}
		}
		if kept[journal.KeptYes] <= kept[journal.KeptNotYet] || kept[journal.KeptPartly] == 0 || kept[journal.KeptNotYet] == 0 {
			t.Errorf("%s: intentions kept %v", m.ID, kept)
		}
	}
}
