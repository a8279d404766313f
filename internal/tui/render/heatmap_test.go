package render

import (
	"strings"
	"testing"

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
		Rest: map[journal.Day]bool{"2026-11-19": true}, // last week's Thu: z
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
	if got := row(3); got != "    ········z" {
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
	if got := LegendLine(nil); got != "· none  ░ 1  ▒ 2  ▓ 3  █ 4+  z rest day" {
		t.Fatalf("%q", got)
	}
}
