package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
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
	// The user's running tests first: each over its own windows, not the period's.
	add(section("Experiments", experiments(r, w, st), st))
	if !r.Enough {
		// Too few No's: say so first, then only plain figures; no charts of noise.
		add(wrap(r.Message, w, "", "", st.Accent))
		if r.Total > 0 {
			add(brief(r, w, st))
		}
		return fit(strings.Join(sections, "\n\n"), width)
	}
	add(barsSection("Reasons", r.Reasons, "No reasons logged yet.", r, w, st))
	add(barsSection("Kinds of no", r.Kinds, "No kinds of no logged yet.", r, w, st))
	add(section("Assumed vs real", assumed(r, w, st), st))
	add(section("Debriefs", debriefs(r, w, st), st))
	add(section("Trend · last 12 weeks", trend(r, w, st), st))
	add(section(words.Capital(r.Words.Alt().Many), competitors(r.Competitors, r.Words.Alt(), w, st), st))
	add(section("Turnaround", turnaround(r, w, st), st))
	add(section("Feeling", feeling(r, w, st), st))
	sections = append(sections, thinking(r, w, st)...)
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

// barsSection is a bar chart under its title, which says what the columns
// count, so that "+4" reads as 4 No's more than the period before ("new":
// none then).
func barsSection(title string, items []insights.Count, none string, r insights.Report, w int, st Styles) string {
	head := st.Title.Render(title)
	if len(items) > 0 {
		note := "No's · share"
		for _, c := range items {
			if c.Compared {
				note += " · change from the " + daysBefore(r) + " before"
				break
			}
		}
		if ansi.StringWidth(title)+2+ansi.StringWidth(note) <= w {
			head += st.Muted.Render("  " + note)
		}
	}
	return head + "\n" + orNone(bars(items, w, st), none, w, st)
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
	parts := []string{words.Count(r.Total, "No", "No's")}
	switch {
	case r.Total >= insights.MinForPatterns:
		parts = append(parts, fmt.Sprintf("%d reframed (%d%%)", r.Reframed, pct(r.Reframed, r.Total)))
	case r.Total > 0: // no rate from fewer than 10 No's: the counts alone
		parts = append(parts, fmt.Sprintf("%d reframed", r.Reframed))
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
	return words.Count(r.From.DaysUntil(r.To)+1, "day", "days")
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
			parts[i] = fmt.Sprintf("%s %d", textsafe.Inline(c.Label), c.Count)
		}
		lines = append(lines, wrap(title+": "+strings.Join(parts, " · "), w, "", indent, st.Label))
	}
	list("Reasons", r.Reasons)
	list("Kinds", r.Kinds)
	if len(r.Competitors) > 0 {
		parts := make([]string, len(r.Competitors))
		for i, c := range r.Competitors {
			parts[i] = fmt.Sprintf("%s %d", textsafe.Inline(c.Name), c.Count)
		}
		lines = append(lines, wrap(words.Capital(r.Words.Alt().Many)+": "+strings.Join(parts, " · "), w, "", indent, st.Label))
	}
	if r.Turned > 0 {
		lines = append(lines, wrap(turnedSentence(r), w, "", indent, st.Good))
	}
	if s := feelingSentence(r); s != "" {
		lines = append(lines, wrap(s, w, "", indent, st.Label))
	}
	return strings.Join(lines, "\n")
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
			words.Count(r.Guessed, "No has", "No's have")), w, indent, indent, st.Muted))
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
		a := textsafe.Inline(m.AssumedLabel)
		s := fmt.Sprintf("You assumed %s %s; it was %s %s. Most often it was really %s (%d).",
			a, times(m.AssumedTimes), a, times(m.ActualTimes), textsafe.Inline(m.RealLabel), m.Count)
		lines = append(lines, wrap(s, w, indent, indent, st.Label))
		lines = append(lines, wrap(missed(""), w, indent, indent, st.Muted))
	case r.Mismatched > 0:
		// No mix-up leads yet (a tie, or each seen once): say the count only.
		lines = append(lines, wrap(missed("; no one mix-up stands out yet"), w, indent, indent, st.Muted))
	default:
		lines = append(lines, wrap(fmt.Sprintf("Your guess never missed the real reason (%s where they said it).", words.Count(checked, "No", "No's")), w, indent, indent, st.Good))
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
		parts[i] = fmt.Sprintf("%s %d", textsafe.Inline(c.Label), c.Count)
	}
	s := words.Count(d.Nos, "No", "No's") + " with debrief answers"
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, " · ")
	}
	lines := []string{wrap(s+".", w, indent, indent, st.Label)}
	if len(d.Said) > 0 {
		said := make([]string, len(d.Said))
		for i, a := range d.Said {
			said[i] = fmt.Sprintf("“%s” (%d)", textsafe.Inline(a.Text), a.Count)
		}
		lines = append(lines, wrap("Heard more than once: "+strings.Join(said, ", ")+".", w, indent, indent, st.Muted))
	}
	return strings.Join(lines, "\n")
}

// turnedSentence says how many No's turned; the rate only from
// MinForPatterns No's.
func turnedSentence(r insights.Report) string {
	s := fmt.Sprintf("%d of %s became maybe or yes", r.Turned, words.Count(r.Total, "No", "No's"))
	if insights.RateShown(r.Total) {
		s = fmt.Sprintf("%d of %s (%d%%) became maybe or yes", r.Turned, words.Count(r.Total, "No", "No's"), insights.Percent(r.TurnaroundRate))
	}
	if r.MedianDaysToYes != nil {
		s += fmt.Sprintf("; median %s from No to yes", days(*r.MedianDaysToYes))
	}
	return s + "."
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

func suggestions(r insights.Report, w int, st Styles) string {
	if len(r.Suggestions) == 0 {
		return wrap("Nothing stands out yet.", w, indent, indent, st.Muted)
	}
	lines := make([]string, len(r.Suggestions))
	for i, s := range r.Suggestions {
		text := "• " + textsafe.Inline(s.Text)
		if b := textsafe.Inline(s.Because); b != "" {
			text += " — " + b
		}
		lines[i] = wrap(text, w, indent, indent+"  ", st.Label)
	}
	return strings.Join(lines, "\n")
}

func pct(n, d int) int {
	if d == 0 {
		return 0
	}
	return insights.Percent(float64(n) / float64(d))
}
