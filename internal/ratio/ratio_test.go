package ratio

import (
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

func TestCompute(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		nos, yes int
		enough   bool
		rate     float64
		oneIn    int
		msg      string
	}{
		{"no data", 0, 0, false, 0, 0, "Log your No's: from 10 on, this shows how often one became a yes."},
		{"one", 1, 0, false, 0, 0, "1 No so far; from 10 on, this shows how often one became a yes."},
		{"a single yes is no rate", 9, 1, false, 0, 0, "9 No's so far; from 10 on, this shows how often one became a yes."},
		{"no yes yet", 23, 0, true, 0, 0, "None of your 23 No's has become a yes yet: each one still teaches something."},
		{"the issue's example", 98, 11, true, 11.0 / 98, 9, "About 1 in 9 of your No's became a yes: 11 of 98."},
		{"the spec's example", 66, 11, true, 1.0 / 6, 6, "About 1 in 6 of your No's became a yes: 11 of 66."},
		{"half", 10, 5, true, 0.5, 2, "About 1 in 2 of your No's became a yes: 5 of 10."},
		{"more than half", 12, 9, true, 0.75, 1, "9 of your 12 No's became a yes."},
		{"all", 10, 10, true, 1, 1, "10 of your 10 No's became a yes."},
		{"more yeses than No's is impossible: capped", 10, 12, true, 1, 1, "10 of your 10 No's became a yes."},
		{"negative input", -3, -1, false, 0, 0, "Log your No's: from 10 on, this shows how often one became a yes."},
	}
	due := regexp.MustCompile(`(?i)due|next yes|more to|any time|closer|soon`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := Compute(tc.nos, tc.yes)
			if m.Enough != tc.enough || m.Rate != tc.rate || m.OneIn != tc.oneIn || m.Message != tc.msg {
				t.Errorf("Compute(%d, %d) = %+v", tc.nos, tc.yes, m)
			}
			if due.MatchString(m.Message) {
				t.Errorf("Compute(%d, %d) implies a yes is due: %q", tc.nos, tc.yes, m.Message)
			}
		})
	}
}

// TestNeverDue: however long the run of No's since the last yes, the
// meter says the same thing — a yes is never "due".
func TestNeverDue(t *testing.T) {
	t.Parallel()
	for nos := 0; nos <= 300; nos++ {
		for _, yes := range []int{0, 1, 2, nos / 10, nos / 3} {
			if m := Compute(nos, yes); regexp.MustCompile(`(?i)due|next yes|more to your`).MatchString(m.Message) {
				t.Fatalf("Compute(%d, %d): %q", nos, yes, m.Message)
			}
		}
	}
}

func TestLoadFromStore(t *testing.T) {
	t.Parallel()
	st, err := store.Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	today := journal.Today(now)

	m, err := Load(st, "sales")
	if err != nil || m.Nos != 0 || m.Enough || m.Message == "" {
		t.Fatalf("empty journal: %+v %v", m, err)
	}
	var first journal.No
	for i := 20; i > 9; i-- {
		n := journal.No{Who: "P", Date: today.AddDays(-i), Mode: "sales"}
		if err := st.AddNo(&n, now.AddDate(0, 0, -i)); err != nil {
			t.Fatal(err)
		}
		if i == 20 {
			first = n
		}
	}
	if m, _ := Load(st, "sales"); m.Nos != 11 || m.Yeses != 0 || !m.Enough || m.Rate != 0 {
		t.Fatalf("eleven No's, no yes: %+v", m)
	}
	first.SetOutcome(journal.OutcomeYes, now.AddDate(0, 0, -12))
	if err := st.UpdateNo(&first, now.AddDate(0, 0, -12)); err != nil {
		t.Fatal(err)
	}
	// Wins logged without a No never count.
	for range 3 {
		if err := st.AddWin(&journal.Win{Who: "Q", Date: today.AddDays(-3)}, now); err != nil {
			t.Fatal(err)
		}
	}
	m, _ = Load(st, "sales")
	if m.Nos != 11 || m.Yeses != 1 || m.OneIn != 11 || m.Message != "About 1 in 11 of your No's became a yes: 1 of 11." {
		t.Fatalf("one yes and three wins: %+v", m)
	}
	if p, err := st.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	// Another mode's No's and yeses count only in that mode.
	for i := range 12 {
		n := journal.No{Who: "J", Date: today.AddDays(-i), Mode: "job"}
		if i < 4 {
			n.SetOutcome(journal.OutcomeYes, now)
		}
		if err := st.AddNo(&n, now); err != nil {
			t.Fatal(err)
		}
	}
	if s, _ := Load(st, "sales"); s != m {
		t.Errorf("sales after twelve job No's: %+v, want %+v", s, m)
	}
	if j, _ := Load(st, "job"); j.Nos != 12 || j.Yeses != 4 {
		t.Errorf("job: %+v, want 4 yeses of 12", j)
	}
}
