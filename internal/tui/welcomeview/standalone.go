package welcomeview

import (
	"fmt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Standalone is the welcome / settings form outside the TUI (accessible
// mode): the same three choices, asked one by one by the caller.
type Standalone struct{ m *Model }

// NewStandalone fills the choices from ctx.Settings (on first run a --mode
// in ctx.ModeOverride is the suggestion). Styles is not used.
func NewStandalone(ctx *common.Context, db Store) *Standalone {
	return &Standalone{m: newModel(ctx, db)}
}

// Intro is the line said before the questions.
func (s *Standalone) Intro() string {
	if s.m.first {
		return "Welcome to Rebound — a coach for the moment after someone says no. Four quick choices; change them any time with rebound settings."
	}
	return "Your settings. An empty answer keeps the current choice."
}

// Questions are the four fields with hints. The workdays question
// preselects the week of the mode just answered (first run).
func (s *Standalone) Questions() []common.Question {
	qs := common.Questions(s.m.fields(), map[string]string{
		"mode":     "Sets the words, reasons and prompts. --mode switches for one command.",
		"name":     "Optional. Signs the debrief e-mail you can send after a no.",
		"workdays": "Your streak counts these days; the others never break it. Type a day's number to add or remove it, then 0 to confirm.",
		"goal":     hintGoal,
	})
	for i := range qs {
		if qs[i].Field.GetKey() == "workdays" {
			qs[i].Before = s.m.followMode
		}
	}
	return qs
}

// Save stores the choices.
func (s *Standalone) Save() (journal.Settings, error) {
	switch msg := s.m.save(s.m.Settings())().(type) {
	case Saved:
		return msg.Settings, nil
	case saveFailed:
		return journal.Settings{}, fmt.Errorf("couldn't save the settings: %w", msg.err)
	}
	return journal.Settings{}, nil
}
