package cli

// Accessible mode (--accessible or ACCESSIBLE=1): every form is asked as
// huh's accessible prompts, one question per line, and nothing is drawn:
// no Bubble Tea program, no escape codes, input read line by line so that
// piped answers work. This file wires it into the commands; each flow has
// its file (accessible_log.go, accessible_home.go...), and what they share
// (the form context, asking until saved, settling a conflict) is in
// accessible_forms.go.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// wireAccessible makes the commands that open a form take the accessible
// path when --accessible (or ACCESSIBLE=1) is set. It wraps, so the
// commands themselves stay as they are.
func (a *app) wireAccessible(root *cobra.Command) {
	pre := root.PersistentPreRunE
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if pre != nil {
			if err := pre(cmd, args); err != nil {
				return err
			}
		}
		if a.accessible {
			// Everything printed is plain text, terminal or not; commands
			// that would open a screen print instead (stdout is no longer
			// a terminal to them).
			a.stdout = plainWriter(a.stdout)
			a.stderr = plainWriter(a.stderr)
		}
		return nil
	}
	wrap(root, func(cmd *cobra.Command, _ []string) (bool, error) {
		return true, a.homeAccessible(cmd.Context())
	}, a)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "log":
			wrap(c, func(cmd *cobra.Command, _ []string) (bool, error) {
				if logFlagsGiven(cmd) {
					return false, nil
				}
				return true, a.withPrompter(cmd.Context(), a.logAccessible)
			}, a)
		case "edit":
			wrap(c, func(cmd *cobra.Command, args []string) (bool, error) {
				if logFlagsGiven(cmd) {
					return false, nil
				}
				id, err := parseID(args[0])
				if err != nil {
					return true, err
				}
				return true, a.withPrompter(cmd.Context(), func(p *prompter) error { return a.editAccessible(p, id) })
			}, a)
		case "reframe":
			wrap(c, func(cmd *cobra.Command, args []string) (bool, error) {
				id, err := parseID(args[0])
				if err != nil {
					return true, err
				}
				return true, a.withPrompter(cmd.Context(), func(p *prompter) error { return a.reframeAccessible(p, id) })
			}, a)
		case "reflect":
			wrap(c, func(cmd *cobra.Command, _ []string) (bool, error) {
				return true, a.withPrompter(cmd.Context(), a.reflectAccessible)
			}, a)
		case "settings":
			wrap(c, func(cmd *cobra.Command, _ []string) (bool, error) {
				for _, f := range []string{"set-mode", "name", "week-goal", "workdays", "print", "json"} {
					if cmd.Flags().Changed(f) {
						return false, nil
					}
				}
				return true, a.withPrompter(cmd.Context(), a.settingsAccessible)
			}, a)
		case "debrief":
			var answers bool
			c.Flags().BoolVar(&answers, "answers", false, "record their answers to the debrief questions, one line each (screen-reader friendly)")
			c.Example += "\n  rebound debrief 12 --answers --accessible"
			orig := c.RunE
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if !answers {
					return orig(cmd, args)
				}
				id, err := parseID(args[0])
				if err != nil {
					return err
				}
				return a.withPrompter(cmd.Context(), func(p *prompter) error { return a.debriefAccessible(p, id) })
			}
		}
	}
}

// wrap puts run in front of cmd's RunE when accessible mode is on; run
// reports whether it handled the command.
func wrap(cmd *cobra.Command, run func(*cobra.Command, []string) (bool, error), a *app) {
	orig := cmd.RunE
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if a.accessible {
			if done, err := run(c, args); done {
				return err
			}
		}
		return orig(c, args)
	}
}

// logFlagsGiven reports whether any No flag was given to log (then it
// saves without a form, accessible or not).
func logFlagsGiven(cmd *cobra.Command) bool {
	set := false
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch f.Name {
		case "db", "mode", "accessible", "help":
		default:
			set = true
		}
	})
	return set
}

// plainWriter drops every escape sequence, terminal or not.
func plainWriter(w io.Writer) io.Writer {
	if _, ok := w.(*colorprofile.Writer); ok {
		return w
	}
	return &colorprofile.Writer{Forward: w, Profile: colorprofile.NoTTY}
}

// errInputEnded: piped answers ran out before the questions did.
var errInputEnded = errors.New("the input ended before the last question; nothing was saved")

// lineReader hands stdin to huh's accessible prompts one byte at a time:
// each prompt makes its own bufio.Scanner, which would otherwise read ahead
// and swallow the answers meant for the next questions. It notes when the
// input ends with a question unanswered.
type lineReader struct {
	r       *bufio.Reader
	sinceNL int  // bytes read since the last newline
	ranOut  bool // EOF at the start of an answer
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReader(r)} }

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	b, err := l.r.ReadByte()
	if err != nil {
		if errors.Is(err, io.EOF) && l.sinceNL == 0 {
			l.ranOut = true
		}
		return 0, err
	}
	p[0] = b
	if b == '\n' {
		l.sinceNL = 0
	} else {
		l.sinceNL++
	}
	return 1, nil
}

