package ratio

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

func TestCompute(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                  string
		nos, yes, wins, since int
		enough                bool
		perYes, toNext        float64
		msg                   string
	}{
		{"no data", 0, 0, 0, 0, false, 0, 0, "Log 5 No's to see your ratio: every one brings the next yes closer."},
		{"too little", 2, 1, 0, 1, false, 0, 0, "Log 3 more No's to see your ratio."},
		{"one short", 4, 0, 0, 4, false, 0, 0, "Log 1 more No to see your ratio."},
		{"wins but no No's", 0, 0, 3, 0, false, 0, 0, "Log 5 more No's to see your ratio."},
		{"no yes yet", 7, 0, 0, 7, false, 0, 0, "No yes yet — 7 No's logged; every one teaches something."},
		{"1 per 6, 4 to go", 12, 2, 0, 2, true, 6, 4, "1 yes per 6 No's on average; about 4 more to your next yes."},
		{"wins count", 12, 1, 1, 2, true, 6, 4, "1 yes per 6 No's on average; about 4 more to your next yes."},
		{"fractional", 5, 2, 0, 1, true, 2.5, 1.5, "1 yes per 3 No's on average; about 2 more to your next yes."},
		{"overdue for a yes", 12, 2, 0, 9, true, 6, 0, "1 yes per 6 No's on average; by your own numbers the next yes is due any time now."},
		{"all yes", 5, 5, 0, 0, true, 1, 1, "5 yeses to 5 No's — more yeses than No's. Keep asking."},
		{"more wins than No's", 5, 0, 8, 0, true, 0.625, 0.625, "8 yeses to 5 No's — more yeses than No's. Keep asking."},
		{"large", 250, 10, 0, 3, true, 25, 22, "1 yes per 25 No's on average; about 22 more to your next yes."},
		{"negative input", -3, -1, -1, -1, false, 0, 0, "Log 5 No's to see your ratio: every one brings the next yes closer."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := Compute(tc.nos, tc.yes, tc.wins, tc.since)
			if m.Enough != tc.enough || math.Abs(m.PerYes-tc.perYes) > 1e-9 || math.Abs(m.ToNext-tc.toNext) > 1e-9 || m.Message != tc.msg {
				t.Errorf("Compute(%d, %d, %d, %d) = %+v", tc.nos, tc.yes, tc.wins, tc.since, m)
			}
			if m.ToNext < 0 {
				t.Errorf("ToNext negative: %v", m.ToNext)
			}
		})
	}
}

func TestRound(t *testing.T) {
	t.Parallel()
	for f, want := range map[float64]string{6: "6", 2.5: "3", 3.333: "3", 0.4: "1", 0: "0", 9.96: "10", 12.4: "12", 1.04: "1"} {
		if got := Round(f); got != want {
			t.Errorf("Round(%v) = %q, want %q", f, got, want)
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

	m, err := Load(st)
	if err != nil || m.Nos != 0 || m.Enough || m.Message == "" {
		t.Fatalf("empty journal: %+v %v", m, err)
	}
	add := func(daysAgo int, o journal.Outcome) journal.No {
		n := journal.No{Who: "P", Date: today.AddDays(-daysAgo), Mode: "sales"}
		if err := st.AddNo(&n, now.AddDate(0, 0, -daysAgo)); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := 20; i > 10; i-- {
		add(i, "")
	}
	if m, _ := Load(st); m.Nos != 10 || m.Yeses != 0 || m.SinceLastYes != 10 || m.Enough {
		t.Fatalf("ten No's, no yes: %+v", m)
	}
	// The No from 20 days ago turns into a yes 12 days ago: No's dated after
	// that day count toward the next yes.
	nos, _, _ := st.ListNos(store.Query{From: today.AddDays(-20), To: today.AddDays(-20)})
	y := nos[0]
	y.SetOutcome(journal.OutcomeYes, now.AddDate(0, 0, -12))
	if err := st.UpdateNo(&y, now.AddDate(0, 0, -12)); err != nil {
		t.Fatal(err)
	}
	m, _ = Load(st)
	if m.Nos != 10 || m.YesFromNos != 1 || m.SinceLastYes != 1 || m.PerYes != 10 || m.ToNext != 9 || !m.Enough {
		t.Fatalf("one yes: %+v", m)
	}
	// A win logged 3 days ago is the latest yes; wins count as yeses.
	add(5, "")
	add(1, "")
	if err := st.AddWin(&journal.Win{Who: "Q", Date: today.AddDays(-3)}, now); err != nil {
		t.Fatal(err)
	}
	m, _ = Load(st)
	if m.Nos != 12 || m.Yeses != 2 || m.Wins != 1 || m.SinceLastYes != 1 || m.PerYes != 6 || m.ToNext != 5 {
		t.Fatalf("with a win: %+v", m)
	}
	if p, err := st.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}
