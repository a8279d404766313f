package render

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

// MaxTraps and MaxDrivers cap the lines of their sections; the rest is
// one "+ N more" line.
const (
	MaxTraps   = 5
	MaxDrivers = 6
)

// thinking draws issue 17's sections of the report: thinking traps and
// the sting with and without the thought record, referrals, stages,
// mistakes and how prepared, decision drivers, intentions kept. Each is
// left out when the period has nothing for it.
func thinking(r insights.Report, w int, st Styles) []string {
	t := r.Thinking
	var out []string
	add := func(title, body string) {
		if s := section(title, body, st); s != "" {
			out = append(out, s)
		}
	}
	add("Thinking traps", traps(r, w, st))
	add("Referrals", referrals(r, w, st))
	if t.Stages.Of > 0 {
		add("Stages", stagesBody(t.Stages, w, st))
	}
	add("Kinds of mistake", mistakes(t, w, st))
	add("Decision drivers", drivers(t, w, st))
	add("Intentions", intentions(t.Intentions, w, st))
	return out
}

// traps says how often each trap came up against the period before, and
// the sting with and without the thought record.
func traps(r insights.Report, w int, st Styles) string {
	t := r.Thinking
	if t.Reframes == 0 || t.ThoughtRecords == 0 && len(t.Traps) == 0 {
		return ""
	}
	of := words.Count(t.Reframes, "reframe", "reframes")
	lines := []string{wrap(fmt.Sprintf("Thought record on %d of %s.", t.ThoughtRecords, of), w, indent, indent, st.Muted)}
	for i, tr := range t.Traps {
		if i == MaxTraps {
			lines = append(lines, wrap(fmt.Sprintf("+ %d more", len(t.Traps)-MaxTraps), w, indent, indent, st.Muted))
			break
		}
		s := fmt.Sprintf("%s in %d of %s", textsafe.Inline(tr.Label), tr.Count, of)
		style := st.Label
		if t.Compared {
			switch {
			case tr.Count < tr.Prev:
				s += fmt.Sprintf(", down from %d", tr.Prev)
				style = st.Good
			case tr.Count > tr.Prev && tr.Prev > 0:
				s += fmt.Sprintf(", up from %d", tr.Prev)
			case tr.Count > tr.Prev:
				s += ", none the " + daysBefore(r) + " before"
			default:
				s += ", as before"
			}
		}
		lines = append(lines, wrap(s+".", w, indent, indent+"  ", style))
	}
	if s := stingLines(t.Sting); len(s) > 0 {
		for i, l := range s {
			style := st.Label
			if i > 0 {
				style = st.Muted
			}
			lines = append(lines, wrap(l, w, indent, indent, style))
		}
	}
	return strings.Join(lines, "\n")
}

// stingLines compares the sting's drop with the thought record and
// without: averages only with insights.MinSting of each, and a word on
// whether the step helps only when the binomial test says it stands out.
func stingLines(s insights.Sting) []string {
	if s.With.N == 0 {
		return nil
	}
	if !s.Shown {
		return []string{fmt.Sprintf("The sting's drop with and without the thought record shows from %d rated reframes of each (now %d with, %d without).",
			insights.MinSting, s.With.N, s.Without.N)}
	}
	out := []string{fmt.Sprintf("Sting eased %.1f points on average with the thought record (%s), %.1f without (%d).",
		*s.With.Drop, words.Count(s.With.N, "reframe", "reframes"), *s.Without.Drop, s.Without.N)}
	all := pct(s.With.Eased+s.Without.Eased, s.With.N+s.Without.N)
	if s.StandsOut {
		out = append(out, fmt.Sprintf("With it, %d of %d eased by %d points or more, against %d%% of all your rated reframes: more than chance would give. The minute it takes seems worth it.",
			s.With.Eased, s.With.N, insights.EasedBy, all))
	} else {
		out = append(out, fmt.Sprintf("With it, %d of %d eased by %d points or more, against %d%% of all your rated reframes: no clear difference yet.",
			s.With.Eased, s.With.N, insights.EasedBy, all))
	}
	return out
}

