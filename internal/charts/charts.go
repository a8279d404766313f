// Package charts draws an insights.Report with Lip Gloss, for both
// `rebound insights --print` and the TUI's insights screen. Every figure is
// written as labels and numbers, so it reads the same without colour, and
// every line fits the width it is given (down to about 40 cells).
package charts

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Styles are the roles the charts use; the TUI passes its themed roles.
type Styles struct {
	Title, Label, Bar, BarAlt, Muted, Accent, Good, Warn lipgloss.Style
}

// Plain is no colour at all (NO_COLOR, pipes, golden tests).
func Plain() Styles {
	s := lipgloss.NewStyle()
	return Styles{Title: s, Label: s, Bar: s, BarAlt: s, Muted: s, Accent: s, Good: s, Warn: s}
}

// Colored is a default palette for a terminal with the given background,
// for callers without a theme of their own.
func Colored(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	s := lipgloss.NewStyle()
	return Styles{
		Title:  s.Bold(true).Foreground(c("#5A3FC0", "#B9A7FF")),
		Label:  s,
		Bar:    s.Foreground(c("#3B6FD8", "#6FA8FF")),
		BarAlt: s.Foreground(c("#2E8C8C", "#5FD7D7")),
		Muted:  s.Foreground(c("#6B6B6B", "#8A8A8A")),
		Accent: s.Foreground(c("#B35C00", "#FFB86B")),
		Good:   s.Foreground(c("#1F7A3A", "#7FE0A0")),
		Warn:   s.Foreground(c("#B3261E", "#FF8A80")),
	}
}

// MinWidth is the narrowest layout; below it lines are cut.
const MinWidth = 24

const (
	indent    = "  "
	minus     = "−" // U+2212: a real minus reads better than a hyphen next to digits
	maxRows   = 8   // rows per table before "+ N more"
	eighths   = "▏▎▍▌▋▊▉"
	sparkRune = "▁▂▃▄▅▆▇█"
)

// Insights renders the whole report as titled sections separated by blank lines.
func Insights(r insights.Report, width int, st Styles) string {
	if width <= 0 {
		width = 80
	}
	w := max(width, MinWidth)
	var sections []string
	add := func(s string) {
		if s != "" {
			sections = append(sections, s)
		}
	}
	add(header(r, w, st))
	if !r.Enough {
		// Too few No's: say so first, then only plain figures; no charts of noise.
		add(wrap(r.Message, w, "", "", st.Accent))
		if r.Total > 0 {
			add(brief(r, w, st))
		}
		return fit(strings.Join(sections, "\n\n"), width)
	}
	add(section("Reasons", orNone(Bars(r.Reasons, w, st), "No reasons logged yet.", w, st), st))
	add(section("Kinds of no", orNone(Bars(r.Kinds, w, st), "No kinds of no logged yet.", w, st), st))
	add(section("Assumed vs real", assumed(r, w, st), st))
	add(section("Debriefs", debriefs(r, w, st), st))
	add(section("Trend · last 12 weeks", trend(r, w, st), st))
	add(section("Competitors", competitors(r.Competitors, w, st), st))
	add(section("Turnaround", turnaround(r, w, st), st))
	add(section("Feeling", feeling(r, w, st), st))
	add(section("Suggestions", suggestions(r, w, st), st))
	return fit(strings.Join(sections, "\n\n"), width)
}

// orNone says plainly that a chart is empty rather than leaving it out.
func orNone(body, none string, w int, st Styles) string {
	if body != "" {
		return body
	}
	return wrap(none, w, indent, indent, st.Muted)
}

func section(title, body string, st Styles) string {
	if body == "" {
		return ""
	}
	return st.Title.Render(title) + "\n" + body
}

