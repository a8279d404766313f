package cli

import (
	"fmt"
	"strings"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/review"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// reviewWidth is what --print wraps to.
const reviewWidth = 80

func (a *app) reviewCommand() *cobra.Command {
	var (
		print, asJSON bool
		focus, date   string
	)
	cmd := &cobra.Command{
		Use:   "review",
		Short: "The weekly review: the week's No's against the week before, then one question (the screen, or --print / --json)",
		Long: `Once a week, in under five minutes: the week's No's by reason and kind against
the week before, the follow-ups due (done, still open), the No's that came back
(their outcome reached maybe or yes this week), the experiment, the thinking
traps you recorded and the intentions you looked back on. Then one question,
"What will you focus on next week?": your answer shows on the home screen all
week (--focus answers it without the screen).

Weeks follow your workdays (rebound settings --workdays): a week starts on the
first workday after your days off (Monday to Friday: Monday), and the days off
that end it belong to it, so on a Saturday the review is of the week just
worked; on a workday, of the week so far, against the same days of the week
before. Counts are of the mode in use; follow-ups are of every mode.`,
		Example: `  rebound review
  rebound review --print
  rebound review --json
  rebound review --focus "Ask every not-now when to call back"
  rebound review --date "7 days ago" --print`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("focus") && strings.TrimSpace(focus) == "" {
				return usage("--focus is empty; say in a few words what you will focus on next week")
			}
			day := journal.Today(a.now())
			if date != "" {
				d, err := dates.Parse(date, a.now())
				if err != nil {
					return usage("--date: %v", err)
				}
				if d > day {
					return usage("--date %s is in the future; a review looks back", d)
				}
				day = d
			}
			if focus == "" && date == "" && !print && !asJSON && !a.accessible && a.stdoutTTY() && a.stdinTTY() {
				return a.runTUI(common.Navigate{To: common.ScreenReview})
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			m, set, err := a.mode(st)
			if err != nil {
				return err
			}
			today := journal.Today(a.now())
			load := func() (review.Summary, error) {
				return review.Load(st, m, day, today, set.Workweek())
			}
			s, err := load()
			if err != nil {
				return err
			}
			if focus != "" {
				r := journal.Review{Week: s.From, Mode: m.ID, Focus: focus, SavedAt: a.now().UTC()}
				if _, err := st.SaveReview(r); err != nil {
					return err
				}
				if s, err = load(); err != nil {
					return err
				}
				if !print && !asJSON {
					fmt.Fprintf(a.out(), "Saved your focus for the week after %s: %s\nHome shows it all week.\n", s.To, oneLine(focus))
					return nil
				}
			}
			switch {
			case asJSON:
				return writeJSON(a.jsonOut(), s)
			case a.accessible && !print && focus == "":
				return a.withPrompter(cmd.Context(), func(p *prompter) error { return reviewAccessible(p, st, s, a) })
			}
			fmt.Fprint(a.out(), s.Text(reviewWidth))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	fl.StringVar(&focus, "focus", "", "answer \"What will you focus on next week?\" (shown on home all week)")
	fl.StringVar(&date, "date", "", "review the week that holds this day (default today)")
	return cmd
}

// reviewAccessible says the review as plain text and asks the question
// with a plain prompt; an empty answer saves nothing.
func reviewAccessible(p *prompter, st *store.Store, s review.Summary, a *app) error {
	p.say(s.Text(reviewWidth))
	answer := ""
	if s.Focus != nil {
		answer = *s.Focus
	}
	q := common.Question{
		Field: huh.NewInput().Key("focus").Title(s.Question).Value(&answer),
		Hint:  s.Words.Example + ". Press enter on an empty line to skip.",
	}
	if s.Focus != nil {
		q.Hint = s.Words.Example + "."
	}
	if err := p.askOne(q); err != nil {
		return err
	}
	if strings.TrimSpace(answer) == "" {
		p.say("Nothing saved. The review is here whenever you want it: rebound review.")
		return nil
	}
	if _, err := st.SaveReview(journal.Review{Week: s.From, Mode: s.Mode, Focus: answer, SavedAt: a.now().UTC()}); err != nil {
		return fmt.Errorf("couldn't save the focus: %w", err)
	}
	p.say("Saved. Home shows your focus all week: " + oneLine(answer))
	return nil
}

// reviewFromHome is the accessible home's "Weekly review": this week's.
func (a *app) reviewFromHome(p *prompter) error {
	st, err := a.open()
	if err != nil {
		return err
	}
	m, set, err := a.mode(st)
	if err != nil {
		return err
	}
	today := journal.Today(a.now())
	s, err := review.Load(st, m, today, today, set.Workweek())
	if err != nil {
		return err
	}
	p.say("")
	return reviewAccessible(p, st, s, a)
}

// focusSentence is home's line for the week's focus ("" without one).
func focusSentence(st *store.Store, label string, today journal.Day, set journal.Settings) (string, error) {
	r, ok, err := st.LatestReview()
	if err != nil {
		return "", err
	}
	if focus, ok := review.FocusFor(r, ok, today, set.Workweek()); ok {
		return label + ": " + oneLine(focus) + ".", nil
	}
	return "", nil
}
