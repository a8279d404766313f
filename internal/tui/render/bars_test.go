package render

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/insights"
)

func TestBars(t *testing.T) {
	t.Parallel()
	items := []insights.Count{
		{ID: "price", Label: "Price", Count: 8, Share: 0.5, Prev: 5, Change: 3, Compared: true},
		{ID: "timing", Label: "Timing", Count: 4, Share: 0.25, Prev: 6, Change: -2, Compared: true},
		{ID: "budget", Label: "Budget", Count: 2, Share: 0.125, Prev: 0, Change: 2, Compared: true},
		{ID: "other", Label: "Other", Count: 1, Share: 0.0625, Prev: 1, Change: 0, Compared: true},
	}
	out := bars(items, 40, Plain())
	checkWidth(t, out, 40)
	lines := strings.Split(out, "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 rows, got\n%s", out)
	}
	// Bars are proportional: 8 → full width, 4 → half, 2 → a quarter.
	cells := func(l string) float64 {
		n := float64(strings.Count(l, "█"))
		for i, r := range []rune(eighths) {
			if strings.ContainsRune(l, r) {
				n += float64(i+1) / 8
			}
		}
		return n
	}
	full := cells(lines[0])
	for i, want := range []float64{1, 0.5, 0.25, 0.125} {
		if got := cells(lines[i]) / full; got < want-0.07 || got > want+0.07 {
			t.Errorf("row %d bar is %.2f of the longest, want %.2f\n%s", i, got, want, out)
		}
	}
	for i, want := range []string{"Price", "8  50%  +3", "Timing", "4  25%  −2", "2  13% new", "1   6%  ±0"} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q (%d) in\n%s", want, i, out)
		}
	}
	// Without a previous period there is no change column.
	for i := range items {
		items[i].Compared = false
	}
	if out := bars(items, 80, Plain()); strings.Contains(out, "new") || strings.Contains(out, "+3") {
		t.Errorf("no change without a previous period:\n%s", out)
	}
	if bars(nil, 80, Plain()) != "" {
		t.Errorf("no items, no bars")
	}
	// Long labels are cut, never the numbers.
	long := []insights.Count{{ID: "x", Label: strings.Repeat("very long label ", 6), Count: 3, Share: 1}}
	out = bars(long, 40, Plain())
	checkWidth(t, out, 40)
	if !strings.Contains(out, "…") || !strings.HasSuffix(out, "3 100%") {
		t.Errorf("long label:\n%s", out)
	}
}

func TestBarPartials(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n, maxN, width int
		want           string
	}{
		{0, 10, 10, ""},
		{10, 10, 4, "████"},
		{1, 10, 4, "▍"},   // 0.4 cells = 3.2 eighths → 3
		{1, 1000, 4, "▏"}, // tiny but present
		{5, 10, 4, "██"},  // half
		{3, 8, 2, "▊"},    // 6 eighths
		{9, 16, 3, "█▊"},  // 13.5 eighths round to 14: one cell and 6/8
	} {
		if got := bar(tc.n, tc.maxN, tc.width); got != tc.want {
			t.Errorf("bar(%d, %d, %d) = %q, want %q", tc.n, tc.maxN, tc.width, got, tc.want)
		}
	}
}

// At 80 columns (76 for the chart) a reason's whole name shows ("Waiting
// on a hire or decision maker"), the bar giving way down to 16 cells; a
// label longer than that still is cut, never the numbers.
func TestBarsKeepTheLabelAt80(t *testing.T) {
	t.Parallel()
	items := []insights.Count{
		{ID: "price", Label: "Too expensive", Count: 7, Share: 0.27, Change: 4, Compared: true},
		{ID: "waiting", Label: "Waiting on a hire or decision maker", Count: 2, Share: 0.08, Change: 1, Compared: true},
		{ID: "fees", Label: "Hidden fees / pricing confusion", Count: 2, Share: 0.08, Change: -4, Compared: true},
	}
	out := bars(items, 76, Plain())
	checkWidth(t, out, 76)
	for _, want := range []string{"Waiting on a hire or decision maker", "Hidden fees / pricing confusion"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q is cut:\n%s", want, out)
		}
	}
	if n := strings.Count(strings.Split(out, "\n")[0], "█"); n < 16 {
		t.Errorf("the longest bar is %d cells:\n%s", n, out)
	}
}
