package homeview

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// intention is today's intention: the one saved in the last reflection
// before today, with today's answer to "Did you do it?" once given.
type intention struct {
	text string
	kept journal.IntentionKept
}

// todaysIntention is read from today's reflection and the last one before
// it (one read of the journal: store.ReflectionAndLast).
func todaysIntention(today, last journal.Reflection) intention {
	return intention{text: strings.TrimSpace(last.Intention), kept: today.IntentionKept}
}

// intentionLine is home's one line about it ("" when there is none).
func (m *Model) intentionLine(w int) string {
	in := m.g.intention
	if in.text == "" {
		return ""
	}
	st := m.ctx.Styles
	var mark string
	switch in.kept {
	case journal.KeptYes:
		mark = st.Good.Render("✓ done")
	case journal.KeptPartly:
		mark = st.Muted.Render("partly done")
	case journal.KeptNotYet:
		mark = st.Muted.Render("not yet")
	}
	label := st.Muted.Render("Today's intention — ")
	room := w - ansi.StringWidth(label)
	if mark != "" {
		room -= ansi.StringWidth(mark) + 3
	}
	line := label + st.Text.Render(textsafe.Truncate(textsafe.Inline(in.text), max(10, room)))
	if mark != "" {
		line += st.Muted.Render(" · ") + mark
	}
	return ansi.Truncate(line, w, "…")
}