func header(r insights.Report, w int, st Styles) string {
	label := r.Period
	if p, err := insights.ParsePeriod(r.Period); err == nil {
		label = p.Label()
	}
	title := st.Title.Render("Insights · "+label) + st.Muted.Render(" · "+span(r.From, r.To))
	if ansi.StringWidth(title) > w {
		title = st.Title.Render("Insights · " + label)
	}
	parts := []string{plural(r.Total, "No", "No's")}
	if r.Total > 0 {
		parts = append(parts, fmt.Sprintf("%d reframed (%d%%)", r.Reframed, pct(r.Reframed, r.Total)))
	}
	if r.HasPrevious {
		parts = append(parts, fmt.Sprintf("%d in the %s before", r.PrevTotal, daysBefore(r)))
	}
	return title + "\n" + wrap(strings.Join(parts, " · "), w, "", "", st.Muted)
}

// daysBefore names the previous period ("30 days").
func daysBefore(r insights.Report) string {
	if r.From == "" {
		return "period"
	}
	return plural(r.From.DaysUntil(r.To)+1, "day", "days")
}

// span is "Oct 24 – Nov 22", with years only when they differ.
func span(from, to journal.Day) string {
	if from == "" {
		return "through " + shortDay(to, true)
	}
	withYear := len(from) >= 4 && len(to) >= 4 && from[:4] != to[:4]
	return shortDay(from, withYear) + " – " + shortDay(to, withYear)
}

func shortDay(d journal.Day, year bool) string {
	if !d.Valid() {
		return string(d)
	}
	t := d.Time(time.UTC)
	if year {
		return t.Format("Jan 2 2006")
	}
	return t.Format("Jan 2")
}

// brief lists the figures that exist when there are too few No's for charts.
func brief(r insights.Report, w int, st Styles) string {
	var lines []string
	list := func(title string, items []insights.Count) {
		if len(items) == 0 {
			return
		}
		parts := make([]string, len(items))
		for i, c := range items {
			parts[i] = fmt.Sprintf("%s %d", clean(c.Label), c.Count)
		}
		lines = append(lines, wrap(title+": "+strings.Join(parts, " · "), w, "", indent, st.Label))
	}
	list("Reasons", r.Reasons)
	list("Kinds", r.Kinds)
	if len(r.Competitors) > 0 {
		parts := make([]string, len(r.Competitors))
		for i, c := range r.Competitors {
			parts[i] = fmt.Sprintf("%s %d", clean(c.Name), c.Count)
		}
		lines = append(lines, wrap("Competitors: "+strings.Join(parts, " · "), w, "", indent, st.Label))
	}
	if r.Turned > 0 {
		lines = append(lines, wrap(turnedSentence(r), w, "", indent, st.Good))
	}
	if s := feelingSentence(r); s != "" {
		lines = append(lines, wrap(s, w, "", indent, st.Label))
	}
	return strings.Join(lines, "\n")
}

