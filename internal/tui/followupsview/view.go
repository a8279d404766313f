package followupsview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

// View draws the sections, the visible rows and any prompt.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render("Couldn't read the follow-ups: "+m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	}
	if !m.loaded {
		return st.Muted.Render("Loading follow-ups…")
	}
	w := max(20, m.width)
	top, bottom := m.top(w), m.promptView(w)
	if len(m.rows) == 0 {
		mode := m.ctx.Mode()
		body := []string{
			st.Good.Render(fmt.Sprintf("Nothing to follow up in the next %d days.", followup.UpcomingDays)),
			"",
			st.Text.Width(w).Render("Give a No a follow-up date when you log it (n on home), or open one from the journal (j) and press e."),
			st.Muted.Width(w).Render(fmt.Sprintf("Recent open No's without a date show up here with a suggested date for each %s.", mode.Words.Who)),
		}
		return strings.Join(slices.Concat(top, body, bottom), "\n")
	}

	_, ends, total := m.layout(w)
	avail := max(1, m.height-len(top)-len(bottom))
	// follow placed offset for this state; the clamp only guards.
	offset := max(0, min(m.offset, max(0, total-avail)))
	shown := m.body(w, offset, min(total, offset+avail), ends)
	out := append(top, shown...)
	out = append(out, bottom...)
	return strings.Join(out, "\n")
}

// top is the lines above the list: the celebration, if any, and the counts.
func (m *Model) top(w int) []string {
	st := m.ctx.Styles
	var top []string
	if m.banner != "" {
		top = append(top, st.Good.Bold(true).Render(textsafe.Truncate(m.banner, w)))
	}
	// The counts are the store's: the list may hold only the first pages.
	g, c := m.groups, m.counts
	nSug := len(m.sugg)
	summary := fmt.Sprintf("%d overdue · %d today · %d in the next %d days", max(c.Overdue, len(g.Overdue)), max(c.Today, len(g.Today)),
		max(c.Upcoming, len(g.Upcoming)), followup.UpcomingDays)
	if nSug > 0 {
		summary += fmt.Sprintf(" · %d suggested", nSug)
	}
	top = append(top, st.Muted.Render(textsafe.Truncate(summary, w)))
	if note := followup.LongLateNote(max(c.LongLate, len(m.longLateIDs()))); note != "" {
		// Wrapped, not cut: the key is at the end. One entry per line,
		// as the layout counts lines.
		top = append(top, strings.Split(st.Accent.Width(w).Render(note+" Press L."), "\n")...)
	}
	return append(top, "")
}

// follow moves offset so the selected entry is in view (with its
// section's header when it is the section's first), for the lines View
// will draw around the list.
func (m *Model) follow() {
	if !m.loaded || m.err != nil || len(m.rows) == 0 {
		return
	}
	w := max(20, m.width)
	starts, ends, total := m.layout(w)
	avail := max(1, m.height-len(m.top(w))-len(m.promptView(w)))
	if m.sel < len(starts) {
		// The row's first line wins over its second when both don't fit;
		// a section's header comes with its first row when there is room.
		s, e := starts[m.sel], ends[m.sel]
		if e > m.offset+avail {
			m.offset = e - avail
		}
		if isHeader(m.rows, m.sel) && avail >= 2 {
			s = max(0, s-1)
		}
		if s < m.offset {
			m.offset = s
		}
	}
	m.offset = max(0, min(m.offset, max(0, total-avail)))
}

func isHeader(rows []row, i int) bool { return i == 0 || rows[i-1].sec != rows[i].sec }

// layout places every row (its head lines and the detail line) under its
// section header, a blank line before each header but the first, without
// styling: each row's [start, end) line range and the number of lines.
func (m *Model) layout(w int) (starts, ends []int, total int) {
	starts, ends = make([]int, len(m.rows)), make([]int, len(m.rows))
	today := m.ctx.Today()
	for i := range m.rows {
		if isHeader(m.rows, i) {
			if i > 0 {
				total++
			}
			total++
		}
		starts[i] = total
		total += len(m.head(m.rows[i], today, w)) + 1
		ends[i] = total
	}
	return starts, ends, total
}

