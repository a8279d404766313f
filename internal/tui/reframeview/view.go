package reframeview

import (
	"fmt"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
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
	return st.Muted.Render(textsafe.Truncate(howTo(m.step), w))
}

// howTo is the message line when there is nothing else to say: how to
// skip (in the thought record, the whole of it) and leave.
func howTo(step int) string {
	if inThoughtRecord(step) {
		return "Optional, under a minute: ctrl+n skips the thought record; esc saves a draft."
	}
	return "Skip any step with ctrl+n; esc saves a draft you can come back to."
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

// quote shows what the step answers, above its form: their words on
// every step after the first; on the traps step the thought the traps
// are for; on the evidence step the No's own facts (the evidence).
func (m *Model) quote(w int) string {
	if m.step == stepSaid || m.height < 8 {
		return ""
	}
	switch m.step {
	case stepTraps:
		return m.boxed(w, "Your thought:", m.vals.Thought, "(not noted — ctrl+p back a step to add it)")
	case stepEvidence:
		return m.facts(w)
	}
	return m.boxed(w, capitalize("The "+m.mode().Words.Who+" said:"), m.vals.Said, "(not noted — ctrl+p back to step 1 to add it)")
}

// boxed is a label and a text quoted under it (beside it on short
// screens), cut to a few lines; empty says how to add it.
func (m *Model) boxed(w int, title, text, empty string) string {
	st := m.ctx.Styles
	label := st.Label.Render(textsafe.Truncate(title, w))
	said := textsafe.Block(text)
	rest := max(0, w-lipgloss.Width(label)-1)
	if strings.TrimSpace(said) == "" {
		return label + " " + st.Faint.Render(textsafe.Truncate(empty, rest))
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

// facts are the No's own facts on the evidence step, one line each:
// their words, the kind of no, what would need to change, and the thought
// they are weighed against. A short screen keeps the first few.
func (m *Model) facts(w int) string {
	st := m.ctx.Styles
	md := m.mode()
	kind := "(not chosen yet)"
	if ki, ok := md.KindInfo(journal.Kind(m.vals.Kind)); ok {
		kind = textsafe.Inline(ki.Label) + " — " + textsafe.Inline(ki.Explain)
	}
	orNot := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "(not noted)"
		}
		return textsafe.Inline(s)
	}
	rows := [][2]string{
		{capitalize("The " + md.Words.Who + " said:"), orNot(m.vals.Said)},
		{"Kind of no:", kind},
		{"What would need to change:", orNot(m.vals.Change)},
		{"Your thought:", orNot(m.vals.Thought)},
	}
	if !m.roomy() {
		rows = rows[:max(1, min(len(rows), (m.height-6)/2))]
	}
	inner := max(4, min(w, 100)-3)
	if !m.roomy() {
		inner = w
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		label := st.Label.Render(r[0]) + " "
		lines[i] = label + st.Text.Render(textsafe.Truncate(r[1], max(1, inner-lipgloss.Width(label))))
		lines[i] = ansi.Truncate(lines[i], inner, "")
	}
	if !m.roomy() {
		return strings.Join(lines, "\n")
	}
	return st.Label.Render(textsafe.Truncate("The facts, as you noted them:", w)) + "\n" +
		st.Quote.Render(strings.Join(lines, "\n"))
}

// explain spells out the highlighted kind of no, or the highlighted trap's
// example, in full under the list (the options show it cut to one line).
func (m *Model) explain(w int) string {
	if m.step == stepTraps && m.roomy() {
		return m.explainTrap(w)
	}
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

// explainTrap is the highlighted trap with its example in full.
func (m *Model) explainTrap(w int) string {
	if m.traps == nil {
		return ""
	}
	id, ok := m.traps.Hovered()
	t, found := m.mode().Trap(id)
	if !ok || !found {
		return ""
	}
	return m.trapLine(w, t)
}

func (m *Model) trapLine(w int, t coach.Trap) string {
	st := m.ctx.Styles
	label := textsafe.Inline(t.Name) + ": "
	return lipgloss.JoinHorizontal(lipgloss.Top, st.Accent.Render(label),
		st.Text.Render(ansi.Wrap("“"+textsafe.Inline(t.Example)+"”", max(10, w-lipgloss.Width(label)), " ")))
}

// explainHeight reserves room for the longest explanation.
func (m *Model) explainHeight(w int) int {
	if m.step == stepTraps && m.roomy() {
		h := 0
		for _, t := range m.mode().Traps {
			h = max(h, lipgloss.Height(m.trapLine(w, t)))
		}
		return h + 1
	}
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
