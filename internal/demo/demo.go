// Package demo makes a realistic journal: No's spread over years on working
// days, each mode's reasons in plausible proportions, kinds, competitors,
// turnaround answers, outcomes that turned after follow-ups, reflections on
// most days, wins and tags. The same seed always gives the same journal.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Options shape the journal.
type Options struct {
	Nos   int         // how many No's
	Days  int         // spread over this many days before Today
	Seed  uint64      // same seed, same journal
	Today journal.Day // the last day
	Mode  string      // one mode; "" mixes them (mostly the first, some of the others)
}

// Journal is what Generate makes, ready for the store.
type Journal struct {
	Nos         []journal.No
	Reflections []journal.Reflection
	Wins        []journal.Win
	RestDays    []journal.Day
}

var (
	companies = []string{"Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises", "Hooli",
		"Pied Piper", "Soylent", "Vandelay Industries", "Wonka", "Cyberdyne", "Tyrell", "Aperture", "Black Mesa",
		"Monsters Inc", "Gringotts", "Dunder Mifflin", "Sterling Cooper", "Massive Dynamic", "Oscorp", "Nakatomi",
		"Virtucon", "Bluth Company", "Prestige Worldwide", "Krusty Krab", "Los Pollos", "Gekko & Co", "Duff", "Buy n Large"}
	firstNames  = []string{"Ana", "Ben", "Chloé", "Dev", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jon", "Kemi", "Lars", "Mei", "Nia", "Omar", "Priya"}
	competitors = []string{"Salesforce", "HubSpot", "Pipedrive", "Zoho", "a cheaper local agency", "their in-house team", "Monday.com"}
	compWhys    = []string{"cheaper", "already use their tools", "bundled with their CRM", "a friend works there", "faster onboarding", "more integrations"}
	offers      = []string{"Annual plan", "Pilot", "Enterprise tier", "Starter plan", "Consulting package", "Team upgrade"}
	channels    = []string{"call", "e-mail", "meeting", "demo", "video call"}
	saids       = []string{
		"It's more than we budgeted for this year.", "We're worried about hidden fees.", "Not the right time — maybe after Q2.",
		"We went with another vendor.", "I need to run this past my director.", "Honestly we don't see the need right now.",
		"I didn't quite follow how the pricing works.", "We're waiting on a new hire before deciding.",
		"Your product doesn't do the reporting we need.", "We've been burned by a startup before.",
	}
	changes = []string{"A lower entry price", "A pilot with no commitment", "Budget in the next fiscal year", "A line-item quote",
		"The reporting module", "References from companies like them", "Once the new VP starts", "A clearer ROI case"}
	lessons = []string{"Ask about budget in the first call", "Show the ROI before the price", "Qualify the decision maker earlier",
		"Send the pricing sheet up front", "Lead with a case study", "Keep the demo under 20 minutes", "Ask what would change their mind"}
	nexts = []string{"Send a case study", "Check in after their budget cycle", "Offer a pilot", "Send a line-item quote", "Ask for a debrief call"}
	wins  = []string{"Booked two demos", "Closed a small deal", "Got a referral", "Great feedback on the pitch", "Finished the proposal early"}
	tags  = []string{"q1", "q2", "q3", "q4", "inbound", "outbound", "enterprise", "smb", "outside-icp"}
)

// weights for sales reasons, in the order of the taxonomy: price, budget,
// timing, no-need, waiting, competitor, hidden-fees, misunderstood, confused,
// trust, product-gap, other.
var salesWeights = []int{18, 14, 14, 9, 7, 10, 5, 5, 4, 5, 6, 3}

// Generate builds the whole journal in memory (tests and benchmarks). It
// is deterministic for a seed, and equal to what a Generator gives.
func Generate(cat *coach.Catalog, o Options) (Journal, error) {
	g, err := NewGenerator(cat, o)
	if err != nil {
		return Journal{}, err
	}
	j := Journal{Nos: make([]journal.No, 0, o.Nos)}
	for batch := g.Next(nil, 4096); len(batch) > 0; batch = g.Next(nil, 4096) {
		j.Nos = append(j.Nos, batch...)
	}
	rest := g.Rest()
	j.Reflections, j.Wins, j.RestDays = rest.Reflections, rest.Wins, rest.RestDays
	return j, nil
}

// Generator makes the journal a batch of No's at a time, then the rest,
// so filling a journal of 100k No's keeps memory flat.
type Generator struct {
	o     Options
	rng   *rand.Rand
	modes []*coach.Mode
	start journal.Day
	days  []journal.Day // working days in the range, oldest first
	made  int
}

// NewGenerator checks o and starts the journal's random sequence.
func NewGenerator(cat *coach.Catalog, o Options) (*Generator, error) {
	if o.Nos < 0 || o.Days < 1 {
		return nil, fmt.Errorf("demo: need at least one day and zero or more No's")
	}
	g := &Generator{o: o, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9E3779B97F4A7C15))}
	if o.Mode != "" {
		m, err := cat.Mode(o.Mode)
		if err != nil {
			return nil, err
		}
		g.modes = []*coach.Mode{m}
	} else {
		g.modes = cat.Modes()
	}
	g.start = o.Today.AddDays(-(o.Days - 1))
	for d := g.start; d <= o.Today; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			g.days = append(g.days, d)
		}
	}
	if len(g.days) == 0 {
		g.days = []journal.Day{o.Today}
	}
	return g, nil
}