// Bars draws one row per item: label, a bar proportional to the largest
// count (█ with eighth-block partials), the count, its share and, when a
// previous period exists, the change ("+3", "−2", "new", "±0").
func Bars(items []insights.Count, width int, st Styles) string {
	if len(items) == 0 {
		return ""
	}
	width = max(width, MinWidth)
	maxCount, labelW, countW, changeW := 0, 0, 1, 0
	for _, c := range items {
		maxCount = max(maxCount, c.Count)
		labelW = max(labelW, ansi.StringWidth(clean(c.Label)))
		countW = max(countW, len(fmt.Sprint(c.Count)))
		if c.Compared {
			changeW = max(changeW, ansi.StringWidth(change(c)))
		}
	}
	labelW = min(labelW, max(8, width/3))
	const shareW = 4 // "100%"
	fixed := len(indent) + labelW + 1 + 1 + countW + 1 + shareW
	if changeW > 0 {
		fixed += 1 + changeW
	}
	barW := max(width-fixed, 1)
	lines := make([]string, len(items))
	for i, c := range items {
		barStyle := st.Bar
		if i%2 == 1 {
			barStyle = st.BarAlt // alternate rows so neighbouring bars stay apart in colour too
		}
		b := bar(c.Count, maxCount, barW)
		line := indent + st.Label.Render(padRight(truncate(clean(c.Label), labelW), labelW)) + " " +
			barStyle.Render(b) + strings.Repeat(" ", barW-ansi.StringWidth(b)) + " " +
			fmt.Sprintf("%*d", countW, c.Count) + " " + st.Muted.Render(fmt.Sprintf("%*s", shareW, fmt.Sprintf("%d%%", insights.Percent(c.Share))))
		if changeW > 0 {
			line += " " + changeStyle(c, st).Render(padLeft(change(c), changeW))
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

// bar is n/maxN of width cells, in eighths; any n > 0 shows at least ▏.
func bar(n, maxN, width int) string {
	if n <= 0 || maxN <= 0 || width <= 0 {
		return ""
	}
	e := int(math.Round(float64(n) / float64(maxN) * float64(width*8)))
	e = min(max(e, 1), width*8)
	s := strings.Repeat("█", e/8)
	if rem := e % 8; rem > 0 {
		s += string([]rune(eighths)[rem-1])
	}
	return s
}

func change(c insights.Count) string {
	switch {
	case !c.Compared:
		return ""
	case c.Prev == 0:
		return "new"
	case c.Change > 0:
		return fmt.Sprintf("+%d", c.Change)
	case c.Change < 0:
		return fmt.Sprintf("%s%d", minus, -c.Change)
	}
	return "±0"
}

// changeStyle: fewer No's of a reason is good news, more is worth a look.
func changeStyle(c insights.Count, st Styles) lipgloss.Style {
	switch {
	case c.Prev == 0:
		return st.Accent
	case c.Change > 0:
		return st.Warn
	case c.Change < 0:
		return st.Good
	}
	return st.Muted
}

// Sparkline maps each value to one of ▁▂▃▄▅▆▇█ relative to the largest; a
// zero is a blank so an empty week never looks like a small one.
func Sparkline(vals []int) string {
	top := 0
	for _, v := range vals {
		top = max(top, v)
	}
	fs := make([]float64, len(vals))
	for i, v := range vals {
		fs[i] = float64(v)
	}
	return spark(fs, float64(top), 1)
}

// spark scales vals against top; each value takes cell cells (the last a gap
// when cell > 1, so wide strips read as separate bars). NaN or <= 0 is blank.
func spark(vals []float64, top float64, cell int) string {
	runes := []rune(sparkRune)
	var b strings.Builder
	for _, v := range vals {
		r := ' '
		if v > 0 && top > 0 && !math.IsNaN(v) {
			lvl := int(math.Ceil(v / top * 8))
			r = runes[min(max(lvl, 1), 8)-1]
		}
		if cell <= 1 {
			b.WriteRune(r)
			continue
		}
		b.WriteString(strings.Repeat(string(r), cell-1) + " ")
	}
	return b.String()
}

func assumed(r insights.Report, w int, st Styles) string {
	if r.Assumed == 0 {
		return wrap("No guesses logged yet. Note the reason you assume before you ask, to learn how often you guess right.", w, indent, indent, st.Muted)
	}
	var lines []string
	// Only a guess next to the reason they said can be checked.
	checked := r.Assumed - r.Guessed
	if r.Guessed > 0 {
		lines = append(lines, wrap(fmt.Sprintf("%s only your guess: ask why to learn the real reason.",
			plural(r.Guessed, "No has", "No's have")), w, indent, indent, st.Muted))
	}
	missed := func(tail string) string {
		if !insights.RateShown(checked) {
			return fmt.Sprintf("Your guess missed the real reason in %d of %d No's where they said it%s.", r.Mismatched, checked, tail)
		}
		return fmt.Sprintf("Your guess missed the real reason in %d%% of No's where they said it (%d of %d)%s.",
			insights.Percent(r.AssumedMismatchRate), r.Mismatched, checked, tail)
	}
	switch m := r.TopMismatch; {
	case checked == 0:
	case m != nil:
		a := clean(m.AssumedLabel)
		s := fmt.Sprintf("You assumed %s %s; it was %s %s. Most often it was really %s (%d).",
			a, times(m.AssumedTimes), a, times(m.ActualTimes), clean(m.RealLabel), m.Count)
		lines = append(lines, wrap(s, w, indent, indent, st.Label))
		lines = append(lines, wrap(missed(""), w, indent, indent, st.Muted))
	case r.Mismatched > 0:
		// No mix-up leads yet (a tie, or each seen once): say the count only.
		lines = append(lines, wrap(missed("; no one mix-up stands out yet"), w, indent, indent, st.Muted))
	default:
		lines = append(lines, wrap(fmt.Sprintf("Your guess never missed the real reason (%s where they said it).", plural(checked, "No", "No's")), w, indent, indent, st.Good))
	}
	return strings.Join(lines, "\n")
}

// debriefs says what debrief calls said, next to the reasons.
func debriefs(r insights.Report, w int, st Styles) string {
	d := r.Debriefs
	if d.Nos == 0 {
		return ""
	}
	parts := make([]string, len(d.ByReason))
	for i, c := range d.ByReason {
		parts[i] = fmt.Sprintf("%s %d", clean(c.Label), c.Count)
	}
	s := plural(d.Nos, "No", "No's") + " with debrief answers"
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, " · ")
	}
	lines := []string{wrap(s+".", w, indent, indent, st.Label)}
	if len(d.Said) > 0 {
		said := make([]string, len(d.Said))
		for i, a := range d.Said {
			said[i] = fmt.Sprintf("“%s” (%d)", clean(a.Text), a.Count)
		}
		lines = append(lines, wrap("Heard more than once: "+strings.Join(said, ", ")+".", w, indent, indent, st.Muted))
	}
	return strings.Join(lines, "\n")
}

func trend(r insights.Report, w int, st Styles) string {
	if len(r.Weeks) == 0 {
		return ""
	}
	nos := make([]float64, len(r.Weeks))
	ref := make([]float64, len(r.Weeks))
	top := 0
	for i, wk := range r.Weeks {
		nos[i], ref[i] = float64(wk.Nos), float64(wk.Reframed)
		top = max(top, wk.Nos, wk.Reframed)
	}
	const labelW = 9 // "Reframed "
	tail := fmt.Sprintf("  max %d", top)
	cell := min(max((w-len(indent)-labelW-ansi.StringWidth(tail))/len(r.Weeks), 1), 4)
	stripW := cell * len(r.Weeks)
	if cell > 1 {
		stripW-- // the last week's gap
	}
	// One scale for both rows so reframed reads against No's.
	lines := []string{
		indent + st.Label.Render(padRight("No's", labelW)) + st.Bar.Render(spark(nos, float64(top), cell)) + st.Muted.Render(tail),
		indent + st.Label.Render(padRight("Reframed", labelW)) + st.BarAlt.Render(spark(ref, float64(top), cell)),
	}
	first, last := shortDay(r.Weeks[0].Start, false), shortDay(r.Weeks[len(r.Weeks)-1].Start, false)
	axis := "from " + first
	if gap := stripW - ansi.StringWidth(first) - ansi.StringWidth(last); gap >= 1 {
		axis = first + strings.Repeat(" ", gap) + last
	}
	lines = append(lines, indent+strings.Repeat(" ", labelW)+st.Muted.Render(axis))
	this := r.Weeks[len(r.Weeks)-1]
	lines = append(lines, wrap(fmt.Sprintf("This week: %s, %d reframed. Weeks start on Monday.", plural(this.Nos, "No", "No's"), this.Reframed), w, indent, indent, st.Muted))
	return strings.Join(lines, "\n")
}

func competitors(cs []insights.Competitor, w int, st Styles) string {
	if len(cs) == 0 {
		return wrap("No competitor named in this period.", w, indent, indent, st.Muted)
	}
	shown := cs[:min(len(cs), maxRows)]
	nameW := ansi.StringWidth("Competitor")
	for _, c := range shown {
		nameW = max(nameW, ansi.StringWidth(clean(c.Name)))
	}
	nameW = min(nameW, max(10, w/4))
	const countW = 4 // "No's"
	whyW := w - len(indent) - nameW - 1 - countW - 2
	stacked := whyW < 16 // too narrow for a third column: whys go under the name
	head := indent + padRight("Competitor", nameW) + " " + padLeft("No's", countW)
	if !stacked {
		head += "  Why they chose them"
	}
	lines := []string{st.Muted.Render(head)}
	for _, c := range shown {
		whys := make([]string, len(c.Whys))
		for i, y := range c.Whys {
			whys[i] = clean(y)
		}
		row := indent + st.Label.Render(padRight(truncate(clean(c.Name), nameW), nameW)) + " " + fmt.Sprintf("%*d", countW, c.Count)
		why := strings.Join(whys, "; ")
		switch {
		case why == "":
		case stacked:
			row += "\n" + indent + indent + st.Muted.Render(truncate(why, w-2*len(indent)))
		default:
			row += "  " + st.Muted.Render(truncate(why, whyW))
		}
		lines = append(lines, row)
	}
	if more := len(cs) - len(shown); more > 0 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%s+ %d more", indent, more)))
	}
	return strings.Join(lines, "\n")
}

