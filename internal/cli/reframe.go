package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/reframeview"
)

func (a *app) reframeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reframe ID",
		Short: "Reframe a No step by step: the real reason, the turnaround, the lesson",
		Long: `The full reframe flow for one No, in nine short steps: what they said, the real
reason, the kind of no, the turnaround question (and, when the kind of no allows
it, the referral ask: "Could you point me to someone this would fit?"), what they
chose instead (in job and school: what stronger work looked like), the thought
record (the thought the No set off, the thinking traps it fits, the evidence
each way with the No's own facts in view, a more balanced way to put it), and
your reframe (the lesson, the next step, a follow-up date, the sting re-rated).

Every step can be skipped (ctrl+n; in the thought record it skips the whole
record, which is optional and never changes what counts as reframed) and every
step is saved as you go: esc keeps a draft on the No, and running this again
resumes where you left off. Without a terminal, set the same fields with rebound
edit.`,
		Example: `  rebound reframe 12
  rebound journal --print        # find the id
  rebound edit 12 --reason price --change "A smaller first order" --lesson "Lead with ROI"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, before, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			id := before.ID
			if !a.stdinTTY() || !a.stdoutTTY() {
				return errNoTerminal("the reframe flow",
					fmt.Sprintf(`set the fields with flags instead, e.g. rebound edit %d --reason price --change "..." --lesson "..."`, id))
			}
			if _, err := a.runProgram(common.Navigate{To: common.ScreenReframe, ID: id}); err != nil {
				return err
			}
			after, err := st.GetNo(id)
			if err != nil || after.UpdatedAt.Equal(before.UpdatedAt) {
				return nil //nolint:nilerr // deleted meanwhile, or nothing changed: nothing to report
			}
			fmt.Fprintln(a.out(), reframeLine(after))
			return nil
		},
	}
}

// reframeLine says where a No stands once the flow is closed.
func reframeLine(n journal.No) string {
	who := textsafe.Truncate(n.Who, 60)
	switch {
	case n.ReframeStep > 0:
		return fmt.Sprintf("Draft saved on No #%d (%s) at step %d of %d; resume with: rebound reframe %d", n.ID, who, n.ReframeStep, reframeview.Steps, n.ID)
	case n.Reframed():
		s := fmt.Sprintf("Reframed No #%d (%s)", n.ID, who)
		if !n.FollowUp.IsZero() && !n.FollowUpDone {
			s += "; follow up " + string(n.FollowUp)
		}
		return s + "."
	}
	var miss []string
	if strings.TrimSpace(n.Reason) == "" {
		miss = append(miss, "--reason")
	}
	if strings.TrimSpace(n.Change) == "" {
		miss = append(miss, "--change")
	}
	if strings.TrimSpace(n.Lesson) == "" {
		miss = append(miss, "--lesson")
	}
	need := strings.Join(miss, " and ")
	if len(miss) == 3 {
		need = "--reason, --change and --lesson"
	}
	return fmt.Sprintf("Saved No #%d (%s); not reframed yet: it still needs %s (rebound edit %d, or rebound reframe %d again).", n.ID, who, need, n.ID, n.ID)
}
