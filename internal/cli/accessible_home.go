package cli

import (
	"context"
	"errors"
	"fmt"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/ratio"
	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// homeAccessible says today at a glance, then asks what next, until quit.
func (a *app) homeAccessible(ctx context.Context) error {
	p := a.newPrompter(ctx)
	set, err := a.settings()
	if err != nil {
		return err
	}
	if !set.Welcomed {
		if err := a.settingsAccessible(p); err != nil {
			return err
		}
		p.say("")
	}
	var waiting []journal.No
	for show := true; ; {
		if show {
			// The figures again only when an action may have changed them.
			if waiting, err = a.glance(p); err != nil {
				return err
			}
		}
		choice := "quit"
		opts := []huh.Option[string]{huh.NewOption("Log a No", "log")}
		for _, n := range waiting {
			opts = append(opts, huh.NewOption(fmt.Sprintf("Reframe No #%d: %s, %s", n.ID, textsafe.Truncate(n.Who, 40), n.Date), fmt.Sprintf("reframe %d", n.ID)))
		}
		opts = append(opts,
			huh.NewOption("Reflect on today", "reflect"),
			huh.NewOption("Journal: the 20 latest No's", "journal"),
			huh.NewOption("Streak", "streak"),
			huh.NewOption("Insights", "insights"),
			huh.NewOption("Follow-ups", "followups"),
			huh.NewOption("Weekly review", "review"),
			huh.NewOption("Settings", "settings"),
			huh.NewOption("Quit", "quit"),
		)
		menu := huh.NewSelect[string]().Key("next").Title("What next?").Options(opts...).Value(&choice)
		p.say("")
		if err := p.askOne(common.Question{Field: menu, Hint: "Type a number; an empty answer quits."}); err != nil {
			if errors.Is(err, errInputEnded) || errors.Is(err, huh.ErrUserAborted) {
				return nil
			}
			return err
		}
		if choice == "quit" {
			return nil
		}
		switch choice {
		case "journal", "streak", "insights", "followups":
			show = false
		default:
			show = true
		}
		err = a.homeAction(p, choice)
		if p.ctx.Err() != nil {
			return nil // ctrl+c: the flow has said what it kept
		}
		if err != nil {
			if errors.Is(err, errInputEnded) {
				return err
			}
			// Say it and offer the menu again.
			p.say("", "That didn't work: "+err.Error())
		}
		p.say("")
	}
}

// homeAction runs one choice of the home menu.
func (a *app) homeAction(p *prompter, choice string) error {
	var id uint64
	if _, err := fmt.Sscanf(choice, "reframe %d", &id); err == nil {
		return a.reframeAccessible(p, id)
	}
	switch choice {
	case "log":
		return a.logAccessible(p)
	case "reflect":
		return a.reflectAccessible(p)
	case "settings":
		return a.settingsAccessible(p)
	case "journal":
		return a.runPrint(p, a.journalCommand(), "--print", "-n", "20")
	case "streak":
		return a.runPrint(p, a.streakCommand(), "--print")
	case "insights":
		return a.runPrint(p, a.insightsCommand(), "--print")
	case "followups":
		return a.runPrint(p, a.followupsCommand(), "--print")
	case "review":
		return a.reviewFromHome(p)
	}
	return nil
}

// runPrint runs a printing command on its own (its plain-text form).
func (a *app) runPrint(p *prompter, cmd *cobra.Command, args ...string) error {
	cmd.SetArgs(args)
	cmd.SetOut(p.out)
	cmd.SetErr(p.out)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	p.say("")
	return cmd.ExecuteContext(p.ctx)
}

// glance prints the home screen's figures as sentences and returns the
// No's waiting to be reframed (the most recent five).
func (a *app) glance(p *prompter) ([]journal.No, error) {
	st, err := a.open()
	if err != nil {
		return nil, err
	}
	mode, set, err := a.mode(st)
	if err != nil {
		return nil, err
	}
	today := journal.Today(a.now())
	h, err := st.Home(today)
	if err != nil {
		return nil, err
	}
	_, sr, err := progress.Streak(st, today, set)
	if err != nil {
		return nil, err
	}
	r, last, err := st.ReflectionAndLast(today)
	if err != nil {
		return nil, err
	}
	reflected := !r.Empty()               // a mood alone is not a reflection done
	meter, err := ratio.Load(st, mode.ID) // the mode's No's only
	if err != nil {
		return nil, err
	}
	greet := "Rebound, today at a glance."
	if name := oneLine(set.Name); name != "" {
		greet = fmt.Sprintf("Hi %s. Rebound, today at a glance.", name)
	}
	p.say(greet)
	p.say(glanceLines(h, sr, reflected, meter, mode.Words.Event)...)
	if line := intentionSentence(last.Intention, r.IntentionKept); line != "" {
		p.say(line)
	}
	if line, err := focusSentence(st, mode.Review.Focus, today, set); err != nil {
		return nil, err
	} else if line != "" {
		p.say(line)
	}
	if line, err := experimentSentence(st, mode.ID, today); err != nil {
		return nil, err
	} else if line != "" {
		p.say(line)
	}
	if !set.MoodNoteOff {
		recent, err := st.Reflections(today.AddDays(-6), today)
		if err != nil {
			return nil, err
		}
		if note, ok := ritual.CareNote(recent, set.Support); ok {
			p.say(oneLine(note))
		}
	}
	return h.WaitingNos, nil
}

// glanceLines are the home figures as plain sentences.
func glanceLines(h store.Home, sr streak.Result, reflected bool, meter ratio.Meter, event string) []string {
	lines := []string{fmt.Sprintf("Today: %s. This week: %s.", journal.CountNos(h.Today), journal.CountNos(h.Week))}
	if h.Total == 0 {
		lines = append(lines, fmt.Sprintf("No No's yet: choose Log a No right after your next %s. It takes under 30 seconds.", event))
	} else {
		switch h.Waiting {
		case 0:
			lines = append(lines, "Every No is reframed.")
		case 1:
			lines = append(lines, "1 No is waiting to be reframed.")
		default:
			lines = append(lines, fmt.Sprintf("%d No's are waiting to be reframed.", h.Waiting))
		}
	}
	fu := fmt.Sprintf("Follow-ups due today: %d", h.FollowUpsDue)
	if h.FollowUpsOverdue > 0 {
		fu += fmt.Sprintf("; overdue: %d", h.FollowUpsOverdue)
	}
	lines = append(lines, fu+".")
	lines = append(lines, "Streak: "+streak.Describe(sr))
	refl := "Today's reflection: not done yet."
	if reflected {
		refl = "Today's reflection: done."
	}
	lines = append(lines, refl+fmt.Sprintf(" This week: %d of %d active days.", sr.WeekActive, sr.WeekGoal))
	if h.Total > 0 {
		lines = append(lines, "Closer to yes — "+meter.Message)
	}
	return lines
}

// intentionSentence is today's intention (saved in the last reflection
// before today) and, once the reflection answered it, whether it was kept.
func intentionSentence(intention string, kept journal.IntentionKept) string {
	in := oneLine(intention)
	if in == "" {
		return ""
	}
	s := "Today's intention: " + in
	switch kept {
	case journal.KeptYes:
		s += " (done)"
	case journal.KeptPartly:
		s += " (partly done)"
	case journal.KeptNotYet:
		s += " (not yet)"
	}
	return s
}
