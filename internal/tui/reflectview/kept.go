package reflectview

import (
	"strings"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Closing the loop: the intention saved in the last reflection before
// today is today's; this reflection asks "Did you do it?" about it (yes,
// partly, not yet, or skip), just before tomorrow's intention. Without an
// intention the question is not asked.

// intention is today's intention ("" when the last reflection had none).
func (m *Model) intention() string { return strings.TrimSpace(m.lastIntention) }

// keptOptions are the answers, numbered in the order they are offered.
func keptOptions() []huh.Option[string] {
	return []huh.Option[string]{
		huh.NewOption("Yes", string(journal.KeptYes)),
		huh.NewOption("Partly", string(journal.KeptPartly)),
		huh.NewOption("Not yet", string(journal.KeptNotYet)),
		huh.NewOption("Skip this question", ""),
	}
}

// keptHint says what today's intention was.
func (m *Model) keptHint() string {
	return "Today's intention: " + textsafe.Inline(m.intention())
}

// keptField is "Did you do it?" over m.vals.Kept.
func (m *Model) keptField() huh.Field {
	title := m.mode.Questions.IntentionKept
	if title == "" {
		title = "Did you do what you meant to do today?"
	}
	return huh.NewSelect[string]().Key("intention_kept").Title(title).
		Description(m.keptHint()).
		Options(keptOptions()...).Value(&m.vals.Kept)
}

// KeptQuestion is "Did you do it?" for the accessible reflection, asked
// before step 5's question; false when there is no intention to ask about.
func (s *Standalone) KeptQuestion() (common.Question, bool) {
	if s.m.intention() == "" {
		return common.Question{}, false
	}
	return common.Question{Field: s.m.keptField(), Hint: s.m.keptHint() + "."}, true
}

// keptAnswer is the answer to store: none when the question was not asked.
func (m *Model) keptAnswer() journal.IntentionKept {
	if m.intention() == "" {
		return ""
	}
	return journal.IntentionKept(m.vals.Kept)
}
