package coach

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// MinPrompts is the fewest prompts a mode may have: enough that a month of
// daily reflections never repeats one.
const MinPrompts = 30

// Metrics a Rule may use (see Rule).
var Metrics = []string{"reason_share", "kind_share", "tag_share", "competitor_top", "guessed_reason"}

// parseMode decodes one mode file strictly: a misspelt field is an error
// rather than content that silently never shows.
func parseMode(data []byte) (*Mode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Mode
	if err := dec.Decode(&m); err != nil {
		return nil, jsonError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the mode object")
	}
	return &m, nil
}

// jsonError adds a line number to decoding errors that only carry an offset.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	return fmt.Errorf("invalid JSON at line %d: %w", line, err)
}

// validate checks what the screens rely on; file is the file's base name,
// which must equal the mode id so `--mode X` and X.json never disagree.
func (m *Mode) validate(file string) error {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }

	switch {
	case m.ID == "":
		bad("id is empty")
	case m.ID != file:
		bad("id %q does not match the file name (expected %q)", m.ID, file)
	case m.ID != strings.ToLower(strings.TrimSpace(m.ID)):
		bad("id %q must be lower case without spaces", m.ID)
	}
	if m.Label == "" {
		bad("label is empty")
	}
	if m.Words.Who == "" || m.Words.Offer == "" {
		bad("words.who and words.offer must be set")
	}
	if a := m.Words.Alternative; a.One == "" || a.Many == "" || a.Why == "" || a.None == "" {
		bad("words.alternative needs one, many, why and none")
	}
	if r := m.Review; r.Question == "" || r.Example == "" || r.Intro == "" || r.Focus == "" {
		bad("review needs question, example, intro and focus")
	}
	if m.FollowUpDays < 0 {
		bad("follow_up_days is negative")
	}

	ids := map[string]bool{}
	for i, r := range m.Reasons {
		switch {
		case r.ID == "":
			bad("reasons[%d]: id is empty", i)
		case ids[r.ID]:
			bad("reasons: duplicate id %q", r.ID)
		}
		ids[r.ID] = true
		if r.Label == "" {
			bad("reason %q: label is empty", r.ID)
		}
		if r.Kind != "" && !slices.Contains(journal.Kinds, r.Kind) {
			bad("reason %q: unknown kind %q", r.ID, r.Kind)
		}
	}
	if !ids["other"] {
		bad(`reasons: the "other" reason is missing (every mode needs one)`)
	}

	kinds := map[journal.Kind]bool{}
	for _, k := range m.Kinds {
		switch {
		case !slices.Contains(journal.Kinds, k.Kind):
			bad("kinds: unknown kind %q", k.Kind)
		case kinds[k.Kind]:
			bad("kinds: duplicate kind %q", k.Kind)
		}
		kinds[k.Kind] = true
		if k.Label == "" || k.Explain == "" {
			bad("kind %q: label and explain must be set", k.Kind)
		}
		if k.FollowUpDays < 0 {
			bad("kind %q: follow_up_days is negative", k.Kind)
		}
		if k.Referral == nil {
			bad("kind %q: referral must be true or false (may the reframe ask them for a referral after this kind of no?)", k.Kind)
		}
	}
	for _, k := range journal.Kinds {
		if !kinds[k] {
			bad("kinds: %q is missing (all of %s are needed)", k, kindList())
		}
	}

	m.validateTraps(bad)
	m.validatePrep(bad)
	stages := validateChoices(bad, "stages", m.Stages)
	mistakes := validateChoices(bad, "mistakes", m.Mistakes)

	q := m.Questions
	for _, f := range []struct{ name, v string }{
		{"thought", q.Thought}, {"traps", q.Traps}, {"evidence_for", q.EvidenceFor},
		{"evidence_against", q.EvidenceAgainst}, {"balanced", q.Balanced}, {"referral", q.Referral},
		{"referral_who", q.ReferralWho}, {"intention_kept", q.IntentionKept},
	} {
		if strings.TrimSpace(f.v) == "" {
			bad("questions.%s is empty", f.name)
		}
	}
	if stages && strings.TrimSpace(q.Stage) == "" {
		bad("questions.stage is empty (the mode has stages)")
	}
	if mistakes && (strings.TrimSpace(q.Mistake) == "" || strings.TrimSpace(q.Prepared) == "") {
		bad("questions.mistake and questions.prepared must be set (the mode has mistakes)")
	}
	if len(q.AskWhy) == 0 || slices.Contains(q.AskWhy, "") {
		bad("questions.ask_why needs at least one question and no empty ones")
	}
	if q.Turnaround == "" {
		bad("questions.turnaround is empty")
	}
	if q.Intention == "" {
		bad("questions.intention is empty")
	}

	if len(m.Prompts) < MinPrompts {
		bad("prompts: %d found, at least %d are needed", len(m.Prompts), MinPrompts)
	}
	pids := map[string]bool{}
	for i, p := range m.Prompts {
		switch {
		case p.ID == "":
			bad("prompts[%d]: id is empty", i)
		case pids[p.ID]:
			bad("prompts: duplicate id %q", p.ID)
		}
		pids[p.ID] = true
		if strings.TrimSpace(p.Text) == "" {
			bad("prompt %q: text is empty", p.ID)
		}
	}

	rids := map[string]bool{}
	for i, r := range m.Rituals {
		switch {
		case r.ID == "":
			bad("rituals[%d]: id is empty", i)
		case rids[r.ID]:
			bad("rituals: duplicate id %q", r.ID)
		}
		rids[r.ID] = true
		if r.Type == "" || r.Name == "" {
			bad("ritual %q: type and name must be set", r.ID)
		}
		if len(r.StepSeconds) > 0 && len(r.StepSeconds) != len(r.Steps) {
			bad("ritual %q: step_seconds needs one duration per step", r.ID)
		}
		if r.Type == "breathing" && (r.Seconds <= 0 || len(r.StepSeconds) == 0) {
			bad("ritual %q: a breathing ritual needs seconds and step_seconds", r.ID)
		}
	}

	d := m.Debrief
	if d.Subject == "" || d.Body == "" || len(d.Questions) == 0 {
		bad("debrief: subject, body and questions must all be set")
	}
	if err := checkTemplate(d.Body, debriefData{Who: "x", Contact: "c", Name: "y"}); err != nil {
		bad("debrief.body: %v", err)
	}

	sids := map[string]bool{}
	for i, r := range m.Suggestions {
		switch {
		case r.ID == "":
			bad("suggestions[%d]: id is empty", i)
		case sids[r.ID]:
			bad("suggestions: duplicate id %q", r.ID)
		}
		sids[r.ID] = true
		if !slices.Contains(Metrics, r.Metric) {
			bad("suggestion %q: unknown metric %q (one of: %s)", r.ID, r.Metric, strings.Join(Metrics, ", "))
		}
		needsKeys := r.Metric == "reason_share" || r.Metric == "kind_share" || r.Metric == "tag_share"
		if needsKeys && len(r.Keys) == 0 {
			bad("suggestion %q: metric %s needs keys", r.ID, r.Metric)
		}
		for _, k := range r.Keys {
			if r.Metric == "reason_share" && !ids[k] {
				bad("suggestion %q: %q is not a reason of this mode", r.ID, k)
			}
			if r.Metric == "kind_share" && !slices.Contains(journal.Kinds, journal.Kind(k)) {
				bad("suggestion %q: %q is not a kind of no", r.ID, k)
			}
		}
		if r.MinShare < 0 || r.MinShare > 1 {
			bad("suggestion %q: min_share must be between 0 and 1", r.ID)
		}
		if r.Text == "" || r.Because == "" {
			bad("suggestion %q: text and because must be set", r.ID)
		}
		sample := RuleData{Count: 1, Total: 2, Percent: 50, Name: "x"}
		if err := checkTemplate(r.Text, sample); err != nil {
			bad("suggestion %q: text: %v", r.ID, err)
		}
		if err := checkTemplate(r.Because, sample); err != nil {
			bad("suggestion %q: because: %v", r.ID, err)
		}
	}

	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// validateTraps checks that the mode names every thinking trap once, with
