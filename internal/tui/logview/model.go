// Package logview is the quick "log a No" form, also used to edit one.
// model.go holds the form's fields, the No built from them and its save
// (with the conflict chooser) together, about 430 lines: each field's
// value is read back in No(), and keeping both in sight keeps them paired.
package logview

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/conflict"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// values live on the heap so huh's Value pointers survive model copies and
// a failed save can rebuild the form with everything the user typed.
type values struct {
	Who, Contact, Said, Reason, Change, FollowUp, Outcome, Date string
	// Source is whether Reason is what they said ("said") or the user's
	// guess ("guess"): a guess is saved as the assumed reason, so insights
	// never count a guess as their real reason.
	Source string
	// Mode holds the answers to the mode's own questions (modefields.go).
	Mode modeValues
}

// Store is what the log and edit forms write (*store.Store is one).
type Store interface {
	AddNo(n *journal.No, now time.Time) error
	SaveNo(base, edited journal.No, now time.Time) (journal.No, error)
}

// Model is the log/edit form screen.
type Model struct {
	ctx     *common.Context
	db      Store
	keys    KeyMap
	form    *formscreen.Model
	vals    *values
	editing *journal.No // nil when logging a new No
	width   int
	height  int
	err     string
	// chooser is open when the No changed elsewhere in a field the user
	// changed too; the form and its values wait behind it.
	chooser *conflict.Model
	// standalone: asked as accessible prompts, where an empty answer keeps
	// the current value (huh checks the empty line before applying it).
	standalone bool
	// secondary is the other-reasons list, when the mode asks it.
	secondary secondaryField
}

// keeps reports that an empty answer s keeps a current value.
func (m *Model) keeps(s, current string) bool {
	return m.standalone && strings.TrimSpace(s) == "" && strings.TrimSpace(current) != ""
}

// Saved is sent when the No has been stored.
type Saved struct {
	No      journal.No
	Created bool
}

type saveFailed struct{ err error }

// conflicted is a save refused because the same field changed elsewhere.
type conflicted struct{ c *journal.ConflictError }

// New opens an empty form to log a No.
func New(ctx *common.Context, db Store) *Model {
	m := &Model{ctx: ctx, db: db, vals: &values{Date: "today", Source: "guess"}}
	m.open()
	return m
}

// Edit opens the form filled with n.
func Edit(ctx *common.Context, db Store, n journal.No) *Model {
	m := NewStandaloneEdit(ctx, db, n).m
	m.standalone = false
	m.open()
	return m
}

// open sets up the screen's form over m.vals.
func (m *Model) open() {
	m.keys = DefaultKeys()
	m.form = formscreen.New(formscreen.Config{
		Styles:   m.ctx.Styles,
		Fields:   func() [][]huh.Field { return [][]huh.Field{m.fields()} },
		Leave:    m.keys.Cancel,
		Dirty:    m.dirty,
		Question: "Discard what you typed? y discards · any other key keeps editing",
		Keys:     discardKeys,
		Chrome:   m.chrome(),
	})
	m.form.Open()
}

// mode is the mode the form speaks: the edited No's own, else the one in use.
func (m *Model) mode() *coach.Mode {
	if m.editing != nil && m.editing.Mode != "" {
		if md, err := m.ctx.Catalog.Mode(m.editing.Mode); err == nil {
			return md
		}
	}
	return m.ctx.Mode()
}

// hints are the fields' descriptions, by key (also printed before each
// question in accessible mode, where huh leaves descriptions out).
func (m *Model) hints() map[string]string {
	q := m.mode().Questions
	reason := "Choose the closest; the highlighted reason is explained here."
	if m.standalone {
		reason = "Each reason comes with what it covers."
	}
	h := map[string]string{
		"who":           cmp.Or(q.WhoHint, "A name is enough."),
		"contact":       cmp.Or(q.ContactHint, "The person to greet in the debrief e-mail (optional)."),
		"said":          "Their words, while you still remember them.",
		"reason":        reason,
		"change":        "Their answer, if you asked (optional).",
		"reason_source": "A guess is kept as your guess; the reframe asks for their real reason.",
		"follow_up":     "Optional: " + dates.FutureHint,
	}
	for k, v := range modeHints(m.mode(), m.standalone) {
		h[k] = v
	}
	return h
}

