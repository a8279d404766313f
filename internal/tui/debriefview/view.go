package debriefview

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

func (m *Model) render() {
	m.vp.SetHeight(max(1, m.height-lipgloss.Height(m.foot())))
	if !m.loaded || m.err != nil {
		return
	}
	m.vp.SetContent(m.kitView(max(20, m.width)))
}

// foot is the line under the kit: how far it is scrolled, or after a copy
// what was sent and how else to get it, wrapped (the command is never cut).
func (m *Model) foot() string {
	st := m.ctx.Styles
	if m.copied != "" {
		return st.Muted.Width(max(20, m.width)).Render(m.copyNote())
	}
	return st.Muted.Render(fmt.Sprintf("%d%% · ↑/↓ scroll", int(m.vp.ScrollPercent()*100)))
}

func (m *Model) kitView(width int) string {
	st := m.ctx.Styles
	k := m.kit
	ww := max(10, width-1)
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(k.MessageTitle) + st.Muted.Render("  c copies it") + "\n")
	if k.Note != "" {
		b.WriteString(st.Muted.Width(ww).Render(k.Note) + "\n")
	}
	b.WriteString(st.Label.Render("Subject: ") + st.Value.Render(k.Subject) + "\n\n")
	b.WriteString(st.Text.Width(ww).Render(textsafe.Block(k.Body)) + "\n")
	if strings.TrimSpace(m.ctx.Settings.Name) == "" {
		b.WriteString(st.Warn.Width(ww).Render("No name in your settings yet, so the e-mail is signed "+coach.NoName+": replace it before sending.") + "\n")
	}
	b.WriteString("\n" + st.Subtitle.Render(k.QuestionsTitle) + st.Muted.Render("  a records their answers") + "\n")
	for i, q := range k.Questions {
		b.WriteString(st.Text.Width(ww).Render(fmt.Sprintf("%d. %s", i+1, q)) + "\n")
		if a := answerTo(m.no.Debrief, q); strings.TrimSpace(a) != "" {
			b.WriteString(st.Value.PaddingLeft(3).Width(ww).Render("↳ "+textsafe.Block(a)) + "\n")
		}
	}
	// Answers recorded under questions the mode no longer asks.
	for _, a := range m.no.Debrief {
		if !inQuestions(k.Questions, a.Prompt) {
			b.WriteString(st.Value.Width(ww).Render(textsafe.Inline(a.Prompt)+" — "+textsafe.Block(a.Answer)) + "\n")
		}
	}
	return b.String()
}

// View draws the kit, or the answers form.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render(m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	}
	if !m.loaded {
		return st.Muted.Render("Loading…")
	}
	if m.chooser != nil {
		return m.chooser.View()
	}
	if m.form.Active() {
		var b strings.Builder
		switch {
		case m.form.Asking():
			b.WriteString(m.form.Question(st, m.width))
		case m.formErr != "":
			b.WriteString(st.Error.Render(textsafe.Truncate(m.formErr, max(20, m.width))))
		default:
			b.WriteString(st.Title.Render(textsafe.Truncate("Debrief answers from "+textsafe.Inline(m.no.Who), max(20, m.width))))
		}
		b.WriteString("\n" + st.Muted.Render("enter: next question · "+formscreen.NewLineHint+" · esc: stop") + "\n\n")
		b.WriteString(m.form.View())
		return b.String()
	}
	return m.vp.View() + "\n" + m.foot()
}
