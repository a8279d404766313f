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
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/debrief"
	"github.com/rebound-coach/rebound/internal/tui/logform"
	"github.com/rebound-coach/rebound/internal/tui/reflect"
	"github.com/rebound-coach/rebound/internal/tui/reframe"
	"github.com/rebound-coach/rebound/internal/tui/welcome"
	"github.com/rebound-coach/rebound/internal/words"
)

// howToAnswer is said once before a form.
const howToAnswer = "Type each answer and press enter. For a numbered list, type the number. An empty answer keeps the current one, or skips an optional question."

// formContext is what the standalone forms need: the catalog, the
// settings and the clock (no styles: nothing is drawn), and the store.
func (a *app) formContext() (*common.Context, *store.Store, error) {
	st, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	set, err := st.Settings()
	if err != nil {
		return nil, nil, err
	}
	styles := common.NewStyles(true)
	return &common.Context{
		Catalog: a.catalog(), Settings: set, ModeOverride: a.modeFlag,
		Now: a.now, Styles: &styles, Accessible: true,
	}, st, nil
}

// logAccessible is the quick log form, then the saved line.
func (a *app) logAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	words := ctx.Mode().Words
	p.say(fmt.Sprintf("Log a No, right after the %s, before the details fade. Only who is required.", words.Event), howToAnswer, "")
	s := logform.NewStandalone(ctx, st)
	return askUntilSaved(p, s, func(n journal.No) string { return savedLine(n) })
}

// editAccessible is the edit form of a No, filled in.
func (a *app) editAccessible(p *prompter, id uint64) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	n, err := st.GetNo(id)
	if err != nil {
		return err
	}
	p.say(fmt.Sprintf("Edit No #%d: %s. Change what you need; the rest of the No stays as it is.", n.ID, oneLine(n.Who)), howToAnswer, "")
	s := logform.NewStandaloneEdit(ctx, st, n)
	return askUntilSaved(p, s, func(n journal.No) string {
		return fmt.Sprintf("Saved No #%d: %s (%s, %s).", n.ID, oneLine(n.Who), n.Date, n.Outcome)
	})
}

// askUntilSaved asks a form's questions and saves, up to three times: bad
// input is said in one sentence and the questions come again over what was
// typed (an empty answer keeps it).
func askUntilSaved(p *prompter, s *logform.Standalone, done func(journal.No) string) error {
	for tries := 0; ; tries++ {
		if err := p.ask(s.Questions()); err != nil {
			return err
		}
		n, err := p.settle(s)(s.Save())
		if err == nil {
			p.say(done(n))
			return nil
		}
		if !journal.IsValidation(err) || tries >= 2 {
			return err
		}
		p.say("", "That can't be saved yet: "+err.Error()+".", "The questions again; an empty answer keeps what you typed.", "")
	}
}

// reframeAccessible is the six-step reframe, saved after each step.
func (a *app) reframeAccessible(p *prompter, id uint64) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	n, err := st.GetNo(id)
	if err != nil {
		return err
	}
	mode := ctx.Mode()
	if m, err := a.catalog().Mode(n.Mode); err == nil && n.Mode != "" {
		mode = m
	}
	s := reframe.NewStandalone(ctx, st, n)
	p.say(fmt.Sprintf("Reframe No #%d: %s, %s.", n.ID, oneLine(n.Who), n.Date))
	if n.ReframeStep > 0 {
		p.say(fmt.Sprintf("Welcome back: your draft resumes at step %d.", s.Start()))
	}
	p.say(fmt.Sprintf("%d short steps, each saved as you go.", reframe.Steps), howToAnswer)
	for step := s.Start(); step <= reframe.Steps; step++ {
		p.say("", reframe.Indicator(step))
		if step > 1 {
			said := oneLine(s.Said())
			if said == "" {
				said = "(not noted)"
			}
			p.say(sentenceCase("the "+mode.Words.Who+" said: ") + said)
		}
		if err := p.ask(s.Questions(step)); err != nil {
			return a.reframeStopped(p, s, step, err)
		}
		if _, err := p.settle(s)(s.Save(step + 1)); err != nil {
			return err
		}
	}
	p.say("", reframeLine(s.No()))
	return nil
}

// reframeStopped keeps a draft when the answers stop mid-flow.
func (a *app) reframeStopped(p *prompter, s *reframe.Standalone, step int, why error) error {
	n, saved, err := s.SaveDraft(step)
	if err != nil {
		p.say("", err.Error())
	}
	switch {
	case saved || n.ReframeStep > 0:
		p.say("", fmt.Sprintf("Stopped. Draft saved on No #%d at step %d of %d; resume with: rebound reframe %d --accessible", n.ID, max(n.ReframeStep, 1), reframe.Steps, n.ID))
	default:
		p.say("", "Stopped; nothing new to save.")
	}
	if errors.Is(why, huh.ErrUserAborted) {
		return nil // the user left; the draft says where they are
	}
	if errors.Is(why, errInputEnded) {
		return fmt.Errorf("the input ended at step %d; the answers so far are kept as a draft", step)
	}
	return why
}

