package reflectview

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// View draws the current step.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(m.width, 20)
	var b strings.Builder
	b.WriteString(m.indicator(w))
	b.WriteString("\n")
	switch {
	case m.form.Asking():
		b.WriteString(m.form.Question(st, w))
	case m.err != "":
		b.WriteString(st.Error.Render(textsafe.Truncate(m.err, w)))
	default:
		b.WriteString(st.Muted.Render(textsafe.Truncate(m.note(), w)))
	}
	b.WriteString("\n\n")
	switch m.step {
	case stepLoading:
		if m.err == "" {
			b.WriteString(st.Muted.Render("Getting today ready…"))
		} else {
			b.WriteString(st.Muted.Render("esc goes back."))
		}
	case stepRitual:
		b.WriteString(m.ritualView(w))
	case stepSaving:
		b.WriteString(st.Muted.Render("Saving your reflection…"))
	case stepDone:
		b.WriteString(m.doneView(w))
	default:
		b.WriteString(m.form.View())
	}
	return b.String()
}

// indicator is "Step 2 of 5 · A question for today" with progress dots.
func (m *Model) indicator(w int) string {
	st := m.ctx.Styles
	n, name := m.step.numbered()
	if n == 0 {
		if m.step == stepDone {
			return st.Subtitle.Render("Daily reflection · done")
		}
		return st.Subtitle.Render("Daily reflection")
	}
	left := fmt.Sprintf("Daily reflection · step %d of %d · %s", n, totalSteps, name)
	var dots []string
	for i := 1; i <= totalSteps; i++ {
		switch {
		case i < n:
			dots = append(dots, st.Good.Render("●"))
		case i == n:
			dots = append(dots, st.Accent.Render("●"))
		default:
			dots = append(dots, st.Faint.Render("○"))
		}
	}
	right := strings.Join(dots, " ")
	if gap := w - lipgloss.Width(left) - lipgloss.Width(right); gap >= 2 {
		return st.Subtitle.Render(left) + strings.Repeat(" ", gap) + right
	}
	return st.Subtitle.Render(textsafe.Truncate(left, w))
}

// note is the muted line under the indicator.
func (m *Model) note() string {
	switch m.step {
	case stepMood:
		s := m.nosLine()
		if m.prior != nil {
			s += " You reflected earlier today; this session adds to it."
		}
		return s
	case stepPrompt:
		return "Today's prompt changes every day."
	case stepRitualPick:
		return "Breathing runs a guided one-minute timer; s skips it."
	case stepRitual:
		return "A short reset before you go on."
	case stepWin:
		return "Small counts: a good question asked, a follow-up sent."
	case stepKept:
		return "Closing the loop on what you meant to do today."
	case stepIntention:
		return "One thing to carry into tomorrow."
	case stepDone:
		return "That's today closed."
	}
	return "A few minutes to close the day: how it felt, one question, a reset, a win, an intention."
}

func (m *Model) ritualView(w int) string {
	st := m.ctx.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(textsafe.Truncate(m.ritual.Name, w)))
	b.WriteString("\n\n")
	switch m.ritual.Type {
	case "breathing":
		b.WriteString(m.breathView(w))
	case "win":
		b.WriteString(m.memoryView(w))
	default:
		for i, s := range m.ritual.Steps {
			b.WriteString(st.Accent.Render(fmt.Sprintf("%d. ", i+1)))
			b.WriteString(st.Text.Render(textsafe.Truncate(s, max(1, w-3))))
			b.WriteString("\n")
		}
		b.WriteString("\n")
		b.WriteString(st.Muted.Render("Take your time · enter when you're back"))
	}
	return b.String()
}

// breathView is the guided timer: the phase word, its instruction, a shape
// that fills on the breath in and empties on the breath out, and the time.
func (m *Model) breathView(w int) string {
	st := m.ctx.Styles
	p := m.phase
	center := func(s string) string { return lipgloss.PlaceHorizontal(w, lipgloss.Center, s) }
	if p.Done {
		return strings.Join([]string{
			center(st.Good.Render("That's a minute.")),
			"",
			center(st.Text.Render("Notice how you feel now.")),
			"",
			center(st.Muted.Render("enter to go on")),
		}, "\n")
	}
	word := p.Step.Word
	if m.paused {
		word = "Paused"
	}
	lines := []string{
		center(st.Title.Render(word) + st.Muted.Render(fmt.Sprintf("  %d", ritual.Seconds(p.Left)))),
		center(st.Muted.Render(textsafe.Truncate(p.Step.Text, w))),
		"",
	}
	lines = append(lines, shape(p.Level, min(w-4, 44), st.Accent.Render, center)...)
	lines = append(lines, "")
	barW := min(w-12, 44)
	if barW >= 4 {
		done := int(p.Progress*float64(barW) + 0.5)
		bar := st.Accent.Render(strings.Repeat("━", done)) + st.Faint.Render(strings.Repeat("─", barW-done))
		left := ritual.Seconds(p.TotalLeft)
		lines = append(lines, center(bar+st.Muted.Render(fmt.Sprintf(" %d:%02d", left/60, left%60))))
	}
	if m.paused {
		lines = append(lines, "", center(st.Muted.Render("space resumes · s skips")))
	}
	return strings.Join(lines, "\n")
}