// turnedSentence says how many No's turned; the rate only from
// MinForPatterns No's.
func turnedSentence(r insights.Report) string {
	s := fmt.Sprintf("%d of %s became maybe or yes", r.Turned, plural(r.Total, "No", "No's"))
	if insights.RateShown(r.Total) {
		s = fmt.Sprintf("%d of %s (%d%%) became maybe or yes", r.Turned, plural(r.Total, "No", "No's"), insights.Percent(r.TurnaroundRate))
	}
	if r.MedianDaysToYes != nil {
		s += fmt.Sprintf("; median %s from No to yes", days(*r.MedianDaysToYes))
	}
	return s + "."
}

func turnaround(r insights.Report, w int, st Styles) string {
	style := st.Label
	if r.Turned > 0 {
		style = st.Good
	}
	lines := []string{wrap(turnedSentence(r), w, indent, indent, style)}
	if r.Turned == 0 {
		lines = append(lines, wrap("None turned yet. Follow-ups are where No's turn.", w, indent, indent, st.Muted))
		return strings.Join(lines, "\n")
	}
	// One label width for both tables so their columns line up.
	labelW := ansi.StringWidth("By reason")
	for _, rows := range [][]insights.Turnaround{r.ByReason, r.ByKind} {
		for _, t := range rows[:min(len(rows), maxRows)] {
			labelW = max(labelW, ansi.StringWidth(clean(t.Label)))
		}
	}
	labelW = min(labelW, max(8, w-len(indent)-turnNumW))
	for _, tbl := range []string{turnTable("By reason", r.ByReason, labelW, st), turnTable("By kind", r.ByKind, labelW, st)} {
		if tbl != "" {
			lines = append(lines, tbl)
		}
	}
	return strings.Join(lines, "\n")
}