// body renders the lines [from, to) of the layout: only the rows shown.
func (m *Model) body(w, from, to int, ends []int) []string {
	st := m.ctx.Styles
	today := m.ctx.Today()
	lines := make([]string, 0, to-from)
	first, _ := slices.BinarySearch(ends, from+1) // the first row ending after from
	line := 0
	if first > 0 {
		line = ends[first-1]
	}
	add := func(s string) {
		if line >= from && line < to {
			lines = append(lines, s)
		}
		line++
	}
	for i := first; i < len(m.rows) && line < to; i++ {
		r := m.rows[i]
		if isHeader(m.rows, i) {
			if i > 0 {
				add("")
			}
			add(m.header(r.sec, w))
		}
		mode := m.modeOf(r.no)
		for j, h := range m.head(r, today, w) {
			mark := "  "
			if j == 0 && i == m.sel {
				mark = "› "
			}
			switch {
			case i == m.sel:
				h = st.Selected.Render(mark + h)
			case r.sec == secOverdue:
				h = mark + st.Warn.Render(h)
			default:
				h = mark + st.Text.Render(h)
			}
			add(h)
		}
		add("    " + st.Muted.Render(textsafe.Truncate(m.detailLine(r, mode), w-4)))
	}
	return lines
}

func (m *Model) header(s section, w int) string {
	st := m.ctx.Styles
	switch s {
	case secOverdue:
		return st.Warn.Bold(true).Render("Overdue")
	case secToday:
		return st.Subtitle.Render("Today")
	case secUpcoming:
		return st.Subtitle.Render(fmt.Sprintf("Next %d days", followup.UpcomingDays))
	}
	return st.Subtitle.Render("Suggested") + st.Muted.Render(cut(fmt.Sprintf(" — No's from the last %d days without a follow-up · a accepts", SuggestDays), max(0, w-10)))
}

// detailLine is the second line: the turnaround condition and next step,
// or why a date is suggested.
func (m *Model) detailLine(r row, mode *coach.Mode) string {
	if r.sec == secSuggested {
		return r.sug.Why
	}
	n := r.no
	var parts []string
	if c := strings.TrimSpace(n.Change); c != "" {
		parts = append(parts, "to revisit: "+textsafe.Inline(c))
	}
	if x := strings.TrimSpace(n.Next); x != "" {
		parts = append(parts, "next: "+textsafe.Inline(x))
	}
	if len(parts) == 0 {
		if n.Said != "" {
			parts = append(parts, "“"+textsafe.Inline(n.Said)+"”")
		} else if n.Reason != "" {
			parts = append(parts, mode.ReasonLabel(n.Reason))
		} else {
			parts = append(parts, "no next step noted — enter opens the No")
		}
	}
	// The odds first: short, and whole at 80 columns, where a long
	// condition is cut instead.
	if o, ok := m.odds[n.ID]; ok {
		label := string(n.Kind)
		if k, ok := mode.KindInfo(n.Kind); ok {
			label = k.Label
		}
		parts = append([]string{followup.OddsLine(label, o)}, parts...)
	}
	return strings.Join(parts, " · ")
}

func (m *Model) modeOf(n journal.No) *coach.Mode {
	if md, err := m.ctx.Catalog.Mode(n.Mode); err == nil && n.Mode != "" {
		return md
	}
	return m.ctx.Mode()
}

func (m *Model) promptView(w int) []string {
	st := m.ctx.Styles
	who := textsafe.Truncate(m.target.Who, 30)
	switch m.prompt {
	case promptDate:
		title := "Follow up with " + who + " on:"
		if m.lateIDs != nil {
			title = fmt.Sprintf("A new date for the %s:", words.Count(len(m.lateIDs), "follow-up", "follow-ups"))
		}
		out := []string{"", st.Title.Render(title) + " " + m.input.View()}
		if m.inputErr != "" {
			out = append(out, st.Error.Width(w).Render(textsafe.Inline(m.inputErr)))
		} else {
			out = append(out, st.Muted.Render(textsafe.Truncate("enter sets it · esc cancels · "+dates.FutureHint, w)))
		}
		return out
	case promptOutcome:
		var opts []string
		for i, o := range journal.Outcomes {
			label := fmt.Sprintf("%d %s", i+1, o.Words())
			if i == m.outcome {
				opts = append(opts, st.Selected.Render("["+label+"]"))
			} else {
				opts = append(opts, st.Text.Render(" "+label+" "))
			}
		}
		return []string{"", st.Title.Render("Where does " + who + " stand now?"),
			strings.Join(opts, " "),
			st.Muted.Render(textsafe.Truncate("←/→ choose · enter sets it · a number sets its outcome at once · esc cancels", w))}
	}
	if m.next.Open() {
		return []string{"", m.next.View(st.Accent, w)}
	}
	if m.late.Open() {
		return []string{"", m.late.View(st.Accent, w), st.Muted.Render(textsafe.Truncate(m.lateHint(), w))}
	}
	return nil
}

// weekday is "Tue 2026-11-24".
func weekday(d journal.Day) string { return d.Weekday().String()[:3] + " " + string(d) }

// cut shortens text that is already safe (built from textsafe parts)
// without collapsing its spacing, as textsafe.Truncate would.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, textsafe.Ellipsis)
}