// a name and an example, and no trap the journal does not know.
func (m *Mode) validateTraps(bad func(string, ...any)) {
	seen := map[string]bool{}
	for i, t := range m.Traps {
		switch {
		case !slices.Contains(journal.Traps, t.ID):
			bad("traps[%d]: unknown trap %q (the traps are %s)", i, t.ID, strings.Join(journal.Traps, ", "))
		case seen[t.ID]:
			bad("traps: duplicate id %q", t.ID)
		}
		seen[t.ID] = true
		if strings.TrimSpace(t.Name) == "" || strings.TrimSpace(t.Example) == "" {
			bad("trap %q: name and example must be set", t.ID)
		}
	}
	for _, id := range journal.Traps {
		if !seen[id] {
			bad("traps: %q is missing (every mode names all of %s)", id, strings.Join(journal.Traps, ", "))
		}
	}
}

// validateChoices checks a short list (stages, mistakes): ids lower case
// without spaces, each once, each with a label. It reports whether the
// list has entries.
func validateChoices(bad func(string, ...any), name string, cs []Choice) bool {
	seen := map[string]bool{}
	for i, c := range cs {
		switch {
		case c.ID == "" || c.ID != strings.ToLower(c.ID) || strings.ContainsAny(c.ID, " \t"):
			bad("%s[%d]: id %q must be set, lower case, without spaces", name, i, c.ID)
		case seen[c.ID]:
			bad("%s: duplicate id %q", name, c.ID)
		}
		seen[c.ID] = true
		if strings.TrimSpace(c.Label) == "" {
			bad("%s %q: label is empty", name, c.ID)
		}
	}
	return len(cs) > 0
}

func kindList() string {
	s := make([]string, len(journal.Kinds))
	for i, k := range journal.Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
