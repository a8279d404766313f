package reflectview

import (
	"fmt"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Steps is how many numbered steps the reflection has.
const Steps = totalSteps

// Standalone is the daily reflection outside the TUI (accessible mode):
// the same questions, prompt rotation and save as the screen, driven by
// the caller step by step, with the ritual told as text.
type Standalone struct{ m *Model }

// NewStandalone loads today (No's logged, an earlier session, the prompts
// seen lately) from db and picks today's prompt. ctx needs Catalog,
// Settings and Now; Styles is not used.
func NewStandalone(ctx *common.Context, db Store) (*Standalone, error) {
	m := New(ctx, db)
	msg, _ := m.Init()().(loadedMsg)
	if msg.err != nil {
		return nil, msg.err
	}
	m.loaded(msg)
	return &Standalone{m: m}, nil
}

// stepOf maps the numbered steps 1–5 to the screen's steps.
func stepOf(n int) step {
	switch n {
	case 1:
		return stepMood
	case 2:
		return stepPrompt
	case 3:
		return stepRitualPick
	case 4:
		return stepWin
	}
	return stepIntention
}

// Indicator is "Step 2 of 5 · A question for today".
func Indicator(n int) string {
	_, name := stepOf(n).numbered()
	return fmt.Sprintf("Step %d of %d · %s", n, totalSteps, name)
}

// Intro is what the screen says above the first step: today's No's, and
// whether this session adds to an earlier one.
func (s *Standalone) Intro() string {
	s.m.step = stepMood
	return s.m.note()
}

// Question is the field of numbered step n (1–5) over the session's values.
func (s *Standalone) Question(n int) common.Question {
	st := stepOf(n)
	hint := ""
	switch st {
	case stepMood:
		hint = moodHint
	case stepPrompt:
		hint = "Today's prompt changes every day. As much or as little as you like."
	case stepRitualPick:
		hint = "A minute or two to reset before you go on."
	case stepWin:
		hint = "One line is enough: a kind word, a step taken, something finished."
	case stepIntention:
		hint = "One thing to carry into tomorrow."
	}
	return common.Question{Field: s.m.field(st), Hint: hint}
}

// Ritual is the ritual chosen at step 3 (false: skipped).
func (s *Standalone) Ritual() (coach.Ritual, bool) { return s.m.mode.Ritual(s.m.vals.Ritual) }

// RitualText tells the chosen ritual as lines of plain text: the breathing
// pace with its timings (no timer), a past win to re-read, or the steps.
func (s *Standalone) RitualText() ([]string, error) {
	r, ok := s.Ritual()
	if !ok {
		return nil, nil
	}
	lines := []string{r.Name + "."}
	switch r.Type {
	case "breathing":
		lines = append(lines, BreathingText(ritual.NewBreath(r.Steps, r.StepSeconds, r.Seconds)))
	case "win":
		msg, _ := s.m.loadMemory()().(memoryMsg)
		switch {
		case msg.err != nil:
			return nil, msg.err
		case !msg.ok:
			lines = append(lines, "No wins logged yet — today's might be the first.")
			for _, st := range r.Steps {
				lines = append(lines, st+".")
			}
		default:
			mem := msg.m
			lines = append(lines, "A past win: "+textsafe.Inline(mem.Title)+".")
			for _, l := range strings.Split(mem.Detail, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, textsafe.Inline(l))
				}
			}
			lines = append(lines, fmt.Sprintf("%s, %s.", mem.Day, sourceWords(mem.Source)))
			if len(r.Steps) > 1 {
				lines = append(lines, strings.Join(r.Steps[1:], ". ")+".")
			}
		}
	default:
		for i, st := range r.Steps {
			lines = append(lines, fmt.Sprintf("%d. %s.", i+1, st))
		}
	}
	return lines, nil
}

// BreathingText is the guided breathing in one sentence: "Inhale slowly
// through your nose for 4 s, hold for 2 s, exhale slowly through your mouth
// for 6 s — repeat for 1 minute, about 5 rounds."
func BreathingText(b ritual.Breath) string {
	parts := make([]string, len(b.Steps))
	for i, st := range b.Steps {
		text := st.Text
		if i > 0 {
			text = strings.ToLower(text[:1]) + text[1:]
		}
		parts[i] = fmt.Sprintf("%s for %d s", text, int(st.Length/time.Second))
	}
	total := "for " + durationWords(b.Total)
	rounds := 0
	if c := b.Cycle(); c > 0 {
		rounds = int((b.Total + c/2) / c)
	}
	s := strings.Join(parts, ", ") + " — repeat " + total
	if rounds > 1 {
		s += fmt.Sprintf(", about %d rounds", rounds)
	}
	return s + "."
}

func durationWords(d time.Duration) string {
	sec := int(d / time.Second)
	switch {
	case sec == 60:
		return "a minute"
	case sec%60 == 0:
		return fmt.Sprintf("%d minutes", sec/60)
	}
	return fmt.Sprintf("%d seconds", sec)
}

// Save stores the session (merged into an earlier one today by the store)
// and returns what the day now holds and the streak (nil if unreadable).
func (s *Standalone) Save() (journal.Reflection, *streak.Result, error) {
	switch msg := s.m.save()().(type) {
	case Saved:
		return msg.Reflection, msg.Streak, nil
	case saveFailed:
		return journal.Reflection{}, nil, msg.err
	}
	return journal.Reflection{}, nil, nil
}
