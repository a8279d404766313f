package cli

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rebound-coach/rebound/internal/crm"
	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
)

// noFlags are the log/edit flags, one per export field.
type noFlags struct {
	who, contact, offer, channel, said, reason, reasonText, assumed, kind string
	change, competitor, competitorWhy, lesson, next, followUp, date       string
	outcome                                                               string
	feeling, feelingAfter                                                 int
	tags, addTags, removeTags                                             []string
	followUpDone                                                          bool
	fs                                                                    *pflag.FlagSet

	// The thought record, the referral ask and the mode's own lists.
	thought, evidenceFor, evidenceAgainst, balanced string
	referral, stage, prepared, mistake              string
	traps, secondaryReasons                         []string
	referralAsked                                   bool
	conditionMet                                    bool
	amount                                          string
}

func (f *noFlags) register(cmd *cobra.Command, withOutcome bool) {
	fl := cmd.Flags()
	f.fs = fl
	fl.StringVar(&f.who, "who", "", "who said no: the prospect, employer, teacher or person you invited")
	fl.StringVar(&f.contact, "contact", "", "the person the debrief e-mail greets (e.g. Dana at Globex); empty greets neutrally")
	fl.StringVar(&f.offer, "offer", "", "what you offered (plan, role, assignment...)")
	fl.StringVar(&f.channel, "channel", "", "how it came: call, e-mail, meeting...")
	fl.StringVar(&f.said, "said", "", "what they said, in their words")
	fl.StringVar(&f.reason, "reason", "", "the reason id (see rebound reasons)")
	fl.StringVar(&f.reasonText, "reason-text", "", "their real reason, in their words")
	fl.StringVar(&f.assumed, "assumed", "", "the reason you assumed (a reason id)")
	fl.StringVar(&f.kind, "kind", "", "the kind of no: not-now, not-this, not-you, not-understood or final")
	fl.StringVar(&f.change, "change", "", "their answer to: what would need to change for us to revisit this?")
	fl.StringVar(&f.competitor, "competitor", "", "what they chose instead: a competitor (sales), what a stronger application or stronger work looked like (job, school), another plan (personal)")
	fl.StringVar(&f.competitorWhy, "competitor-why", "", "why that choice, as far as you know")
	fl.IntVar(&f.feeling, "feeling", 0, "how much it stung: "+journal.StingScale)
	fl.IntVar(&f.feelingAfter, "feeling-after", 0, "how much it stings after reframing: "+journal.StingScale)
	fl.StringVar(&f.lesson, "lesson", "", "what this No teaches you")
	fl.StringVar(&f.next, "next", "", "the next step")
	fl.StringVar(&f.followUp, "follow-up", "", "when to follow up: "+dates.FutureHint)
	fl.StringVar(&f.date, "date", "", "when it happened (default today)")
	fl.StringVar(&f.thought, "thought", "", "what went through your mind when you heard no, in your words")
	sets := ""
	if withOutcome {
		sets = "; on edit it sets the whole list (--trap \"\" clears it)"
	}
	fl.StringArrayVar(&f.traps, "trap", nil, "a thinking trap the thought fits (repeatable; see rebound traps)"+sets)
	fl.StringVar(&f.evidenceFor, "evidence-for", "", "what supports the thought")
	fl.StringVar(&f.evidenceAgainst, "evidence-against", "", "what does not support it")
	fl.StringVar(&f.balanced, "balanced", "", "a more balanced way to put the thought")
	fl.BoolVar(&f.referralAsked, "referral-asked", false, "you asked whether they could point you to someone this would fit")
	fl.StringVar(&f.referral, "referral", "", "who they pointed you to (implies --referral-asked)")
	fl.StringVar(&f.stage, "stage", "", "the stage it ended at, a stage id of the mode (sales and job; a wrong one lists them)")
	fl.StringVar(&f.prepared, "prepared", "", "how you prepared (school)")
	fl.StringVar(&f.mistake, "mistake", "", "the kind of mistake behind a grade, a mistake id of the mode (school; a wrong one lists them)")
	fl.StringArrayVar(&f.secondaryReasons, "secondary-reason", nil, "another reason that weighed in, a reason id (repeatable)"+sets)
	fl.BoolVar(&f.conditionMet, "condition-met", false, "what would need to change (--change) has changed; --condition-met=false unsets it")
	fl.StringVar(&f.amount, "amount", "", "what the deal was worth (12500, 12,500.00; no currency); --amount \"\" clears it")
	if withOutcome {
		// On edit --tag sets the whole list, so say so; one tag at a time
		// has its own flags.
		fl.StringArrayVar(&f.tags, "tag", nil, "set the tags, replacing every tag the No has (repeatable; --tag \"\" clears them)")
		fl.StringArrayVar(&f.addTags, "add-tag", nil, "add a tag, keeping the others (repeatable)")
		fl.StringArrayVar(&f.removeTags, "remove-tag", nil, "remove a tag, keeping the others (repeatable)")
	} else {
		fl.StringArrayVar(&f.tags, "tag", nil, "a tag (repeatable)")
	}
	if withOutcome {
		fl.StringVar(&f.outcome, "outcome", "", "where it stands: open, following-up, maybe, yes or closed")
		fl.BoolVar(&f.followUpDone, "follow-up-done", false, "mark the follow-up as done")
	}
}

// any reports whether any No flag was given.
func (f *noFlags) any() bool {
	set := false
	f.fs.Visit(func(fl *pflag.Flag) {
		switch fl.Name {
		case "db", "mode", "accessible", "help":
		default:
			set = true
		}
	})
	return set
}

