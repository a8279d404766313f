package coach

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rebound-coach/rebound/assets"
	"github.com/rebound-coach/rebound/internal/journal"
)

func catalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func mode(t testing.TB, id string) *Mode {
	t.Helper()
	m, err := catalog(t).Mode(id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestModeIDs(t *testing.T) {
	got := catalog(t).ModeIDs()
	want := []string{"sales", "job", "school", "personal"}
	if !slices.Equal(got, want) {
		t.Fatalf("ModeIDs = %v, want %v", got, want)
	}
	if Default() != Default() {
		t.Fatal("Default must load once and return the same catalog")
	}
}

func TestEveryMode(t *testing.T) {
	c := catalog(t)
	for _, m := range c.Modes() {
		t.Run(m.ID, func(t *testing.T) {
			if len(m.Prompts) < 30 {
				t.Errorf("%d prompts, want >= 30", len(m.Prompts))
			}
			for _, p := range m.Prompts {
				if !strings.HasPrefix(p.ID, m.ID+"-") {
					t.Errorf("prompt id %q should start with %q so ids stay stable and unique across modes", p.ID, m.ID+"-")
				}
			}
			if _, ok := m.Reason("other"); !ok {
				t.Error(`no "other" reason`)
			}
			for _, r := range m.Reasons {
				if r.Label == "" || r.Hint == "" {
					t.Errorf("reason %q needs a label and a hint", r.ID)
				}
				if r.ID != "other" && r.Kind == "" && r.ID != "no-feedback" {
					t.Errorf("reason %q has no usual kind", r.ID)
				}
			}
			uniq(t, "reason", m.ReasonIDs())
			uniq(t, "prompt", ids(m.Prompts, func(p Prompt) string { return p.ID }))
			uniq(t, "prompt text", ids(m.Prompts, func(p Prompt) string { return p.Text }))
			uniq(t, "ritual", ids(m.Rituals, func(r Ritual) string { return r.ID }))
			uniq(t, "suggestion", ids(m.Suggestions, func(r Rule) string { return r.ID }))

			for _, k := range journal.Kinds {
				ki, ok := m.KindInfo(k)
				if !ok {
					t.Errorf("kind %s missing", k)
					continue
				}
				if ki.Label == "" || len(ki.Explain) < 20 {
					t.Errorf("kind %s: label %q, explain %q: both must teach the difference", k, ki.Label, ki.Explain)
				}
			}
			if d := m.SuggestFollowUpDays(journal.KindFinal); d != 0 {
				t.Errorf("final: follow up in %d days, want 0 (none)", d)
			}
			if nu, nn := m.SuggestFollowUpDays(journal.KindNotUnderstood), m.SuggestFollowUpDays(journal.KindNotNow); nu <= 0 || nu >= nn {
				t.Errorf("not-understood (%d days) should be followed up sooner than not-now (%d days)", nu, nn)
			}
			if m.SuggestFollowUpDays("") <= 0 {
				t.Error("a No without a kind should still get a follow-up suggestion")
			}

			q := m.Questions
			for name, v := range map[string]string{
				"turnaround": q.Turnaround, "said": q.Said, "assumed": q.Assumed, "real": q.Real,
				"kind": q.Kind, "competitor": q.Competitor, "lesson": q.Lesson, "next": q.Next,
				"intention": q.Intention, "win": q.Win, "mood": q.Mood,
				"competitor_hint": q.CompetitorHint, "competitor_why": q.CompetitorWhy,
				"who": q.Who, "who_hint": q.WhoHint, "contact": q.Contact, "contact_hint": q.ContactHint,
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("questions.%s is empty", name)
				}
			}
			if len(q.AskWhy) < 2 || !slices.ContainsFunc(q.AskWhy, func(s string) bool { return strings.HasPrefix(s, "Can you share what influenced") }) {
				t.Errorf("ask_why = %q: want at least two, including the seed's \"Can you share what influenced...\"", q.AskWhy)
			}

			for id, typ := range map[string]string{"breathing": "breathing", "walk": "walk", "win": "win"} {
				r, ok := m.Ritual(id)
				if !ok || r.Type != typ || r.Name == "" || len(r.Steps) == 0 {
					t.Errorf("ritual %q = %+v, want type %q with a name and steps", id, r, typ)
				}
			}
			if b, _ := m.Ritual("breathing"); b.Seconds != 60 || !strings.HasPrefix(b.Steps[0], "Inhale") ||
				b.Steps[1] != "Hold" || !strings.HasPrefix(b.Steps[2], "Exhale") {
				t.Errorf("breathing ritual = %+v, want one minute of inhale/hold/exhale", b)
			}
			if len(m.Rituals) < 4 {
				t.Errorf("%d rituals, want breathing, walk, win and at least one more", len(m.Rituals))
			}

			// The seed's request for ten minutes of feedback, except in
			// personal mode, where it is a kind note (TestDebriefPersonalIsKind).
			d := m.Debrief
			if m.ID != "personal" && (d.Subject != "Can I ask a quick favor?" || !strings.Contains(d.Body, "10 minutes")) {
				t.Errorf("debrief subject = %q, body:\n%s\nwant the seed's favour of 10 minutes", d.Subject, d.Body)
			}
			if !strings.Contains(d.Body, ".Contact") || !strings.Contains(d.Body, "{{.Name}}") {
				t.Errorf("debrief body must greet the contact when known and be signed {{.Name}}:\n%s", d.Body)
			}
			if d.MessageTitle == "" || d.QuestionsTitle == "" {
				t.Errorf("debrief message_title %q, questions_title %q: both must be set", d.MessageTitle, d.QuestionsTitle)
			}
			if qs := m.DebriefQuestions(); len(qs) != 5 || !strings.Contains(strings.ToLower(qs[4]), "change") {
				t.Errorf("debrief questions = %q: want the seed's five, the last asking what could change their mind", qs)
			}

			metrics := map[string]bool{}
			for _, r := range m.Suggestions {
				metrics[r.Metric] = true
			}
			for _, want := range []string{"reason_share", "kind_share", "tag_share", "competitor_top", "guessed_reason"} {
				if !metrics[want] {
					t.Errorf("no suggestion uses metric %s", want)
				}
			}
		})
	}
}

func ids[T any](s []T, f func(T) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

func uniq(t *testing.T, what string, s []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range s {
		if v == "" || seen[v] {
			t.Errorf("%s id %q is empty or duplicated", what, v)
		}
		seen[v] = true
	}
}

func TestReasonTaxonomies(t *testing.T) {
	tests := []struct {
		mode    string
		exact   bool
		reasons []string
	}{
		{"sales", true, []string{"price", "budget", "timing", "no-need", "waiting", "competitor", "hidden-fees", "misunderstood", "confused", "trust", "product-gap", "other"}},
		{"job", false, []string{"experience", "filled-internally", "salary", "fit", "no-feedback", "skills", "timing", "competitor", "other"}},
		{"school", false, []string{"misunderstood", "time", "other"}},
		{"personal", false, []string{"busy", "other-plans", "other"}},
	}
	c := catalog(t)
	for _, tt := range tests {
		got := c.ReasonIDs(tt.mode)
		if tt.exact && !slices.Equal(got, tt.reasons) {
			t.Errorf("%s reasons = %v, want exactly %v", tt.mode, got, tt.reasons)
		}
		for _, id := range tt.reasons {
			if !c.HasReason(tt.mode, id) {
				t.Errorf("%s: reason %q missing", tt.mode, id)
			}
		}
	}
	if c.HasReason("sales", "salary") || c.HasReason("nope", "price") || c.ReasonIDs("nope") != nil {
		t.Error("HasReason/ReasonIDs must reject another mode's reason and an unknown mode")
	}
	if !c.HasReason("", "price") {
		t.Error(`mode "" should mean the default mode`)
	}
	r, _ := mode(t, "sales").Reason("hidden-fees")
	if r.Kind != journal.KindNotUnderstood {
		t.Errorf("hidden-fees kind = %q, want not-understood", r.Kind)
	}
}

// The catalog is what journal validation asks about reasons.
func TestCatalogValidatesNos(t *testing.T) {
	c := catalog(t)
	ok := journal.No{Who: "Acme", Date: "2026-11-20", Mode: "sales", Reason: "hidden-fees", Assumed: "price"}
	if err := ok.Validate(c); err != nil {
		t.Fatalf("valid No refused: %v", err)
	}
	bad := journal.No{Who: "Acme", Date: "2026-11-20", Mode: "sales", Reason: "salary"}
	err := bad.Validate(c)
	if !journal.IsValidation(err) || !strings.Contains(err.Error(), "price, budget, timing") {
		t.Fatalf("job reason in sales mode: err = %v, want a validation error listing the sales reasons", err)
	}
	job := journal.No{Who: "Initech", Date: "2026-11-20", Mode: "job", Reason: "filled-internally"}
	if err := job.Validate(c); err != nil {
		t.Fatalf("valid job No refused: %v", err)
	}
}

func TestModeLookup(t *testing.T) {
	c := catalog(t)
	for _, id := range []string{"sales", "SALES", " job ", "", "personal"} {
		m, err := c.Mode(id)
		if err != nil {
			t.Errorf("Mode(%q): %v", id, err)
			continue
		}
		want := strings.ToLower(strings.TrimSpace(id))
		if want == "" {
			want = "sales"
		}
		if m.ID != want {
			t.Errorf("Mode(%q).ID = %q, want %q", id, m.ID, want)
		}
	}
	_, err := c.Mode("x")
	const want = `unknown mode "x"; choose one of: sales, job, school, personal`
	if err == nil || err.Error() != want || !journal.IsValidation(err) {
		t.Fatalf("Mode(x) err = %v, want validation error %q", err, want)
	}
}

// The phrases the spec takes from the seed articles must reach the user.
func TestSalesContentPhrases(t *testing.T) {
	m := mode(t, "sales")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	all := buf.String()
	for _, phrase := range []string{
		"Can you share why you won't move forward?",
		"Can you share what influenced your decision?",
		"What would need to change for us to revisit this?",
		"Can I ask a quick favor?",
		"How did you feel when you first heard no",
		"What follow-up question will you ask next time?",
		"How can this rejection data inform your next pitch?",
		"What could you have done differently?",
		"Was there a disconnect between your pitch and their needs?",
		"What is in your control here?",
		"10 minutes",
	} {
		if !strings.Contains(all, phrase) {
			t.Errorf("sales content lacks %q", phrase)
		}
	}
	if !slices.Contains(m.Questions.AskWhy, "Can you share why you won't move forward?") {
		t.Error("ask_why lacks the seed question")
	}
	if m.Questions.Turnaround != "What would need to change for us to revisit this?" {
		t.Errorf("turnaround = %q", m.Questions.Turnaround)
	}
	if m.Questions.Intention != "What follow-up question will you ask next time?" {
		t.Errorf("intention = %q", m.Questions.Intention)
	}
	for _, want := range []struct {
		kind journal.Kind
		days int
	}{{journal.KindNotNow, 90}, {journal.KindNotUnderstood, 2}, {journal.KindNotThis, 30}, {journal.KindNotYou, 60}, {journal.KindFinal, 0}} {
		if got := m.SuggestFollowUpDays(want.kind); got != want.days {
			t.Errorf("follow up %s after %d days, want %d", want.kind, got, want.days)
		}
	}
	qs := m.DebriefQuestions()
	for i, word := range []string{"interested", "not to move forward", "competitor", "improve", "change your mind"} {
		if !strings.Contains(qs[i], word) {
			t.Errorf("debrief question %d = %q, want it about %q (seed order)", i+1, qs[i], word)
		}
	}
}

func TestSalesSuggestions(t *testing.T) {
	m := mode(t, "sales")
	has := func(metric string, keys ...string) *Rule {
		for i, r := range m.Suggestions {
			if r.Metric == metric && (len(keys) == 0 || slices.Equal(r.Keys, keys)) {
				return &m.Suggestions[i]
			}
		}
		t.Errorf("no %s rule with keys %v", metric, keys)
		return nil
	}
	price := has("reason_share", "price", "budget")
	has("reason_share", "timing")
	has("kind_share", "not-now")
	has("tag_share", "outside-icp")
	has("reason_share", "no-need")
	has("reason_share", "confused", "misunderstood", "hidden-fees")
	has("kind_share", "not-understood")
	comp := has("competitor_top")
	ask := has("guessed_reason")
	if t.Failed() {
		return
	}
	if text, because := price.Render(RuleData{Count: 4, Total: 10, Percent: 40}); !strings.Contains(text, "ROI") ||
		because != "price or budget in 4 of 10 No's (40%)" {
		t.Errorf("price rule renders %q / %q", text, because)
	}
	name := `"Big & Co" <Ltd> {{.Count}}`
	if text, because := comp.Render(RuleData{Count: 3, Total: 9, Percent: 33, Name: name}); !strings.Contains(text, name) || !strings.HasPrefix(because, name+" ") || !strings.Contains(because, "3 of 9") {
		t.Errorf("competitor rule renders %q / %q, want the name verbatim", text, because)
	}
	if text, _ := ask.Render(RuleData{}); !strings.Contains(text, "Can you share why you won't move forward?") {
		t.Errorf("ask-why rule = %q", text)
	}
	for _, r := range m.Suggestions {
		if r.MinCount < 1 || r.MinShare <= 0 {
			t.Errorf("rule %s fires on nothing (min_count %d, min_share %v)", r.ID, r.MinCount, r.MinShare)
		}
	}
}

// simulate runs a reflection on each given day (sessions per day), feeding
// back what was shown, as the store would.
func simulate(m *Mode, days []journal.Day, sessions int) (map[journal.Day][]string, error) {
	seen := map[journal.Day][]string{}
	for _, d := range days {
		for range sessions {
			p := m.PickPrompt(seen, d)
			if p.ID == "" {
				return seen, fmt.Errorf("%s: empty prompt", d)
			}
			if slices.Contains(seen[d], p.ID) {
				return seen, fmt.Errorf("%s: session %d repeats %s shown earlier that day", d, len(seen[d])+1, p.ID)
			}
			if slices.Contains(seen[d.AddDays(-1)], p.ID) {
				return seen, fmt.Errorf("%s: %s was also yesterday's prompt", d, p.ID)
			}
			for back := 1; back < 7; back++ {
				if slices.Contains(seen[d.AddDays(-back)], p.ID) {
					return seen, fmt.Errorf("%s: %s repeats after %d days", d, p.ID, back)
				}
			}
			seen[d] = append(seen[d], p.ID)
		}
	}
	return seen, nil
}

func dayRange(start journal.Day, n, step int) []journal.Day {
	var out []journal.Day
	for i := range n {
		out = append(out, start.AddDays(i*step))
	}
	return out
}

// brokenFS is the embedded content with sales.json replaced by edit's result.
func brokenFS(t *testing.T, file string, edit func(m map[string]any)) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := fs.Glob(assets.Modes, "modes/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range entries {
		data, _ := fs.ReadFile(assets.Modes, name)
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if edit != nil {
		var m map[string]any
		if err := json.Unmarshal(fsys["modes/sales.json"].Data, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		data, _ := json.Marshal(m)
		delete(fsys, "modes/sales.json")
		fsys[file] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
