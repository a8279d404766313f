package render

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/streak"
)

func TestDrawHeatmap(t *testing.T) {
	today := journal.Day("2026-11-25") // a Wednesday
	in := streak.Input{
		Today: today,
		Activity: map[journal.Day]int{
			"2026-11-23": 1, // Mon: ░
			"2026-11-24": 5, // Tue: █ (4+)
			"2026-11-17": 2, // last week's Tue: ▒
		},
		Rest: map[journal.Day]bool{"2026-11-19": true}, // last week's Thu: ~
	}
	cols := streak.Heatmap(in, 10)
	lines := DrawHeatmap(cols, 1, nil)
	if len(lines) != 9 {
		t.Fatalf("%d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	row := func(i int) string { return lines[1+i] } // 0 = Monday
	if got := row(0); got != "Mon ·········░" {
		t.Errorf("Monday row %q", got)
	}
	if got := row(1); got != "    ········▒█" {
		t.Errorf("Tuesday row %q", got)
	}
	if got := row(3); got != "    ········~" {
		t.Errorf("Thursday row %q (today's week is blank after today)", got)
	}
	if !strings.HasPrefix(row(2), "Wed ") || !strings.HasPrefix(row(4), "Fri ") {
		t.Errorf("labels:\n%s", strings.Join(lines, "\n"))
	}
	// Months: the columns start Sep 22 .. Nov 23; Oct and Nov are labelled where they begin.
	if !strings.Contains(lines[0], "Oct") || !strings.Contains(lines[0], "Nov") {
		t.Errorf("month line %q", lines[0])
	}
	if at := strings.Index(lines[0], "Nov"); at != HeatLabelWidth+6 { // first Monday in Nov is the 2nd: column 6
		t.Errorf("Nov at %d in %q", at, lines[0])
	}
	last := lines[8]
	if !strings.HasSuffix(last, "today ↑") || ansi.StringWidth(last) != HeatLabelWidth+10 {
		t.Errorf("today marker %q", last)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > HeatLabelWidth+10 {
			t.Errorf("too wide: %q", l)
		}
	}

	wide := DrawHeatmap(cols, 2, nil)
	if got := wide[2]; got != "    · · · · · · · · ▒ █" {
		t.Errorf("two-column Tuesday row %q", got)
	}
}

func TestHeatWeeks(t *testing.T) {
	for _, tc := range []struct{ width, cellW, want int }{
		{78, 1, 53}, {78, 2, 37}, {20, 1, 16}, {3, 1, 0}, {0, 2, 0}, {200, 2, 53},
	} {
		if got := HeatWeeks(tc.width, tc.cellW); got != tc.want {
			t.Errorf("HeatWeeks(%d, %d) = %d, want %d", tc.width, tc.cellW, got, tc.want)
		}
	}
}

func TestDrawHeatmapTiny(t *testing.T) {
	in := streak.Input{Today: "2026-11-25"}
	lines := DrawHeatmap(streak.Heatmap(in, 1), 1, nil)
	if len(lines) != 9 || lines[8] != "    ↑" {
		t.Fatalf("%q", lines)
	}
	if DrawHeatmap(nil, 1, nil) != nil {
		t.Fatal("no columns, no lines")
	}
}

func TestLegend(t *testing.T) {
	if got := LegendLine(nil, false); got != "· none  ░ 1  ▒ 2  ▓ 3  █ 4+  ~ rest day" {
		t.Fatalf("%q", got)
	}
	if got := LegendLine(nil, true); got != "· none  ░ 1  ▒ 2  ▓ 3  █ 4+  ~ rest day  - day off" {
		t.Fatalf("with days off: %q", got)
	}
}

// A day outside the workdays is not a missed day: it is drawn apart ("-",
// in the legend), unless something was done on it; a missed workday stays
// "·". No glyph of the legend is a letter, which would read as a key (the
// streak legend said "z rest day" while the key was t).
func TestHeatmapDrawsDaysOffApart(t *testing.T) {
	in := streak.Input{
		Today:    "2026-11-25", // a Wednesday
		Workdays: journal.WorkweekOf([]string{"mon", "tue", "wed", "thu", "fri"}),
		Activity: map[journal.Day]int{"2026-11-22": 1}, // last Sunday: something done
	}
	lines := DrawHeatmap(streak.Heatmap(in, 2), 1, nil)
	row := func(i int) string { return lines[1+i] }
	if got := row(5); got != "    -" { // this week's is still ahead
		t.Errorf("Saturday row %q, want days off drawn -", got)
	}
	if got := row(6); got != "    ░" {
		t.Errorf("Sunday row %q: a day off with something done shows it", got)
	}
	if got := row(3); got != "    ·" {
		t.Errorf("Thursday row %q: a missed workday is ·", got)
	}
	for _, it := range Legend(true) {
		if r := []rune(it.Glyph); len(r) == 1 && unicode.IsLetter(r[0]) {
			t.Errorf("legend glyph %q (%s) reads as a key", it.Glyph, it.Label)
		}
	}
}