func (f *noFlags) changed(name string) bool { return f.fs.Changed(name) }

// apply copies the given flags onto n; dates are read relative to now.
func (f *noFlags) apply(n *journal.No, now time.Time) error {
	str := map[string]*string{
		"who": &n.Who, "contact": &n.Contact, "offer": &n.Offer, "channel": &n.Channel, "said": &n.Said,
		"reason": &n.Reason, "reason-text": &n.ReasonText, "assumed": &n.Assumed,
		"change": &n.Change, "competitor": &n.Competitor, "competitor-why": &n.CompetitorWhy,
		"lesson": &n.Lesson, "next": &n.Next,
		"thought": &n.Thought, "evidence-for": &n.EvidenceFor, "evidence-against": &n.EvidenceAgainst,
		"balanced": &n.Balanced, "referral": &n.Referral, "stage": &n.Stage, "prepared": &n.Prepared,
		"mistake": &n.Mistake,
	}
	vals := map[string]string{
		"who": f.who, "contact": f.contact, "offer": f.offer, "channel": f.channel, "said": f.said,
		"reason": f.reason, "reason-text": f.reasonText, "assumed": f.assumed,
		"change": f.change, "competitor": f.competitor, "competitor-why": f.competitorWhy,
		"lesson": f.lesson, "next": f.next,
		"thought": f.thought, "evidence-for": f.evidenceFor, "evidence-against": f.evidenceAgainst,
		"balanced": f.balanced, "referral": f.referral, "stage": f.stage, "prepared": f.prepared,
		"mistake": f.mistake,
	}
	for name, dst := range str {
		if f.changed(name) {
			*dst = strings.TrimSpace(vals[name])
		}
	}
	n.Reason = strings.ToLower(n.Reason)
	n.Assumed = strings.ToLower(n.Assumed)
	n.Stage = strings.ToLower(n.Stage)
	n.Mistake = strings.ToLower(n.Mistake)
	if f.changed("trap") {
		n.Traps = idList(f.traps)
	}
	if f.changed("secondary-reason") {
		n.SecondaryReasons = idList(f.secondaryReasons)
	}
	if f.changed("referral-asked") {
		n.ReferralAsked = f.referralAsked
	} else if f.changed("referral") && n.Referral != "" {
		n.ReferralAsked = true // a referral given was asked for: the count of asks holds it
	}
	if f.changed("condition-met") {
		n.ConditionMet = f.conditionMet
	}
	if f.changed("amount") {
		n.Amount = 0
		if strings.TrimSpace(f.amount) != "" {
			a, err := crm.ParseAmount(f.amount)
			if err != nil {
				return usage("--amount: %v", err)
			}
			n.Amount = a
		}
	}
	if f.changed("kind") {
		n.Kind = ""
		if strings.TrimSpace(f.kind) != "" {
			k, err := journal.ParseKind(f.kind)
			if err != nil {
				return err
			}
			n.Kind = k
		}
	}
	for name, v := range map[string]int{"feeling": f.feeling, "feeling-after": f.feelingAfter} {
		if f.changed(name) && (v < 1 || v > 5) {
			return usage("--%s is %s; use a number from 1 (barely) to 5 (it really stung)", name, strconv.Itoa(v))
		}
	}
	if f.changed("feeling") {
		n.Feeling = f.feeling
	}
	if f.changed("feeling-after") {
		n.FeelingAfter = f.feelingAfter
	}
	if f.changed("follow-up") {
		n.FollowUp = ""
		if strings.TrimSpace(f.followUp) != "" {
			d, err := dates.Parse(f.followUp, now)
			if err != nil {
				return usage("--follow-up: %v", err)
			}
			n.FollowUp = d
			n.FollowUpDone = false
		}
	}
	if f.changed("follow-up-done") {
		n.FollowUpDone = f.followUpDone
	}
	if f.changed("date") {
		d, err := dates.Parse(f.date, now)
		if err != nil {
			return usage("--date: %v", err)
		}
		n.Date = d
		if err := n.CheckNotFuture(journal.Today(now)); err != nil {
			return usage("--date: %v", err)
		}
	}
	if f.changed("tag") {
		n.Tags = nil
		for _, t := range f.tags {
			if t = strings.TrimSpace(t); t != "" {
				n.Tags = append(n.Tags, t)
			}
		}
	}
	for _, t := range f.addTags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(n.Tags, t) {
			n.Tags = append(n.Tags, t)
		}
	}
	for _, t := range f.removeTags {
		t = strings.TrimSpace(t)
		i := slices.Index(n.Tags, t)
		if i < 0 {
			return usage("--remove-tag: No #%d has no tag %q (its tags: %s).", n.ID, t, tagList(n.Tags))
		}
		n.Tags = slices.Delete(n.Tags, i, i+1)
	}
	if f.changed("outcome") {
		o, err := journal.ParseOutcome(f.outcome)
		if err != nil {
			return err
		}
		n.SetOutcome(o, now)
	}
	return nil
}

// idList is the ids given to a repeatable id flag: trimmed, lower case,
// each once, empty ones dropped (so --trap "" clears the list on edit).
func idList(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id = strings.ToLower(strings.TrimSpace(id)); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// tagList is tags for a sentence: "a, b", or "none".
func tagList(tags []string) string {
	if len(tags) == 0 {
		return "none"
	}
	return strings.Join(tags, ", ")
}
