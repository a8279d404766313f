package coach

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestPickPromptRotation(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		name     string
		days     []journal.Day
		sessions int
	}{
		{"60 days in a row", dayRange("2026-01-01", 60, 1), 1},
		{"every other day", dayRange("2026-03-01", 40, 2), 1},
		{"two sessions a day", dayRange("2026-06-01", 60, 1), 2},
		{"across a year end", dayRange("2026-12-20", 30, 1), 1},
	}
	for _, m := range c.Modes() {
		for _, tt := range tests {
			t.Run(m.ID+"/"+tt.name, func(t *testing.T) {
				seen, err := simulate(m, tt.days, tt.sessions)
				if err != nil {
					t.Fatal(err)
				}
				// Least recently seen first: the first len(prompts) picks cover every prompt.
				first := map[string]bool{}
				for _, d := range tt.days {
					for _, id := range seen[d] {
						if len(first) < len(m.Prompts) {
							first[id] = true
						}
					}
				}
				if total := len(tt.days) * tt.sessions; total >= len(m.Prompts) && len(first) != len(m.Prompts) {
					t.Errorf("first %d picks used %d distinct prompts; unseen ones were skipped", len(m.Prompts), len(first))
				}
			})
		}
	}
}

func TestPickPromptDeterministic(t *testing.T) {
	m := mode(t, "sales")
	seen := map[journal.Day][]string{"2026-05-01": {"sales-01"}, "2026-05-03": {"sales-07", "sales-02"}}
	a := m.PickPrompt(seen, "2026-05-04")
	for range 20 { // map iteration order must not leak into the choice
		if b := m.PickPrompt(seen, "2026-05-04"); b != a {
			t.Fatalf("same inputs gave %s then %s", a.ID, b.ID)
		}
	}
	if a.ID == "sales-07" || a.ID == "sales-02" || a.ID == "sales-01" {
		t.Errorf("picked %s although unseen prompts remain", a.ID)
	}
	// Different days should not all start on the same prompt.
	firsts := map[string]bool{}
	for _, d := range dayRange("2026-01-01", 10, 1) {
		firsts[m.PickPrompt(nil, d).ID] = true
	}
	if len(firsts) < 3 {
		t.Errorf("fresh journals on 10 different days got only %d distinct prompts", len(firsts))
	}
}

func TestPickPromptSmallSets(t *testing.T) {
	prompts := func(n int) []Prompt {
		var ps []Prompt
		for i := range n {
			ps = append(ps, Prompt{ID: fmt.Sprintf("p%d", i), Text: fmt.Sprintf("prompt %d", i)})
		}
		return ps
	}
	const today = journal.Day("2026-04-10")
	yesterday := today.AddDays(-1)
	tests := []struct {
		name    string
		n       int
		seen    map[journal.Day][]string
		want    []string // any of these
		notWant []string
	}{
		{"no prompts", 0, nil, []string{""}, nil},
		{"one prompt, even if shown yesterday", 1, map[journal.Day][]string{yesterday: {"p0"}}, []string{"p0"}, nil},
		{"two prompts alternate", 2, map[journal.Day][]string{yesterday: {"p0"}}, []string{"p1"}, nil},
		{"yesterday beats today's repeat", 3, map[journal.Day][]string{yesterday: {"p0"}, today: {"p1", "p2"}}, []string{"p1", "p2"}, []string{"p0"}},
		{"third session today", 3, map[journal.Day][]string{yesterday: {"p0"}, today: {"p1"}}, []string{"p2"}, nil},
		{"least recently seen", 3, map[journal.Day][]string{"2026-04-01": {"p2"}, "2026-04-05": {"p1"}, "2026-04-08": {"p0"}}, []string{"p2"}, nil},
		{"future days ignored", 2, map[journal.Day][]string{"2026-05-01": {"p0"}, yesterday: {"p1"}}, []string{"p0"}, nil},
		{"unknown ids ignored", 2, map[journal.Day][]string{yesterday: {"gone", "p1"}}, []string{"p0"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Mode{ID: "t", Prompts: prompts(tt.n)}
			got := m.PickPrompt(tt.seen, today).ID
			if !slices.Contains(tt.want, got) || slices.Contains(tt.notWant, got) {
				t.Errorf("picked %q, want one of %q", got, tt.want)
			}
		})
	}
}