// Next appends up to max of the next No's to buf[:0] and returns it;
// empty when all are made.
func (g *Generator) Next(buf []journal.No, max int) []journal.No {
	buf = buf[:0]
	for ; g.made < g.o.Nos && len(buf) < max; g.made++ {
		// Spread evenly with jitter, so every period has data.
		di := min(len(g.days)-1, g.made*len(g.days)/g.o.Nos+g.rng.IntN(3))
		mode := g.modes[0]
		if len(g.modes) > 1 && g.rng.IntN(10) >= 7 {
			mode = g.modes[1+g.rng.IntN(len(g.modes)-1)]
		}
		buf = append(buf, makeNo(g.rng, mode, g.days[di], g.o.Today))
	}
	return buf
}

// Rest makes the reflections, wins and rest days; call it after the No's.
func (g *Generator) Rest() Journal {
	var j Journal
	rng, o, modes := g.rng, g.o, g.modes
	// Reflections on most working days (more often recently), rest days now and then.
	for _, d := range g.days {
		age := d.DaysUntil(o.Today)
		p := 55
		if age < 120 {
			p = 80
		}
		if rng.IntN(100) < p {
			j.Reflections = append(j.Reflections, makeReflection(rng, modes[0], d))
		}
	}
	for w := g.start.WeekStart(); w <= o.Today; w = w.AddDays(7) {
		if rng.IntN(4) == 0 {
			j.RestDays = append(j.RestDays, w.AddDays(5)) // a Saturday
		}
		if rng.IntN(3) == 0 {
			d := w.AddDays(rng.IntN(5))
			if d >= g.start && d <= o.Today {
				j.Wins = append(j.Wins, journal.Win{Date: d, Who: pick(rng, companies), What: pick(rng, wins), Mode: modes[0].ID,
					CreatedAt: at(d, 17, rng)})
			}
		}
	}
	return j
}

