package reframeview

import (
	"fmt"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// View draws the step indicator, a message line, what they said (from
// step 2 on) and the step's form.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(1, m.width)
	if m.loadErr != nil {
		return st.Error.Render(textsafe.Truncate(m.loadErr.Error(), w)) + "\n\n" +
			st.Muted.Render("esc goes back.")
	}
	if m.no == nil {
		return st.Muted.Render("Loading…")
	}
	if m.chooser != nil {
		return m.chooser.View()
	}
	var b strings.Builder
	b.WriteString(m.indicator(w) + "\n")
	b.WriteString(m.message(w) + "\n")
	if q := m.quote(w); q != "" {
		b.WriteString(q + "\n")
	}
	if m.roomy() {
		b.WriteString("\n")
	}
	if f := m.form.Form(); f != nil && f.State == huh.StateNormal {
		b.WriteString(m.form.View())
		if x := m.explain(w); x != "" {
			b.WriteString("\n\n" + x)
		}
	} else {
		b.WriteString(st.Muted.Render("Saving…"))
	}
	return b.String()
}

// indicator is "Step 3 of 6 · Kind of no ●●●○○○" with who on the right.
func (m *Model) indicator(w int) string {
	st := m.ctx.Styles
	left := st.Title.Render(fmt.Sprintf("Step %d of %d", m.step, numSteps)) +
		st.Muted.Render(" · ") + st.Subtitle.Render(stepNames[m.step])
	dots := " " + st.Accent.Render(strings.Repeat("●", m.step)) + st.Faint.Render(strings.Repeat("○", numSteps-m.step))
	if lipgloss.Width(left+dots) <= w {
		left += dots
	}
	if lipgloss.Width(left) > w {
		return ansi.Truncate(left, w, "…")
	}
	room := w - lipgloss.Width(left) - 2
	if room < 8 {
		return left
	}
	right := st.Muted.Render(textsafe.Truncate(m.no.Who, room))
	return left + strings.Repeat(" ", w-lipgloss.Width(left)-lipgloss.Width(right)) + right
}

// message is one line: an error, a passing note, or how the flow works.
func (m *Model) message(w int) string {
	st := m.ctx.Styles
	if errs := m.form.Error(); errs != "" {
		return st.Error.Render(textsafe.Truncate(errs, w))
	}
	switch {
	case m.err != "":
		return st.Error.Render(textsafe.Truncate(m.err, w))
	case m.note != "":
		return st.Good.Render(textsafe.Truncate(m.note, w))
	}
	return st.Muted.Render(textsafe.Truncate("Skip any step with ctrl+n; esc saves a draft you can come back to.", w))
}

// roomy is true when the screen has room for a boxed quote and spacing.
func (m *Model) roomy() bool { return m.height >= 14 }

// quoteLines is how many lines of what they said fit beside the form.
func (m *Model) quoteLines() int {
	switch {
	case m.height >= 18:
		return 3
	case m.height >= 13:
		return 2
	}
	return 1
}

// quote shows their words on every step after the first, cut to a few lines.
func (m *Model) quote(w int) string {
	if m.step == stepSaid || m.height < 8 {
		return ""
	}
	st := m.ctx.Styles
	label := st.Label.Render(textsafe.Truncate(capitalize("The "+m.mode().Words.Who+" said:"), w))
	said := textsafe.Block(m.vals.Said)
	rest := max(0, w-lipgloss.Width(label)-1)
	if strings.TrimSpace(said) == "" {
		return label + " " + st.Faint.Render(textsafe.Truncate("(not noted — ctrl+p back to step 1 to add it)", rest))
	}
	if !m.roomy() {
		// Short screens: one line, so the form keeps room for its field.
		return label + " " + st.Quote.UnsetBorderStyle().UnsetPadding().Render(textsafe.Truncate(said, rest))
	}
	inner := max(4, min(w, 100)-3) // the quote's border and padding take 2; keep 1 spare
	lines := strings.Split(ansi.Wrap(said, inner, " "), "\n")
	if n := m.quoteLines(); len(lines) > n {
		lines = lines[:n]
		lines[n-1] = textsafe.Truncate(lines[n-1], inner-1) + "…"
	}
	for i := range lines {
		lines[i] = textsafe.Truncate(lines[i], inner)
	}
	return label + "\n" + st.Quote.Render(strings.Join(lines, "\n"))
}

// explain spells out the highlighted kind of no in full under the list
// (the options show it cut to one line).
func (m *Model) explain(w int) string {
	if m.step != stepKind || !m.roomy() {
		return ""
	}
	ki, ok := m.mode().KindInfo(journal.Kind(m.vals.Kind))
	if !ok || ki.Explain == "" {
		return m.ctx.Styles.Muted.Render(ansi.Wrap("Not sure? Pick the closest; you can change it later.", w, " "))
	}
	st := m.ctx.Styles
	label := textsafe.Inline(ki.Label) + ": "
	return lipgloss.JoinHorizontal(lipgloss.Top, st.Accent.Render(label),
		st.Text.Render(ansi.Wrap(textsafe.Inline(ki.Explain), max(10, w-lipgloss.Width(label)), " ")))
}

// explainHeight reserves room for the longest explanation.
func (m *Model) explainHeight(w int) int {
	if m.step != stepKind || !m.roomy() {
		return 0
	}
	h := 0
	for _, k := range m.mode().Kinds {
		h = max(h, lipgloss.Height(ansi.Wrap(textsafe.Inline(k.Explain), max(10, w-lipgloss.Width(textsafe.Inline(k.Label)+": ")), " ")))
	}
	return h + 1 // and the blank line before it
}

// formHeight is the space left for the form below the chrome.
func (m *Model) formHeight() int {
	chrome := 2 // indicator, message
	if m.roomy() {
		chrome++ // the blank line before the form
	}
	if q := m.quote(max(1, m.width)); q != "" {
		chrome += lipgloss.Height(q)
	}
	chrome += m.explainHeight(max(1, m.width))
	return max(3, m.height-chrome)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