// turnNumW is the width of the number columns of a turnaround table.
const turnNumW = 27

// turnTable shows which No's are worth following up: rows by rate, best first.
func turnTable(title string, rows []insights.Turnaround, labelW int, st Styles) string {
	if len(rows) == 0 {
		return ""
	}
	shown := rows[:min(len(rows), maxRows)]
	lines := []string{st.Muted.Render(indent + padRight(title, labelW) + "  No's turned  rate  to yes")}
	for _, t := range shown {
		toYes := "—"
		if t.MedianDaysToYes != nil {
			toYes = shortDays(*t.MedianDaysToYes)
		}
		rate := "—" // too few No's for a rate
		if insights.RateShown(t.Nos) {
			rate = fmt.Sprintf("%d%%", insights.Percent(t.Rate))
		}
		lines = append(lines, indent+st.Label.Render(padRight(truncate(clean(t.Label), labelW), labelW))+
			fmt.Sprintf("  %4d %6d %5s %7s", t.Nos, t.Turned, rate, toYes))
	}
	if more := len(rows) - len(shown); more > 0 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%s+ %d more", indent, more)))
	}
	return strings.Join(lines, "\n")
}

func feelingSentence(r insights.Report) string {
	switch {
	case r.FeelingBefore != nil && r.FeelingAfter != nil:
		return fmt.Sprintf("Sting %.1f when it happened → %.1f after reframing (1 barely, 5 really stung).", *r.FeelingBefore, *r.FeelingAfter)
	case r.FeelingBefore != nil:
		return fmt.Sprintf("Sting %.1f when it happened (1 barely, 5 really stung); rate it again after reframing to see it ease.", *r.FeelingBefore)
	case r.FeelingAfter != nil:
		return fmt.Sprintf("Sting %.1f after reframing (1 barely, 5 really stung).", *r.FeelingAfter)
	}
	return ""
}