// fields are the form's questions over m.vals (fresh ones on every call).
func (m *Model) fields() []huh.Field {
	mode := m.mode()
	hint := m.hints()
	opts := make([]huh.Option[string], 0, len(mode.Reasons)+1)
	opts = append(opts, huh.NewOption("(decide later)", ""))
	for _, r := range mode.Reasons {
		label := r.Label
		if m.standalone && r.Hint != "" {
			label += " — " + r.Hint // accessible prompts print no descriptions
		}
		opts = append(opts, huh.NewOption(label, r.ID))
	}
	// A reason this mode does not know (a No from elsewhere) stays as it is.
	if _, ok := mode.Reason(m.vals.Reason); m.vals.Reason != "" && !ok {
		opts = append(opts, huh.NewOption(textsafe.Inline(m.vals.Reason)+" (from another mode)", m.vals.Reason))
	}
	now := m.ctx.Now
	// huh evaluates a DescriptionFunc in a command goroutine: it reads the
	// reason through the accessor's copy, never m.vals directly.
	reason := common.NewSyncString(&m.vals.Reason)
	reasonHint := func() string {
		if r, ok := mode.Reason(reason.Load()); ok && r.Hint != "" {
			return r.Hint
		}
		return hint["reason"]
	}
	byMode, wrapper := m.modeFields()
	fields := []huh.Field{
		huh.NewInput().Key("who").Title(cmp.Or(mode.Questions.Who, "Who said no?")).
			Description(hint["who"]).
			CharLimit(200).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" && !m.keeps(s, m.vals.Who) {
					return errors.New("who said no? a name is enough")
				}
				return nil
			}).Value(&m.vals.Who),
		huh.NewInput().Key("contact").Title(cmp.Or(mode.Questions.Contact, "Who to greet (optional)")).
			Description(hint["contact"]).
			CharLimit(200).Value(&m.vals.Contact),
		huh.NewText().Key("said").Title("What did they say, exactly?").
			Description(hint["said"]).
			Lines(3).CharLimit(journal.MaxField).Value(&m.vals.Said),
		m.reasonSelect(opts, reason, reasonHint),
		huh.NewSelect[string]().Key("reason_source").Title("Is that what they told you, or your guess?").
			Description(hint["reason_source"]).
			Options(huh.NewOption("My guess — I'll ask them", "guess"), huh.NewOption("They told me", "said")).
			Value(&m.vals.Source),
	}
	fields = append(fields, byMode...)
	fields = append(fields,
		huh.NewInput().Key("change").Title(mode.Questions.Turnaround).
			Description(hint["change"]).
			CharLimit(journal.MaxField).Value(&m.vals.Change),
		huh.NewInput().Key("follow_up").Title("Follow up on").
			Description(hint["follow_up"]).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				_, err := dates.Parse(s, now())
				return err
			}).Value(&m.vals.FollowUp))
	// The exam wrapper comes before the follow-up: it is about this grade.
	fields = slices.Insert(fields, len(fields)-1, wrapper...)
	if m.editing != nil {
		oo := make([]huh.Option[string], 0, len(journal.Outcomes))
		for _, o := range journal.Outcomes {
			oo = append(oo, huh.NewOption(o.Words(), string(o)))
		}
		fields = append(fields,
			huh.NewInput().Key("date").Title("When did it happen?").
				Validate(func(s string) error {
					if m.keeps(s, m.vals.Date) {
						return nil
					}
					d, err := dates.Parse(s, now())
					if err != nil {
						return err
					}
					return m.notAhead(d)
				}).
				Value(&m.vals.Date),
			huh.NewSelect[string]().Key("outcome").Title("Where does it stand now?").
				Options(oo...).Value(&m.vals.Outcome))
	}
	return fields
}