// reflectAccessible is the daily reflection, the ritual told as text.
func (a *app) reflectAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	s, err := reflect.NewStandalone(ctx, st)
	if err != nil {
		return err
	}
	p.say("Daily reflection: a few minutes to close the day — how it felt, one question, a reset, a win, an intention.",
		s.Intro(), howToAnswer)
	for n := 1; n <= reflect.Steps; n++ {
		p.say("", reflect.Indicator(n))
		if err := p.askOne(s.Question(n)); err != nil {
			return err
		}
		if n != 3 {
			continue
		}
		lines, err := s.RitualText()
		if err != nil {
			return err
		}
		if len(lines) > 0 {
			p.say(lines...)
			if err := p.pause("Press enter when you're done."); err != nil {
				return err
			}
		}
	}
	r, res, err := s.Save()
	if err != nil {
		return fmt.Errorf("couldn't save the reflection: %w", err)
	}
	p.say("", fmt.Sprintf("Reflection saved. Day %s is active.", r.Date))
	if res != nil && res.Current > 0 {
		line := streak.Days(res.Current) + " in a row"
		if res.WeekGoal > 0 {
			line += fmt.Sprintf(", %d of %d this week", res.WeekActive, res.WeekGoal)
		}
		p.say(line + ".")
	}
	if r.Sessions > 1 {
		p.say(fmt.Sprintf("Session %d today: added to today's reflection.", r.Sessions))
	}
	if in := oneLine(r.Intention); in != "" {
		p.say("Tomorrow's intention: " + in)
	}
	return nil
}

// settingsAccessible is the welcome / settings form.
func (a *app) settingsAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	s := welcome.NewStandalone(ctx, st)
	p.say(s.Intro(), howToAnswer, "")
	if err := p.ask(s.Questions()); err != nil {
		return err
	}
	set, err := s.Save()
	if err != nil {
		return err
	}
	p.say("")
	printSettings(p.out, a.catalog(), set, st.Path(), "", true)
	return nil
}

// debriefAccessible records the answers to the debrief questions.
func (a *app) debriefAccessible(p *prompter, id uint64) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	n, err := st.GetNo(id)
	if err != nil {
		return err
	}
	s := debrief.NewStandalone(ctx, st, n)
	k := s.Kit()
	p.say(fmt.Sprintf("Debrief answers for No #%d: %s. %d questions; leave an answer empty if you didn't ask it.", n.ID, oneLine(n.Who), len(k.Questions)),
		"One line per answer. rebound debrief "+fmt.Sprint(n.ID)+" --print shows the e-mail asking for the call.", "")
	if err := p.ask(s.Questions()); err != nil {
		return err
	}
	saved, err := p.settle(s)(s.Save())
	if err != nil {
		return fmt.Errorf("couldn't save the answers: %w", err)
	}
	c := len(saved.Debrief)
	p.say(fmt.Sprintf("Saved %d debrief %s for %s.", c, words.Plural(c, "answer", "answers"), oneLine(saved.Who)))
	return nil
}

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
	_, sr, err := progress.Streak(st, today, set.WeekGoal)
	if err != nil {
		return nil, err
	}
	_, reflected, err := st.Reflection(today)
	if err != nil {
		return nil, err
	}
	meter, err := ratio.Load(st)
	if err != nil {
		return nil, err
	}
	greet := "Rebound, today at a glance."
	if name := oneLine(set.Name); name != "" {
		greet = fmt.Sprintf("Hi %s. Rebound, today at a glance.", name)
	}
	p.say(greet)
	p.say(glanceLines(h, sr, reflected, meter, mode.Words.Event)...)
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
		lines = append(lines, "Closer to yes: "+meter.Message)
	}
	return lines
}

// resolver finishes a save that met a change made elsewhere.
type resolver interface {
	SaveResolved(base, n journal.No) (journal.No, error)
}

// settle passes a save's result through; when it is a conflict (a field
// changed here and elsewhere), it asks which value to keep for each such
// field and saves the choice, until the save goes through or fails.
func (p *prompter) settle(s resolver) func(journal.No, error) (journal.No, error) {
	return func(n journal.No, err error) (journal.No, error) {
		for {
			var c *journal.ConflictError
			if !errors.As(err, &c) {
				return n, err
			}
			chosen, aerr := p.resolve(c)
			if aerr != nil {
				return n, aerr
			}
			n, err = s.SaveResolved(c.Stored, chosen)
		}
	}
}

// resolve asks, field by field, whether to keep the user's value, the one
// saved elsewhere, or (for prose) both.
func (p *prompter) resolve(c *journal.ConflictError) (journal.No, error) {
	n := c.Merged
	p.say("", fmt.Sprintf("No #%d was changed elsewhere while you answered. For each field changed in both places, choose what to keep.", c.Stored.ID))
	for _, f := range c.Conflicts {
		choice := "mine"
		opts := []huh.Option[string]{
			huh.NewOption("Keep yours: "+oneLine(f.Mine), "mine"),
			huh.NewOption("Keep the other: "+oneLine(f.Theirs), "theirs"),
		}
		if f.Text {
			opts = append(opts, huh.NewOption("Keep both", "both"))
		}
		field := huh.NewSelect[string]().Key("conflict_" + f.Field).Title(sentenceCase(f.Label)).Options(opts...).Value(&choice)
		if err := p.askOne(common.Question{Field: field}); err != nil {
			return n, err
		}
		if err := journal.Resolve(&n, f, c.Stored, choice); err != nil {
			return n, err
		}
	}
	return n, nil
}
