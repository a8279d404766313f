package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// debriefJSON is `rebound debrief ID --json`.
type debriefJSON struct {
	ID        uint64           `json:"id"`
	Who       string           `json:"who"`
	Contact   string           `json:"contact,omitempty"`
	Note      string           `json:"note,omitempty"`
	Subject   string           `json:"subject"`
	Body      string           `json:"body"`
	Questions []string         `json:"questions"`
	Answers   []journal.Answer `json:"answers"`
}

func (a *app) debriefCommand() *cobra.Command {
	var print, asJSON bool
	cmd := &cobra.Command{
		Use:   "debrief ID",
		Short: "The debrief kit for a No: the feedback request e-mail and the five questions",
		Long: `The debrief kit for a No: the "Can I ask a quick favor?" e-mail asking for ten
minutes of feedback, greeting your contact (--contact on log or edit) or a plain
"Hi," and signed with your name, and the five debrief questions in the order to
ask them. In personal mode it is a kind note that asks nothing of them, and
questions only for a chat they start. On a terminal it opens the kit (c copies
the message, a records their answers); --print or a pipe prints it, --json as JSON.`,
		Example: `  rebound debrief 12
  rebound debrief 12 --print
  rebound debrief 12 --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			id := n.ID
			if !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				_, err := a.runProgram(common.Navigate{To: common.ScreenDebrief, ID: id})
				return err
			}
			mode, set, err := a.mode(st)
			if err != nil {
				return err
			}
			if m, err := a.catalog().Mode(n.Mode); err == nil && n.Mode != "" {
				mode = m
			}
			kit := coach.NewKit(mode, n, set.Name)
			if asJSON {
				answers := n.Debrief
				if answers == nil {
					answers = []journal.Answer{}
				}
				return writeJSON(a.jsonOut(), debriefJSON{ID: n.ID, Who: n.Who, Contact: n.Contact, Note: kit.Note, Subject: kit.Subject, Body: kit.Body, Questions: kit.Questions, Answers: answers})
			}
			printDebrief(a.out(), kit, n, set.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func printDebrief(w io.Writer, kit coach.Kit, n journal.No, name string) {
	if kit.Note != "" {
		fmt.Fprintf(w, "(%s)\n\n", kit.Note)
	}
	fmt.Fprintf(w, "Subject: %s\n\n%s\n\n", kit.Subject, textsafe.Block(kit.Body))
	if strings.TrimSpace(name) == "" {
		fmt.Fprintln(w, "(No name in your settings yet: replace the signature before sending.)")
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, kit.QuestionsTitle+":")
	for i, q := range kit.Questions {
		fmt.Fprintf(w, "%d. %s\n", i+1, q)
		for _, a := range n.Debrief {
			if a.Prompt == q && strings.TrimSpace(a.Answer) != "" {
				fmt.Fprintf(w, "   ↳ %s\n", strings.ReplaceAll(textsafe.Block(a.Answer), "\n", "\n     "))
			}
		}
	}
}
