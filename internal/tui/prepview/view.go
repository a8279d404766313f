package prepview

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/prep"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

// nosShown is how many of their No's the card shows at least, one line
// each (w opens the whole history): the card fits 80×24 with its
// checklist; a taller screen shows up to nosMost.
const (
	nosShown = 2
	nosMost  = 5
)

// labelWidth is the width of the card's labels ("Before you go" and a gap).
const labelWidth = 11

// View draws the picker or the card.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(20, m.width)
	switch {
	case m.state == loading:
		return st.Muted.Render("Loading…")
	case m.err != nil:
		return st.Error.Width(w).Render("Couldn't read the card: "+m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	case m.state == nobody:
		return strings.Join([]string{
			st.Title.Render(textsafe.Truncate(m.typed, w)),
			"",
			st.Text.Width(w).Render(fmt.Sprintf("No No's from “%s” yet.", textsafe.Inline(m.typed))),
			st.Muted.Width(w).Render("A name matches by the start of its words (acme finds Acme Corp). Check the spelling in the journal (j, then / to filter)."),
		}, "\n")
	case m.state == picking:
		return m.pickView(w)
	}
	lines := m.lines(w)
	h := max(1, m.height)
	off := max(0, min(m.offset, len(lines)-h))
	shown := lines[off:min(len(lines), off+h)]
	if off+h < len(lines) && len(shown) > 0 {
		shown[len(shown)-1] = st.Muted.Render(fmt.Sprintf("↓ %d more", len(lines)-off-h+1))
	}
	return strings.Join(shown, "\n")
}

func (m *Model) pickView(w int) string {
	st := m.ctx.Styles
	head := fmt.Sprintf("“%s” matches %d %s. Pick one:", textsafe.Inline(m.typed), len(m.picks), m.ctx.Mode().Words.WhoPlural)
	if m.more {
		head = fmt.Sprintf("“%s” matches more than %d %s; the first %d (type more of the name to narrow it):", textsafe.Inline(m.typed), len(m.picks), m.ctx.Mode().Words.WhoPlural, len(m.picks))
	}
	out := []string{st.Text.Width(w).Render(head), ""}
	h := max(1, m.height-len(out))
	top := max(0, min(m.sel-h+1, len(m.picks)-h))
	for i := top; i < min(len(m.picks), top+h); i++ {
		p := m.picks[i]
		line := cut(fmt.Sprintf("%-30s %s", textsafe.Truncate(p.Name, 30), words.Count(p.Nos, "No", "No's")), w-2)
		if i == m.sel {
			out = append(out, st.Selected.Render("› "+line))
		} else {
			out = append(out, "  "+st.Text.Render(line))
		}
	}
	return strings.Join(out, "\n")
}

// lines lays the card out at width w: one line per item where it can, so
// that it fits 80×24; a smaller screen scrolls, a taller one shows more of
// their No's.
func (m *Model) lines(w int) []string {
	out := m.layout(w, nosShown)
	if spare := m.height - len(out); spare > 0 && len(m.card.Nos) > nosShown {
		out = m.layout(w, min(nosMost, nosShown+spare))
	}
	return out
}

// layout is the card with at most nos of their No's.
func (m *Model) layout(w, nos int) []string {
	st := m.ctx.Styles
	c := m.card
	mode := c.Mode
	if mode == nil {
		mode = m.ctx.Mode()
	}
	today := m.ctx.Today()
	var out []string
	body := max(10, w-labelWidth)
	row := func(label, text string) {
		l := st.Label.Width(labelWidth).Render(label)
		out = append(out, l+cut(text, body))
	}
	wrapped := func(label, text string, style lipgloss.Style) {
		r := style.Width(body).Render(text)
		for i, line := range strings.Split(r, "\n") {
			if i == 0 {
				out = append(out, st.Label.Width(labelWidth).Render(label)+line)
			} else {
				out = append(out, strings.Repeat(" ", labelWidth)+line)
			}
		}
	}

	who := cut(textsafe.Inline(c.Who), w)
	counts := fmt.Sprintf("  %s, %s", words.Count(c.Total, "No", "No's"), words.Count(c.Yes, "yes", "yes"))
	out = append(out, st.Title.Render(who)+st.Muted.Render(cut(counts, w-ansi.StringWidth(who))))
	switch {
	case c.Condition == nil:
		row("Condition", st.Muted.Render("not asked yet: ask what would need to change"))
	case c.ConditionMet:
		row("Condition", st.Value.Render("“"+textsafe.Inline(*c.Condition)+"”")+" "+st.Good.Render("✓ met")+st.Muted.Render(" · c unmarks"))
	default:
		row("Condition", st.Value.Render("“"+textsafe.Inline(*c.Condition)+"”")+st.Muted.Render(" · not met yet · c marks it"))
	}
	var next []string
	if c.Next != nil {
		next = append(next, textsafe.Inline(*c.Next))
	}
	if c.FollowUp != nil {
		next = append(next, fmt.Sprintf("follow up %s (%s)", *c.FollowUp, words.RelDays(today.DaysUntil(*c.FollowUp))))
	}
	if len(next) == 0 {
		next = append(next, st.Muted.Render("none planned"))
	}
	row("Next step", strings.Join(next, " · "))
	for i, n := range c.Nos[:min(len(c.Nos), nos)] {
		label := ""
		if i == 0 {
			label = "Their No's"
		}
		row(label, noLine(n, m.modeOf(n.Mode), st.Text, st.Muted))
	}
	if len(c.Debrief) > 0 {
		a := c.Debrief[len(c.Debrief)-1]
		row("Debrief", textsafe.Inline(a.Prompt)+" ↳ "+textsafe.Inline(a.Answer))
	}
	for i, l := range c.Lessons {
		label := ""
		if i == 0 {
			label = "Taught"
		}
		row(label, textsafe.Inline(l.Lesson)+st.Muted.Render(fmt.Sprintf(" · %s, same %s", textsafe.Truncate(l.Who, 20), l.Same)))
	}
	if len(c.Lessons) == 0 {
		row("Taught", st.Muted.Render("no lesson yet from No's with the same reason or kind"))
	}
	if line := prep.OddsLine(c); line != "" {
		style := st.Text
		if c.Odds == nil {
			style = st.Muted
		}
		row("Odds", style.Render(line))
	}
	for i, s := range c.Checklist {
		label := ""
		if i == 0 {
			label = "Research"
		}
		row(label, "☐ "+s)
	}
	wrapped("Open with", "“"+textsafe.Inline(c.Opening)+"”", st.Accent)
	return out
}

// noLine is one No on a line: its date, reason and kind, and their words.
func noLine(n journal.No, mode interface {
	ReasonLabel(string) string
}, text, muted lipgloss.Style) string {
	var head []string
	if n.Reason != "" {
		head = append(head, mode.ReasonLabel(n.Reason))
	}
	if n.Kind != "" {
		head = append(head, strings.ReplaceAll(string(n.Kind), "-", " "))
	}
	words := n.Said
	if words == "" {
		words = n.ReasonText
	}
	s := muted.Render(string(n.Date)+" ") + text.Render(strings.Join(head, " · "))
	if words != "" {
		s += " — “" + textsafe.Inline(words) + "”"
	}
	return s
}

// cut shortens text that is already safe without collapsing its spacing.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, textsafe.Ellipsis)
}