// shape is three rows, a lens of blocks as wide as the breath is full.
func shape(level float64, maxW int, paint func(...string) string, center func(string) string) []string {
	if maxW < 4 {
		return []string{center(paint(strings.Repeat("█", max(1, int(level*float64(max(maxW, 1))+0.5)))))}
	}
	minW := 2
	cw := minW + int(level*float64(maxW-minW)+0.5)
	ow := max(1, cw*2/3)
	if (cw-ow)%2 != 0 {
		ow++
	}
	return []string{
		center(paint(strings.Repeat("▄", ow))),
		center(paint(strings.Repeat("█", cw))),
		center(paint(strings.Repeat("▀", ow))),
	}
}

func (m *Model) memoryView(w int) string {
	st := m.ctx.Styles
	var b strings.Builder
	switch {
	case !m.memDone:
		b.WriteString(st.Muted.Render("Finding a past win…"))
		return b.String()
	case m.memory == nil:
		b.WriteString(st.Text.Render("No wins logged yet — today's might be the first."))
		b.WriteString("\n\n")
		for _, s := range m.ritual.Steps {
			b.WriteString(st.Muted.Render(textsafe.Truncate("· "+s, w)))
			b.WriteString("\n")
		}
	default:
		mem := m.memory
		inner := max(10, min(w, 72)-4)
		var c strings.Builder
		c.WriteString(st.CardTitle.Render(textsafe.Truncate(mem.Title, inner)))
		for _, line := range strings.Split(mem.Detail, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				c.WriteString("\n")
				c.WriteString(st.Text.Render(textsafe.Truncate(line, inner)))
			}
		}
		c.WriteString("\n")
		c.WriteString(st.Muted.Render(textsafe.Truncate(fmt.Sprintf("%s · %s", mem.Day, sourceWords(mem.Source)), inner)))
		b.WriteString(st.Card.Render(c.String()))
		b.WriteString("\n")
		if len(m.ritual.Steps) > 1 {
			b.WriteString(st.Muted.Render(textsafe.Truncate(strings.Join(m.ritual.Steps[1:], ". ")+".", w)))
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(st.Muted.Render("enter when you're done"))
	return b.String()
}

func sourceWords(src string) string {
	switch src {
	case "win":
		return "a win you logged"
	case "yes":
		return "a no that turned into a yes"
	case "reflection":
		return "from that day's reflection"
	}
	return src
}

func (m *Model) doneView(w int) string {
	st := m.ctx.Styles
	var lines []string
	if m.saved.Empty() {
		// A mood or a ritual alone is kept, but the day is not active.
		lines = append(lines, st.Text.Width(max(20, w)).Render("Saved. Nothing was written, so today is not an active day yet: an answer, a win or an intention makes it one."))
	} else {
		lines = append(lines, st.Good.Bold(true).Render("Day marked active."))
	}
	if r := m.streak; r != nil && r.Current > 0 {
		s := fmt.Sprintf("%s in a row", streak.Days(r.Current))
		if r.WeekGoal > 0 {
			s += fmt.Sprintf(" · %d of %d this week", r.WeekActive, r.WeekGoal)
		}
		lines = append(lines, st.Text.Render(s+"."))
	}
	if n := m.saved.Sessions; n > 1 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("Session %d today: added to today's reflection.", n)))
	}
	if in := strings.TrimSpace(m.vals.Intention); in != "" {
		lines = append(lines, "", st.Label.Render("Tomorrow's intention"),
			st.Quote.Render(textsafe.Truncate(in, max(1, w-3))))
	}
	lines = append(lines, "", st.Muted.Render("Well done for closing the day. enter goes back."))
	return strings.Join(lines, "\n")
}

// nosLine says how many No's today holds.
func (m *Model) nosLine() string {
	switch m.nos {
	case 0:
		return "No No's logged today."
	case 1:
		return "You logged 1 No today."
	}
	return fmt.Sprintf("You logged %d No's today.", m.nos)
}