// referrals: asked -> given -> became a yes, in the mode's word for a
// yes. Over all time it is one funnel; over a period the yeses are those
// that came in it, perhaps from referrals named before, so they are a
// sentence of their own.
func referrals(r insights.Report, w int, st Styles) string {
	f := r.Thinking.Referrals
	if f.Asked == 0 && f.Yes == 0 {
		return ""
	}
	yes := r.Words.Yes
	if yes == "" {
		yes = "yes"
	}
	asked := fmt.Sprintf("Asked for a referral after %s → %d named someone", words.Count(f.Asked, "No", "No's"), f.Given)
	var s string
	switch {
	case r.From == "" && f.Yes > 0:
		s = fmt.Sprintf("%s → %d led to a %s.", asked, f.Yes, yes)
	case r.From == "":
		s = fmt.Sprintf("%s; none has led to a %s yet.", asked, yes)
	case f.Yes > 0:
		s = fmt.Sprintf("%s. In the same %s, %s led to a %s.", asked, daysBefore(r), words.Count(f.Yes, "referral", "referrals"), yes)
	default:
		s = asked + "."
	}
	return wrap(s, w, indent, indent, st.Label)
}

// stagesBody: where most No's came, then the stages in the mode's order.
func stagesBody(s insights.Stages, w int, st Styles) string {
	head := fmt.Sprintf("%d of %s with a stage came at %s or later.", s.AtOrLater, words.Count(s.Of, "No", "No's"), textsafe.Inline(s.TopLabel))
	if s.TopFirst {
		// Everything is "at the first stage or later": say the first alone.
		head = fmt.Sprintf("%d of %s with a stage came at %s, the first stage.", s.TopCount, words.Count(s.Of, "No", "No's"), textsafe.Inline(s.TopLabel))
	}
	return wrap(head, w, indent, indent, st.Label) + "\n" + bars(s.Items, w, st)
}

// mistakes: the kinds of mistake and what was said of how they prepared.
func mistakes(t insights.Thinking, w int, st Styles) string {
	var lines []string
	if t.MistakesOf > 0 {
		lines = append(lines, bars(t.Mistakes, w, st))
	}
	if t.PreparedNos > 0 {
		s := fmt.Sprintf("How you prepared: said on %s", words.Count(t.PreparedNos, "No", "No's"))
		if len(t.Prepared) > 0 {
			parts := make([]string, len(t.Prepared))
			for i, p := range t.Prepared {
				parts[i] = fmt.Sprintf("“%s” %d", textsafe.Inline(p.Text), p.Count)
			}
			s += "; most often " + strings.Join(parts, " · ")
		}
		lines = append(lines, wrap(s+".", w, indent, indent, st.Muted))
	}
	return strings.Join(lines, "\n")
}

// drivers: each reason as the reason and beside another, most first.
func drivers(t insights.Thinking, w int, st Styles) string {
	if len(t.Drivers) == 0 {
		return ""
	}
	labelW := 0
	for _, d := range t.Drivers[:min(len(t.Drivers), MaxDrivers)] {
		labelW = max(labelW, textsafe.Width(textsafe.Inline(d.Label)))
	}
	labelW = min(labelW, max(8, w/3))
	// Columns as wide as their head or their largest count.
	nw, pw, sw := len("No's"), len("reason"), len("beside")
	for _, d := range t.Drivers {
		nw, pw, sw = max(nw, len(fmt.Sprint(d.Total()))), max(pw, len(fmt.Sprint(d.Primary))), max(sw, len(fmt.Sprint(d.Secondary)))
	}
	lines := []string{wrap("Each reason, as the reason and beside another:", w, indent, indent, st.Muted),
		st.Muted.Render(indent + strings.Repeat(" ", labelW) + fmt.Sprintf(" %*s  %*s  %*s", nw, "No's", pw, "reason", sw, "beside"))}
	for i, d := range t.Drivers {
		if i == MaxDrivers {
			lines = append(lines, st.Muted.Render(fmt.Sprintf("%s+ %d more", indent, len(t.Drivers)-MaxDrivers)))
			break
		}
		lines = append(lines, indent+st.Label.Render(textsafe.PadRight(d.Label, labelW))+
			fmt.Sprintf(" %*d  %*d  %*d", nw, d.Total(), pw, d.Primary, sw, d.Secondary))
	}
	return strings.Join(lines, "\n")
}

// intentions: how the day before's intentions went, counts only.
func intentions(k insights.Intentions, w int, st Styles) string {
	if k.Total() == 0 {
		return ""
	}
	s := fmt.Sprintf("Of %s you looked back on: done %d · partly %d · not yet %d.",
		words.Count(k.Total(), "intention", "intentions"), k.Yes, k.Partly, k.NotYet)
	return wrap(s, w, indent, indent, st.Label)
}
