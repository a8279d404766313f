package logview

import (
	"slices"
	"strings"
	"testing"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func keysOf(fs []huh.Field) []string {
	var ks []string
	for _, f := range fs {
		ks = append(ks, f.GetKey())
	}
	return ks
}

// Each mode asks only the questions its file lists, in the log and the
// edit form alike: sales the stage and the other reasons, job the stage,
// school the exam wrapper (how I prepared, the kind of mistake, what I
// will do differently), personal none of them.
func TestFormAsksTheModesOwnQuestions(t *testing.T) {
	t.Parallel()
	all := []string{"secondary_reasons", "stage", "prepared", "mistake", "lesson"}
	for mode, want := range map[string][]string{
		"sales":    {"reason_source", "secondary_reasons", "stage", "change"},
		"job":      {"reason_source", "stage", "change"},
		"school":   {"change", "prepared", "mistake", "lesson", "follow_up"},
		"personal": {"reason_source", "change", "follow_up"},
	} {
		ctx, db := tuitest.Context(t)
		ctx.ModeOverride = mode
		n := tuitest.Add(t, db, journal.No{Who: "Acme", Mode: mode})
		for name, m := range map[string]*Model{"log": New(ctx, db), "edit": Edit(ctx, db, n)} {
			got := keysOf(m.fields())
			// In order, next to each other.
			if i := slices.Index(got, want[0]); i < 0 || len(got) < i+len(want) || !slices.Equal(got[i:i+len(want)], want) {
				t.Errorf("%s %s form asks %v; want %v in a row", mode, name, got, want)
			}
			for _, k := range all {
				if slices.Contains(got, k) != slices.Contains(want, k) {
					t.Errorf("%s %s form: asks %q is %v", mode, name, k, slices.Contains(got, k))
				}
			}
		}
	}
}

// What the mode's questions answer is saved: the primary reason is never
// also a secondary one; the edit form leaves a field its mode does not ask
// as it was.
func TestModeAnswersAreSaved(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	ctx.ModeOverride = "sales"
	m := New(ctx, db)
	m.vals.Who, m.vals.Reason, m.vals.Source = "Acme", "price", "said"
	m.vals.Mode = modeValues{Stage: "demo", Secondary: []string{"price", "timing"}}
	n := saved(t, m)
	if n.Stage != "demo" || !slices.Equal(n.SecondaryReasons, []string{"timing"}) || n.Reason != "price" {
		t.Errorf("sales No saved with stage %q, secondary %v, reason %q", n.Stage, n.SecondaryReasons, n.Reason)
	}

	ctx.ModeOverride = "school"
	m = New(ctx, db)
	m.vals.Who = "Ms Rivera"
	m.vals.Mode = modeValues{Prepared: " Flashcards the night before ", Mistake: "time", Lesson: "Start a week earlier"}
	n = saved(t, m)
	if n.Prepared != "Flashcards the night before" || n.Mistake != "time" || n.Lesson != "Start a week earlier" || n.Stage != "" {
		t.Errorf("school No saved %+v", n)
	}

	// A job No with other reasons (set on the command line): the job form
	// does not ask them, so an edit keeps them.
	job := tuitest.Add(t, db, journal.No{Who: "Globex", Mode: "job", SecondaryReasons: []string{"skills"}})
	ctx.ModeOverride = "job"
	m = Edit(ctx, db, job)
	m.vals.Mode.Stage = "interview"
	saved(t, m)
	got, err := db.GetNo(job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Stage != "interview" || !slices.Equal(got.SecondaryReasons, []string{"skills"}) {
		t.Errorf("edited job No: stage %q, secondary %v", got.Stage, got.SecondaryReasons)
	}
}

// saved runs the form's save and is the No it stored.
func saved(t *testing.T, m *Model) journal.No {
	t.Helper()
	msg := m.save()()
	sv, ok := msg.(Saved)
	if !ok {
		t.Fatalf("save: %+v", msg)
	}
	return sv.No
}

// Asked as accessible prompts, the other reasons are offered once the
// reason is answered, without it; each stage says what it covers.
func TestStandaloneOffersTheOtherReasons(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := NewStandalone(ctx, db)
	qs := s.Questions()
	byKey := map[string]common.Question{}
	for _, q := range qs {
		byKey[q.Field.GetKey()] = q
	}
	sec, stage := byKey["secondary_reasons"], byKey["stage"]
	if sec.Before == nil || !strings.Contains(sec.Hint, "0 when done") || !strings.Contains(stage.Hint, "Each stage comes with what it covers") {
		t.Fatalf("secondary %+v, stage hint %q", sec, stage.Hint)
	}
	s.m.vals.Reason = "price" // answered before
	sec.Before()
	var b strings.Builder
	if err := sec.Field.(*huh.MultiSelect[string]).RunAccessible(&b, strings.NewReader("2\n0\n")); err != nil {
		t.Fatal(err)
	}
	if v := b.String(); strings.Contains(v, "Too expensive") || !strings.Contains(v, "No budget") {
		t.Errorf("offered:\n%s", v)
	}
	if !slices.Equal(s.m.vals.Mode.Secondary, []string{"timing"}) {
		t.Errorf("picked %v, want [timing] (the second offered)", s.m.vals.Mode.Secondary)
	}
	if v := stage.Field.(*huh.Select[string]).GetValue(); v != "" {
		t.Errorf("stage starts at %q", v)
	}
}
