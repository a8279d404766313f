package demo

import (
	"math/rand/v2"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// reviewWeeks is how far back the demo's weekly reviews go.
const reviewWeeks = 26

// focuses are what a demo user answers to "What will you focus on next
// week?", by mode.
var focuses = map[string][]string{
	"sales": {"Ask every not-now when to call back", "Lead with ROI before the price comes up",
		"Send a line-item quote with every proposal", "Find the budget owner on the first call",
		"Follow up every open No by Thursday", "Ask for one referral a day", "Send the case study before the demo"},
	"job": {"Ask for feedback after every interview", "Tailor the first paragraph of each application",
		"Prepare two stories about leading a project", "Reach out to one person at each company first",
		"Follow up a week after every interview", "Practise the salary question out loud"},
	"school": {"Start each assignment two days earlier", "Ask the teacher what a top answer looks like",
		"Do the practice questions without notes first", "Re-read the question before every answer",
		"Go to office hours once", "Check units in every calculation"},
	"personal": {"Invite one new person for a walk", "Say what I want, plainly, once a day",
		"Reply to invitations within a day", "Take a no without apologising for asking",
		"Ask a friend for feedback on my pitch"},
}

// Reviews are a demo user's weekly reviews of mode: most of the last
// reviewWeeks weeks before this one (its workdays, week), always the week
// just before, each saved on the week's last workday afternoon. The seed
// draws them apart from the rest of the journal, so a seed's No's and
// reflections are what they were before reviews.
func Reviews(mode string, today journal.Day, week journal.Workweek, seed uint64, days int) []journal.Review {
	rng := rand.New(rand.NewPCG(seed^0xA0761D6478BD642F, seed+29))
	list := focuses[mode]
	if len(list) == 0 {
		list = focuses["sales"]
	}
	first := today.AddDays(-(days - 1))
	this, _ := journal.WeekOf(today, week)
	var out []journal.Review
	for w := this.AddDays(-7 * reviewWeeks); w < this; w = w.AddDays(7) {
		skip := w != this.AddDays(-7) && rng.IntN(4) == 0
		if w < first || skip {
			continue // before the journal, or a week without a review
		}
		end := w.AddDays(6)
		for !week.Works(end) && end > w {
			end = end.AddDays(-1)
		}
		saved := end.Time(time.Local).Add(16*time.Hour + time.Duration(rng.IntN(120))*time.Minute)
		out = append(out, journal.Review{Week: w, Mode: mode, Focus: pick(rng, list), SavedAt: saved.UTC()})
	}
	return out
}
