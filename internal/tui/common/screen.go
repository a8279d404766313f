// Package common holds what every screen shares: the Screen interface,
// navigation messages, styles, keys and the app context. Screens never
// import each other; they return a Navigate message and the root switches.
package common

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Screen is one page of the app. The root owns size, header and footer.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	Keys() help.KeyMap
	Title() string
	// Capturing is true while the user types into a field, so the root
	// leaves q, ?, esc and friends to the screen.
	Capturing() bool
}

// HelpKeyFreer is a capturing screen that can say ? is not text right now
// (a form's select or yes/no has the focus), so the root opens the help.
type HelpKeyFreer interface {
	HelpKeyFree() bool
}

// Settler is a screen whose next key would, for a moment, land in the
// wrong place: a form moving its focus to the next field (huh moves it
// with a command whose message comes after keys already typed). While it
// is Settling the root holds the keys pressed (at most 150 ms) and hands
// them over in order.
type Settler interface {
	Settling() bool
}

// Loader is a screen that reads the journal before its keys mean
// anything ("Loading follow-ups…"). While it is Loading the root holds the
// keys pressed and hands them over, in order, once it has loaded, so that
// a key typed ahead is not lost.
type Loader interface {
	Loading() bool
}

// Context is what screens need from the outside world, but the journal:
// each screen is given the store methods it calls (its own Store interface)
// by the root, the one place that knows the concrete store.
type Context struct {
	Catalog  *coach.Catalog
	Settings journal.Settings
	// ModeOverride is --mode for this run (not saved).
	ModeOverride string
	Now          func() time.Time
	Styles       *Styles
	Accessible   bool
}

// Mode is the mode in use for this run.
func (c *Context) Mode() *coach.Mode {
	id := c.Settings.Mode
	if c.ModeOverride != "" {
		id = c.ModeOverride
	}
	m, err := c.Catalog.Mode(id)
	if err != nil {
		m, _ = c.Catalog.Mode("sales")
	}
	return m
}

// Today in the local time zone.
func (c *Context) Today() journal.Day { return journal.Today(c.Now()) }

// ScreenID names a destination.
type ScreenID int

const (
	ScreenHome ScreenID = iota
	ScreenLog
	ScreenJournal
	ScreenDetail
	ScreenEdit
	ScreenReframe
	ScreenReflect
	ScreenStreak
	ScreenInsights
	ScreenFollowUps
	ScreenDebrief
	ScreenWelcome
	ScreenWho
	ScreenReview
	ScreenPrep
	ScreenExperiment // the form that starts one (x on insights)
)

// Navigate asks the root to open a screen (ID: the No it is about, if any).
type Navigate struct {
	To   ScreenID
	ID   uint64
	Name string // the prospect, for ScreenWho
}

// Back asks the root to return to the previous screen.
type Back struct{}

// Status shows a short message in the footer.
type Status struct {
	Text  string
	Error bool
}

// DataChanged tells screens the journal changed (here or in another process).
type DataChanged struct{}

// SettingsChanged carries new settings to the root and every screen.
type SettingsChanged struct{ Settings journal.Settings }

// Cmd helpers.

// NavigateTo returns a command that navigates.
func NavigateTo(to ScreenID, id uint64) tea.Cmd {
	return func() tea.Msg { return Navigate{To: to, ID: id} }
}

// GoBack returns a command that goes back.
func GoBack() tea.Msg { return Back{} }

// Say returns a command that shows a status line.
func Say(text string) tea.Cmd { return func() tea.Msg { return Status{Text: text} } }

// Fail returns a command that shows an error line.
func Fail(err error) tea.Cmd {
	return func() tea.Msg { return Status{Text: err.Error(), Error: true} }
}
