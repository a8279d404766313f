package reflectview

import (
	"fmt"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// fields are the form of the current step: one question.
func (m *Model) fields() [][]huh.Field { return [][]huh.Field{{m.field(m.step)}} }

// field is the question of a form step, over m.vals.
func (m *Model) field(s step) huh.Field {
	q := m.mode.Questions
	var f huh.Field
	switch s {
	case stepMood:
		title := q.Mood
		if title == "" {
			title = "How are you feeling right now?"
		}
		// Numbered 1 to 5 in the list's order, so an accessible prompt's
		// number is the mood's.
		opts := make([]huh.Option[int], 0, 5)
		for n := 1; n <= 5; n++ {
			opts = append(opts, huh.NewOption(journal.MoodLabel(n), n))
		}
		f = huh.NewSelect[int]().Key("mood").Title(title).
			Description(moodHint).
			Options(opts...).Value(&m.vals.Mood)
	case stepPrompt:
		f = huh.NewText().Key("answer").Title(m.prompt.Text).
			Description("As much or as little as you like · enter goes on · " + formscreen.NewLineHint).
			Lines(4).CharLimit(journal.MaxField).Value(&m.vals.Answer)
	case stepRitualPick:
		opts := make([]huh.Option[string], 0, len(m.mode.Rituals)+1)
		for _, r := range m.mode.Rituals {
			opts = append(opts, huh.NewOption(ritualLabel(r), r.ID))
		}
		opts = append(opts, huh.NewOption("Skip the ritual today", ""))
		f = huh.NewSelect[string]().Key("ritual").Title("Pick a bounce-back ritual").
			Description("A minute or two to reset before you go on.").
			Options(opts...).Value(&m.vals.Ritual)
	case stepKept:
		f = m.keptField()
	case stepWin:
		title := q.Win
		if title == "" {
			title = "What is one win from today, however small?"
		}
		f = huh.NewInput().Key("win").Title(title).
			Description("One line is enough: a kind word, a step taken, something finished.").
			CharLimit(journal.MaxField).Value(&m.vals.Win)
	default: // stepIntention
		title := q.Intention
		if title == "" {
			title = "What follow-up question will you ask next time?"
		}
		f = huh.NewInput().Key("intention").Title(title).
			Description("Tomorrow's intention · enter saves the reflection").
			CharLimit(journal.MaxField).Value(&m.vals.Intention)
	}
	return f
}

// moodHint says the mood's direction (the sting of a No runs the other way).
const moodHint = "How your day feels: " + journal.MoodScale + "."

func ritualLabel(r coach.Ritual) string {
	switch {
	case r.Seconds >= 60 && r.Seconds%60 == 0:
		return fmt.Sprintf("%s · %d min", r.Name, r.Seconds/60)
	case r.Seconds > 0:
		return fmt.Sprintf("%s · %d s", r.Name, r.Seconds)
	}
	return r.Name
}