// prompter asks questions in accessible mode.
type prompter struct {
	ctx context.Context
	in  *lineReader
	out io.Writer
	tty bool // stdin is a terminal (ctrl+d there means "stop")
}

// withPrompter runs a flow with a prompter on the app's stdin and stdout.
func (a *app) withPrompter(ctx context.Context, flow func(*prompter) error) error {
	return flow(a.newPrompter(ctx))
}

func (a *app) newPrompter(ctx context.Context) *prompter {
	if ctx == nil {
		ctx = context.Background()
	}
	tty := false
	if f, ok := a.stdin.(*os.File); ok {
		tty = term.IsTerminal(f.Fd())
	}
	return &prompter{ctx: ctx, in: newLineReader(a.stdin), out: plainWriter(a.stdout), tty: tty}
}

// say prints lines of plain text.
func (p *prompter) say(lines ...string) {
	for _, l := range lines {
		fmt.Fprintln(p.out, l)
	}
}

// stopped is the error for input that ended (ctrl+d on a terminal is the
// user stopping, like ctrl+c).
func (p *prompter) stopped() error {
	if p.tty {
		return huh.ErrUserAborted
	}
	return errInputEnded
}

// ask asks the questions in order.
func (p *prompter) ask(qs []common.Question) error {
	for _, q := range qs {
		if err := p.askOne(q); err != nil {
			return err
		}
	}
	return nil
}

// askOne says the hint and the current answer, then runs the field as a
// one-field accessible form. ctrl+c (the context) stops it at once.
func (p *prompter) askOne(q common.Question) error {
	if q.Before != nil {
		q.Before()
	}
	if q.Hint != "" {
		p.say(q.Hint)
	}
	switch q.Field.(type) {
	case *huh.Input, *huh.Text:
		if v, _ := q.Field.GetValue().(string); strings.TrimSpace(v) != "" {
			p.say("Now: " + oneLine(v) + " — an empty answer keeps it.")
		}
	}
	form := huh.NewForm(huh.NewGroup(q.Field)).
		WithAccessible(true).
		WithShowHelp(false).
		WithInput(p.in).
		WithOutput(p.out)
	done := make(chan error, 1)
	go func() {
		defer func() {
			// huh's select indexes its options with whatever was typed
			// last when the input ends mid-answer; that is the input
			// ending, not a crash.
			if r := recover(); r != nil {
				done <- p.stopped()
			}
		}()
		done <- form.Run()
	}()
	select {
	case <-p.ctx.Done():
		fmt.Fprintln(p.out)
		return huh.ErrUserAborted
	case err := <-done:
		if err != nil {
			return err
		}
	}
	if p.in.ranOut {
		return p.stopped()
	}
	return nil
}

// pause waits for an empty line ("press enter when you're done").
func (p *prompter) pause(text string) error {
	return p.askOne(common.Question{Field: huh.NewInput().Key("pause").Title(text)})
}

// oneLine is stored or typed text made inert and put on one line.
func oneLine(s string) string {
	return textsafe.Inline(s)
}

// accessibleEnv reads ACCESSIBLE the way such switches are read: empty, 0,
// false, no and off leave it off.
func accessibleEnv() bool {
	v, err := strconv.ParseBool(os.Getenv("ACCESSIBLE"))
	if err != nil {
		v = os.Getenv("ACCESSIBLE") != "" && !slices.Contains([]string{"no", "off"}, strings.ToLower(os.Getenv("ACCESSIBLE")))
	}
	return v
}

// accessibleRequested spots --accessible (or ACCESSIBLE=1) before the
// command line is parsed: accessible mode runs without fang, whose help
// and error output style themselves and query the terminal's background
// colour (an escape sequence, and a wait on terminals that never answer).
func accessibleRequested(args []string) bool {
	if accessibleEnv() {
		return true
	}
	for _, arg := range args {
		switch {
		case arg == "--":
			return false
		case arg == "--accessible", arg == "--accessible=true", arg == "--accessible=1":
			return true
		}
	}
	return false
}

// executeAccessible runs the command line plainly: cobra's plain help,
// errors as one plain sentence on stderr, ctrl+c cancelling the context.
func (a *app) executeAccessible(ctx context.Context, root *cobra.Command) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	root.Version = Version
	root.SilenceErrors, root.SilenceUsage = true, true
	root.SetOut(plainWriter(a.stdout))
	root.SetErr(plainWriter(a.stderr))
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
	case errors.Is(err, huh.ErrUserAborted):
		fmt.Fprintln(plainWriter(a.stderr), "Cancelled; nothing was saved.")
	default:
		fmt.Fprintln(plainWriter(a.stderr), "rebound: "+err.Error())
	}
	return exitCode(err)
}
