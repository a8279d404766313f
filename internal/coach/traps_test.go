package coach

import (
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestEveryModeNamesEveryTrap: the eight thinking traps, the same ids in
// every mode, each with a name and an example in the mode's words, and no
// two modes with the same example (the words are each mode's own).
func TestEveryModeNamesEveryTrap(t *testing.T) {
	examples := map[string]string{}
	for _, m := range catalog(t).Modes() {
		if got := ids(m.Traps, func(t Trap) string { return t.ID }); !slices.Equal(got, journal.Traps) {
			t.Errorf("%s traps = %v, want %v", m.ID, got, journal.Traps)
		}
		for _, id := range journal.Traps {
			tr, ok := m.Trap(id)
			if !ok || strings.TrimSpace(tr.Name) == "" || len(tr.Example) < 10 {
				t.Errorf("%s trap %s = %+v: want a name and an example", m.ID, id, tr)
				continue
			}
			if other, dup := examples[tr.Example]; dup {
				t.Errorf("%s and %s share the example %q", m.ID, other, tr.Example)
			}
			examples[tr.Example] = m.ID
		}
		q := m.Questions
		for name, v := range map[string]string{"thought": q.Thought, "traps": q.Traps, "evidence_for": q.EvidenceFor,
			"evidence_against": q.EvidenceAgainst, "balanced": q.Balanced, "referral": q.Referral,
			"referral_who": q.ReferralWho, "intention_kept": q.IntentionKept} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: questions.%s is empty", m.ID, name)
			}
		}
	}
	// The seed's own example of fortune telling.
	if ex := mode(t, "sales").Traps[2].Example; ex != "They'll never change their minds." {
		t.Errorf("sales fortune telling = %q, want the seed's \"They'll never change their minds.\"", ex)
	}
}

// TestStagesAndMistakes: the lists the issue names, as ids of the mode
// files, and only where they belong.
func TestStagesAndMistakes(t *testing.T) {
	c := catalog(t)
	for _, tt := range []struct {
		mode             string
		stages, mistakes []string
	}{
		{"sales", []string{"discovery", "demo", "proposal", "negotiation"}, nil},
		{"job", []string{"applied", "screen", "interview", "final-round", "offer"}, nil},
		{"school", nil, []string{"content", "careless", "time", "instructions"}},
		{"personal", nil, nil},
	} {
		if got := c.StageIDs(tt.mode); !slices.Equal(got, tt.stages) && len(got)+len(tt.stages) > 0 {
			t.Errorf("%s stages = %v, want %v", tt.mode, got, tt.stages)
		}
		if got := c.MistakeIDs(tt.mode); !slices.Equal(got, tt.mistakes) && len(got)+len(tt.mistakes) > 0 {
			t.Errorf("%s mistakes = %v, want %v", tt.mode, got, tt.mistakes)
		}
		m := mode(t, tt.mode)
		for _, ch := range append(slices.Clone(m.Stages), m.Mistakes...) {
			if ch.Label == "" || ch.Hint == "" {
				t.Errorf("%s %s: want a label and a hint", tt.mode, ch.ID)
			}
		}
		if len(m.Stages) > 0 && m.Questions.Stage == "" {
			t.Errorf("%s has stages but no stage question", tt.mode)
		}
		if len(m.Mistakes) > 0 && (m.Questions.Mistake == "" || m.Questions.Prepared == "") {
			t.Errorf("%s has mistakes but no mistake or prepared question", tt.mode)
		}
	}
	if got := mode(t, "job").StageLabel("final-round"); got != "Final round" {
		t.Errorf("StageLabel(final-round) = %q", got)
	}
	if got := mode(t, "school").MistakeLabel("nope"); got != "nope" {
		t.Errorf("MistakeLabel of an unknown id = %q, want the id", got)
	}
}

func TestLoadRefusesBrokenTraps(t *testing.T) {
	list := func(m map[string]any, key string) []any { return m[key].([]any) }
	for _, tt := range []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"missing trap", func(m map[string]any) { m["traps"] = list(m, "traps")[:7] }, `"catastrophising" is missing`},
		{"unknown trap", func(m map[string]any) {
			m["traps"] = append(list(m, "traps"), map[string]any{"id": "doom", "name": "Doom", "example": "x"})
		}, `unknown trap "doom"`},
		{"empty example", func(m map[string]any) {
			list(m, "traps")[0].(map[string]any)["example"] = " "
		}, `trap "personalising": name and example`},
		{"duplicate stage", func(m map[string]any) {
			m["stages"] = append(list(m, "stages"), map[string]any{"id": "demo", "label": "Again"})
		}, `stages: duplicate id "demo"`},
		{"stage without a question", func(m map[string]any) {
			delete(m["questions"].(map[string]any), "stage")
		}, "questions.stage is empty"},
		{"no thought question", func(m map[string]any) {
			delete(m["questions"].(map[string]any), "thought")
		}, "questions.thought is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFS(brokenFS(t, "modes/sales.json", tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "modes/sales.json") {
				t.Errorf("LoadFS = %v, want an error naming modes/sales.json and %q", err, tt.want)
			}
		})
	}
}

// TestCatalogValidatesThoughtRecord: a No's stage, mistake and secondary
// reasons are checked against its mode; traps against the eight ids.
func TestCatalogValidatesThoughtRecord(t *testing.T) {
	c := catalog(t)
	base := journal.No{Who: "Acme", Date: "2026-03-02", Mode: "sales"}
	for _, tt := range []struct {
		name string
		edit func(n *journal.No)
		want string // "" for valid
	}{
		{"all good", func(n *journal.No) {
			n.Traps, n.Stage, n.SecondaryReasons = []string{"fortune-telling", "labelling"}, "demo", []string{"budget", "timing"}
		}, ""},
		{"unknown trap", func(n *journal.No) { n.Traps = []string{"doom"} }, `unknown thinking trap "doom"; choose one of: personalising,`},
		{"trap twice", func(n *journal.No) { n.Traps = []string{"labelling", "labelling"} }, `traps lists "labelling" twice`},
		{"job stage in sales", func(n *journal.No) { n.Stage = "screen" }, `unknown stage "screen" for mode sales; choose one of: discovery, demo, proposal, negotiation`},
		{"mistake in sales", func(n *journal.No) { n.Mistake = "careless" }, "sales mode has no mistakes; a mistake is for school mode"},
		{"stage in school", func(n *journal.No) { n.Mode, n.Stage = "school", "demo" }, "school mode has no stages; a stage is for sales or job mode"},
		{"school mistake", func(n *journal.No) { n.Mode, n.Mistake, n.Prepared = "school", "time", "Two evenings" }, ""},
		{"secondary not a reason", func(n *journal.No) { n.SecondaryReasons = []string{"salary"} }, `unknown secondary reason "salary" for mode sales`},
	} {
		n := base
		tt.edit(&n)
		err := n.Validate(c)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !journal.IsValidation(err)):
			t.Errorf("%s: err = %v, want a validation error with %q", tt.name, err, tt.want)
		}
	}
}
