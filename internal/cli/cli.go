// Package cli is Rebound's command line: thin cobra commands (run through
// fang) over the journal, store, coach and tui packages.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/huh/v2"
	"github.com/adrg/xdg"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/term"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=...".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// usageError marks bad input: exit 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usage(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// isUsage reports whether err is bad input the user can fix (exit 2).
func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || journal.IsValidation(err)
}

// app is what every command shares: flags, clock, streams, the opened store.
type app struct {
	dbFlag     string
	modeFlag   string
	accessible bool

	now    func() time.Time
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	st  *store.Store
	cat *coach.Catalog // see catalog
	// onScreen is set while the full-screen app runs (see waiting).
	onScreen atomic.Bool
}

// catalog is the coaching content, parsed on first use: commands that print
// from the store alone never pay for it.
func (a *app) catalog() *coach.Catalog {
	if a.cat == nil {
		a.cat = coach.Default()
	}
	return a.cat
}

// DefaultDBPath is $XDG_DATA_HOME/rebound/rebound.db.
func DefaultDBPath() string { return filepath.Join(xdg.DataHome, "rebound", "rebound.db") }

func (a *app) dbPath() string {
	switch {
	case a.dbFlag != "":
		return a.dbFlag
	case os.Getenv("REBOUND_DB") != "":
		return os.Getenv("REBOUND_DB")
	}
	return DefaultDBPath()
}

// open opens the store once per process (the store itself opens the file per operation).
func (a *app) open() (*store.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	st, err := store.Open(a.dbPath(), store.OnWait(a.waiting), store.OnUpgrade(a.upgrading))
	if err != nil {
		return nil, err
	}
	for _, n := range st.Notices() {
		fmt.Fprintln(a.stderr, n)
	}
	a.st = st
	return st, nil
}

// mode is --mode, else the saved setting.
func (a *app) mode(st *store.Store) (*coach.Mode, journal.Settings, error) {
	set, err := a.settings()
	if err != nil {
		return nil, set, err
	}
	m, err := a.modeIn(set)
	return m, set, err
}

// modeIn is --mode, else the mode set holds; an unknown one is a usage error.
func (a *app) modeIn(set journal.Settings) (*coach.Mode, error) {
	id := set.Mode
	if a.modeFlag != "" {
		id = a.modeFlag
	}
	m, err := a.catalog().Mode(id)
	if err != nil {
		return nil, usageError{err}
	}
	return m, nil
}

// modeID is mode's id alone, checked but not parsed: for a command that
// only stamps the mode on what it writes (log with flags).
func (a *app) modeID() (string, error) {
	set, err := a.settings()
	if err != nil {
		return "", err
	}
	id := set.Mode
	if a.modeFlag != "" {
		id = a.modeFlag
	}
	m, err := a.catalog().ModeID(id)
	if err != nil {
		return "", usageError{err}
	}
	return m, nil
}

// stdoutTTY reports whether stdout is a terminal (else: plain text, no escapes).
func (a *app) stdoutTTY() bool {
	f, ok := a.stdout.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// jsonOut is where --json output goes: on a terminal, the runes a
// terminal would obey are \u-escaped (the same JSON values, inert on
// screen); into a pipe or file, the bytes encoding/json writes.
func (a *app) jsonOut() io.Writer {
	if a.stdoutTTY() {
		return inertJSON{a.stdout}
	}
	return a.stdout
}

func (a *app) stdinTTY() bool {
	f, ok := a.stdin.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// out is stdout through a colour-profile writer: escapes are dropped when
// stdout is not a terminal or NO_COLOR is set.
func (a *app) out() io.Writer {
	if f, ok := a.stdout.(*os.File); ok {
		return colorprofile.NewWriter(f, os.Environ())
	}
	return a.stdout
}

// Main runs the command line and returns the exit code.
func Main(ctx context.Context, args []string) int {
	// The program's first write of a day leaves the day's backup to a
	// process of its own (tests that call app.main copy in theirs).
	store.SetBackupInBackground(true)
	defer store.SetBackupInBackground(false)
	a := &app{now: time.Now, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	return a.main(ctx, args)
}

// main runs the command line on a's streams.
func (a *app) main(ctx context.Context, args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	if accessibleRequested(args) {
		return a.executeAccessible(ctx, root)
	}
	err := fang.Execute(ctx, root,
		fang.WithVersion(Version),
		fang.WithErrorHandler(a.printError),
		fang.WithNotifySignal(os.Interrupt),
		fang.WithoutManpage(), // ours keeps paragraphs whole (man.go)
	)
	return exitCode(err)
}

func exitCode(err error) int {
	var u usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, huh.ErrUserAborted):
		return 130
	case errors.As(err, &u), journal.IsValidation(err), isCobraUsage(err):
		return ExitUsage
	}
	return ExitFailure
}

// isCobraUsage spots cobra's own usage errors (bad flags, wrong arg counts).
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "unknown command", "required flag"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// printError writes the one-sentence error to stderr, plain unless stderr is a terminal.
func (a *app) printError(w io.Writer, styles fang.Styles, err error) {
	if errors.Is(err, huh.ErrUserAborted) {
		fmt.Fprintln(w, "Cancelled; nothing was saved.")
		return
	}
	msg := err.Error()
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprintln(w, styles.ErrorHeader.String()+" "+msg)
		return
	}
	fmt.Fprintln(a.stderr, "rebound: "+msg)
}