func feeling(r insights.Report, w int, st Styles) string {
	s := feelingSentence(r)
	if s == "" {
		return wrap("No feelings rated yet. Rate the sting when you log a No, and again after reframing.", w, indent, indent, st.Muted)
	}
	style := st.Label
	if r.FeelingBefore != nil && r.FeelingAfter != nil && *r.FeelingAfter < *r.FeelingBefore {
		style = st.Good
	}
	lines := []string{wrap(s, w, indent, indent, style)}
	before := make([]float64, len(r.FeelingTrend))
	after := make([]float64, len(r.FeelingTrend))
	rated := 0
	for i, f := range r.FeelingTrend {
		if f.Before != nil {
			before[i] = *f.Before
		}
		if f.After != nil {
			after[i] = *f.After
		}
		if f.Before != nil || f.After != nil {
			rated++
		}
	}
	if rated >= 2 { // one point is not a trend
		const labelW = 9
		cell := min(max((w-len(indent)-labelW)/len(before), 1), 4)
		lines = append(lines,
			indent+st.Label.Render(padRight("Before", labelW))+st.Warn.Render(spark(before, 5, cell)),
			indent+st.Label.Render(padRight("After", labelW))+st.Good.Render(spark(after, 5, cell)),
			st.Muted.Render(indent+strings.Repeat(" ", labelW)+"last 12 weeks, scale 1–5"))
	}
	return strings.Join(lines, "\n")
}

func suggestions(r insights.Report, w int, st Styles) string {
	if len(r.Suggestions) == 0 {
		return wrap("Nothing stands out yet.", w, indent, indent, st.Muted)
	}
	lines := make([]string, len(r.Suggestions))
	for i, s := range r.Suggestions {
		text := "• " + clean(s.Text)
		if b := clean(s.Because); b != "" {
			text += " — " + b
		}
		lines[i] = wrap(text, w, indent, indent+"  ", st.Label)
	}
	return strings.Join(lines, "\n")
}

// wrap word-wraps plain text to w cells with first/rest prefixes, styling
// each line on its own so colour never bleeds across a line break.
func wrap(s string, w int, first, rest string, style lipgloss.Style) string {
	limit := max(w-max(ansi.StringWidth(first), ansi.StringWidth(rest)), 8)
	lines := strings.Split(ansi.Wrap(s, limit, ""), "\n")
	for i, l := range lines {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		lines[i] = prefix + style.Render(strings.TrimRight(l, " "))
	}
	return strings.Join(lines, "\n")
}

// fit is the last guard of the width promise: it cuts any line still too
// wide, and drops trailing blanks (the gaps after the last bar of a strip).
func fit(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		lines[i] = l
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// clean makes user text inert and one line: no escape sequences, control or
// bidi-override characters, no invalid UTF-8.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "�")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return -1
		case unicode.Is(unicode.Cf, r) && r != '\u200d': // keep ZWJ for emoji sequences
			return -1
		}
		return r
	}, s)
}

func truncate(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) + s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func times(n int) string { return plural(n, "time", "times") }

// days shows a median of days: whole numbers plainly, halves with one decimal.
func days(d float64) string {
	if d == math.Trunc(d) {
		return plural(int(d), "day", "days")
	}
	return fmt.Sprintf("%.1f days", d)
}

// shortDays is days for a table column: "12d", "11.5d".
func shortDays(d float64) string {
	if d == math.Trunc(d) {
		return fmt.Sprintf("%dd", int(d))
	}
	return fmt.Sprintf("%.1fd", d)
}

func pct(n, d int) int {
	if d == 0 {
		return 0
	}
	return insights.Percent(float64(n) / float64(d))
}