func makeNo(rng *rand.Rand, mode *coach.Mode, day, today journal.Day) journal.No {
	n := journal.No{Date: day, Mode: mode.ID, CreatedAt: at(day, 9+rng.IntN(8), rng)}
	n.UpdatedAt = n.CreatedAt
	if rng.IntN(3) == 0 {
		n.Who = pick(rng, firstNames) + " at " + pick(rng, companies)
	} else {
		n.Who = pick(rng, companies)
	}
	n.Offer = pick(rng, offers)
	n.Channel = pick(rng, channels)
	n.Said = pick(rng, saids)
	reason := weighted(rng, mode)
	n.Reason = reason.ID
	n.Kind = reason.Kind
	if n.Kind == "" {
		n.Kind = journal.Kinds[rng.IntN(len(journal.Kinds))]
	}
	if rng.IntN(3) > 0 {
		n.Assumed = n.Reason
		if rng.IntN(3) == 0 {
			n.Assumed = mode.Reasons[rng.IntN(len(mode.Reasons))].ID
		}
	}
	n.Feeling = 1 + rng.IntN(5)
	if rng.IntN(2) == 0 {
		n.ReasonText = "They said: " + strings.ToLower(n.Said)
	}
	if n.Reason == "competitor" || rng.IntN(12) == 0 {
		n.Competitor = pick(rng, competitors)
		n.CompetitorWhy = pick(rng, compWhys)
	}
	reframed := rng.IntN(100) < 70
	if reframed {
		n.Change = pick(rng, changes)
		n.Lesson = pick(rng, lessons)
		n.Next = pick(rng, nexts)
		n.FeelingAfter = max(1, n.Feeling-1-rng.IntN(2))
		t := n.CreatedAt.Add(time.Duration(1+rng.IntN(8)) * time.Hour)
		n.ReframedAt = &t
	}
	if rng.IntN(4) == 0 {
		n.Tags = []string{pick(rng, tags)}
	}
	// Outcome history: most stay open or get closed; some turn.
	n.Outcome = journal.OutcomeOpen
	n.OutcomeHistory = []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: n.CreatedAt.UTC()}}
	age := day.DaysUntil(today)
	if n.Kind != journal.KindFinal && rng.IntN(100) < 60 {
		fu := day.AddDays(2 + rng.IntN(60))
		n.FollowUp = fu
		n.FollowUpDone = fu < today && rng.IntN(100) < 85
	}
	step := func(o journal.Outcome, after int) {
		if after <= age {
			n.Outcome = o
			n.OutcomeHistory = append(n.OutcomeHistory, journal.OutcomeChange{Outcome: o, At: at(day.AddDays(after), 11, rng).UTC()})
		}
	}
	switch r := rng.IntN(100); {
	case r < 8:
		step(journal.OutcomeFollowingUp, 3)
		step(journal.OutcomeMaybe, 10)
		step(journal.OutcomeYes, 15+rng.IntN(60))
	case r < 15:
		step(journal.OutcomeFollowingUp, 3)
		step(journal.OutcomeMaybe, 12+rng.IntN(20))
	case r < 35:
		step(journal.OutcomeFollowingUp, 2+rng.IntN(10))
	case r < 65:
		step(journal.OutcomeClosed, 20+rng.IntN(40))
	}
	if n.Outcome == journal.OutcomeYes || n.Outcome == journal.OutcomeClosed {
		n.FollowUpDone = n.FollowUp != ""
	}
	if len(n.OutcomeHistory) > 1 {
		n.UpdatedAt = n.OutcomeHistory[len(n.OutcomeHistory)-1].At
	}
	return n
}

func makeReflection(rng *rand.Rand, mode *coach.Mode, d journal.Day) journal.Reflection {
	p := mode.Prompts[rng.IntN(len(mode.Prompts))]
	r := journal.Reflection{Date: d, Mood: 1 + rng.IntN(5), PromptIDs: []string{p.ID},
		Answers:     []journal.Answer{{Prompt: p.Text, Answer: pick(rng, lessons)}},
		Ritual:      mode.Rituals[rng.IntN(len(mode.Rituals))].ID,
		Win:         pick(rng, wins),
		Intention:   "Ask: " + pick(rng, changes) + "?",
		CompletedAt: at(d, 18, rng).UTC(), Sessions: 1}
	return r
}

func weighted(rng *rand.Rand, mode *coach.Mode) coach.Reason {
	if mode.ID == "sales" && len(mode.Reasons) == len(salesWeights) {
		total := 0
		for _, w := range salesWeights {
			total += w
		}
		x := rng.IntN(total)
		for i, w := range salesWeights {
			if x < w {
				return mode.Reasons[i]
			}
			x -= w
		}
	}
	return mode.Reasons[rng.IntN(len(mode.Reasons))]
}

func pick(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

// at is a moment on day d around hour h, local time.
func at(d journal.Day, h int, rng *rand.Rand) time.Time {
	return d.Time(time.Local).Add(time.Duration(h)*time.Hour + time.Duration(rng.IntN(3600))*time.Second)
}