// Init starts the form.
func (m *Model) Init() tea.Cmd { return m.form.Form().Init() }

// Title names the screen.
func (m *Model) Title() string {
	if m.editing != nil {
		return fmt.Sprintf("Edit No #%d", m.editing.ID)
	}
	return "Log a No"
}

// Capturing: the form gets every key.
func (m *Model) Capturing() bool { return true }

// SetSize passes the space below the header to the form.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetSize(w, h)
}

// Update forwards to the form and saves on completion.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if m.chooser != nil {
		switch msg := msg.(type) {
		case conflict.Resolved:
			m.chooser = nil
			return m, m.store(msg.Base, msg.No)
		case conflict.Cancelled:
			m.chooser = nil
			m.err = "Not saved yet: the No was changed elsewhere; save again to choose what to keep."
			return m, m.form.Rebuild()
		case tea.KeyPressMsg:
			return m, m.chooser.Update(msg)
		case tea.WindowSizeMsg:
			m.SetSize(msg.Width, msg.Height)
			m.chooser.SetWidth(msg.Width)
			return m, nil
		}
	}
	switch msg := msg.(type) {
	case Saved:
		return m, nil
	case conflicted:
		m.chooser = conflict.New(m.ctx.Styles, msg.c, m.width)
		return m, nil
	case saveFailed:
		// Keep every word: the form comes back over the same values.
		m.err = msg.err.Error()
		return m, m.form.Rebuild()
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	}
	ev, cmd := m.form.Update(msg)
	m.followReason()
	switch ev {
	case formscreen.Submitted:
		return m, tea.Batch(cmd, m.save())
	case formscreen.Left, formscreen.Discarded:
		return m, tea.Batch(cmd, common.GoBack)
	case formscreen.Quit:
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// chrome is the lines this screen adds around the form.
func (m *Model) chrome() int { return 3 }

func (m *Model) dirty() bool {
	v := m.vals
	if m.editing != nil {
		e := m.editing
		reason, source := reasonOf(*e)
		return v.Who != e.Who || v.Contact != e.Contact || v.Said != e.Said || v.Reason != reason || v.Source != source || v.Change != e.Change ||
			v.FollowUp != string(e.FollowUp) || v.Outcome != string(e.Outcome) || v.Mode.changed(*e)
	}
	return strings.TrimSpace(v.Who+v.Contact+v.Said+v.Change+v.FollowUp) != "" || v.Reason != "" || v.Mode.typed()
}

// reasonSelect is the reason question. On screen its hint follows the
// highlighted reason (read through reason's atomic copy); asked as an
// accessible prompt it binds the value by pointer, the only binding huh
// offers as the default an empty answer keeps, and each option already
// carries its hint.
func (m *Model) reasonSelect(opts []huh.Option[string], reason *common.SyncString, hint func() string) *huh.Select[string] {
	sel := huh.NewSelect[string]().Key("reason").Title("Why, as far as you know?").Description(hint())
	if m.standalone {
		return sel.Options(opts...).Height(8).Value(&m.vals.Reason)
	}
	return sel.DescriptionFunc(hint, &m.vals.Reason).Options(opts...).Height(8).Accessor(reason)
}

// reasonOf is the reason the form shows for n and where it came from: their
// reason when they gave one, else the user's guess.
func reasonOf(n journal.No) (reason, source string) {
	if n.Reason != "" {
		return n.Reason, "said"
	}
	return n.Assumed, "guess"
}

// No builds the record from the form values (the edited No keeps its other fields).
func (m *Model) No() (journal.No, error) {
	now := m.ctx.Now()
	var n journal.No
	if m.editing != nil {
		n = *m.editing
	} else {
		n.Mode = m.mode().ID
	}
	v := m.vals
	n.Who = strings.TrimSpace(v.Who)
	n.Contact = strings.TrimSpace(v.Contact)
	n.Said = strings.TrimSpace(v.Said)
	// The reason goes where it belongs: theirs, or the user's guess.
	if was, wasSource := reasonOf(n); v.Reason != was || v.Source != wasSource {
		switch {
		case v.Reason == "":
			if wasSource == "said" {
				n.Reason = ""
			} else {
				n.Assumed = ""
			}
		case v.Source == "said":
			n.Reason = v.Reason
		default:
			n.Assumed = v.Reason
			if wasSource == "said" {
				n.Reason = ""
			}
		}
	}
	n.Change = strings.TrimSpace(v.Change)
	v.Mode.apply(&n, asksOf(m.mode()), v.Reason)
	n.FollowUp = ""
	if s := strings.TrimSpace(v.FollowUp); s != "" {
		d, err := dates.Parse(s, now)
		if err != nil {
			return n, err
		}
		n.FollowUp = d
	}
	if m.editing != nil {
		d, err := dates.Parse(v.Date, now)
		if err != nil {
			return n, err
		}
		if err := m.notAhead(d); err != nil {
			return n, err
		}
		n.Date = d
		if o := journal.Outcome(v.Outcome); o != n.Outcome && o != "" {
			n.SetOutcome(o, now)
		}
	} else {
		n.Date = journal.Today(now)
	}
	return n, n.Validate(m.ctx.Catalog)
}

// notAhead refuses moving the edited No to a day after today (a date it
// already had, from before the rule, is left alone).
func (m *Model) notAhead(d journal.Day) error {
	if m.editing == nil || d == m.editing.Date {
		return nil
	}
	return (&journal.No{Date: d}).CheckNotFuture(journal.Today(m.ctx.Now()))
}

func (m *Model) save() tea.Cmd {
	n, err := m.No()
	if err != nil {
		return func() tea.Msg { return saveFailed{err} }
	}
	if m.editing == nil {
		st, now := m.db, m.ctx.Now()
		return func() tea.Msg {
			if err := st.AddNo(&n, now); err != nil {
				return saveFailed{fmt.Errorf("couldn't save (nothing you typed is lost): %w", err)}
			}
			return Saved{No: n, Created: true}
		}
	}
	return m.store(*m.editing, n)
}

// store saves the edit n of base (the No as this form loaded it), merged
// with whatever changed elsewhere since.
func (m *Model) store(base, n journal.No) tea.Cmd {
	st, now := m.db, m.ctx.Now()
	return func() tea.Msg {
		saved, err := st.SaveNo(base, n, now)
		var c *journal.ConflictError
		switch {
		case errors.As(err, &c):
			return conflicted{c}
		case err != nil:
			return saveFailed{fmt.Errorf("couldn't save (nothing you typed is lost): %w", err)}
		}
		return Saved{No: saved}
	}
}

// View draws the form with its error or discard prompt.
func (m *Model) View() string {
	if m.chooser != nil {
		return m.chooser.View()
	}
	st := m.ctx.Styles
	var b strings.Builder
	switch {
	case m.form.Asking():
		b.WriteString(m.form.Question(st, m.width))
	case m.form.Error() != "":
		b.WriteString(st.Error.Render(textsafe.Truncate(m.form.Error(), max(20, m.width))))
	case m.err != "":
		b.WriteString(st.Error.Render(m.err))
	case m.editing == nil:
		b.WriteString(st.Muted.Render("Right after the " + m.mode().Words.Event + ", before the details fade. Only who is required."))
	default:
		b.WriteString(st.Muted.Render("Change what you need; the rest of the No stays as it is."))
	}
	b.WriteString("\n\n")
	b.WriteString(m.form.View())
	return b.String()
}

// Keys for the footer: the chooser's or the question's while one is open.
func (m *Model) Keys() help.KeyMap {
	if m.chooser != nil {
		return m.chooser.Help()
	}
	k := m.keys
	k.text = m.form.InTextArea()
	return m.form.Keys(k)
}

// HelpKeyFree lets ? open the keys' help while the form's focused field
// takes no text.
func (m *Model) HelpKeyFree() bool { return m.form.HelpKeyFree() }

// Settling holds the keys typed after one that moves the form's focus
// until the focus has moved (formscreen.Settling).
func (m *Model) Settling() bool { return m.form.Settling() }
