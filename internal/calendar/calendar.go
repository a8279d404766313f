// Package calendar writes follow-ups as an iCalendar file (RFC 5545): one
// all-day event per open follow-up, written one event at a time so the
// memory it takes does not grow with the list.
//
// The file is made to be imported again and again, or subscribed to:
//   - UID is the No's (no-12@rebound): a calendar that sees the same UID
//     updates that event instead of adding a second one;
//   - DTSTAMP and LAST-MODIFIED are the No's updated_at, and SEQUENCE the
//     whole minutes from 2020-01-01 UTC to it, so every edit of the No
//     raises them and an unchanged journal writes the very same bytes
//     (nothing in the file says when it was written).
//
// Text from the journal is made inert (textsafe: escape sequences and
// control characters removed) and then escaped by golang-ical (commas,
// semicolons, backslashes, line breaks).
package calendar

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// Event is one follow-up.
type Event struct {
	ID      uint64
	Due     journal.Day
	Who     string
	Change  string // what would need to change (details only)
	Next    string // the next step (details only)
	Updated time.Time
}

// UID is the event's stable id for the No id.
func UID(id uint64) string { return fmt.Sprintf("no-%d@rebound", id) }

// Summary is the event's title.
func Summary(who string) string {
	w := textsafe.Inline(who)
	if w == "" {
		w = "(no name)"
	}
	return "Follow up: " + w
}

// sequenceFrom is where SEQUENCE counts minutes from.
var sequenceFrom = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Sequence is SEQUENCE for a No last changed at t: it grows with every
// edit a minute or more apart (DTSTAMP tells edits within a minute apart)
// and stays the same while the No does.
func Sequence(t time.Time) int {
	if t.Before(sequenceFrom) {
		return 0
	}
	return int(t.Sub(sequenceFrom) / time.Minute)
}

// Writer writes one calendar, an event at a time.
type Writer struct {
	w       io.Writer
	details bool
	cfg     *ics.SerializationConfiguration
	err     error
	n       int
}

// NewWriter starts a calendar on w; details puts what would need to change
// and the next step in each event's description (a calendar may sync the
// file off this machine, so by default an event says only who and the id).
func NewWriter(w io.Writer, details bool) *Writer {
	cw := &Writer{w: w, details: details, cfg: &ics.SerializationConfiguration{
		MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n",
	}}
	cal := ics.NewCalendarFor("Rebound")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName("Rebound follow-ups")
	cal.SetXWRCalName("Rebound follow-ups")
	// The calendar's own lines, without its END (written by Close).
	head := cal.Serialize(cw.cfg)
	head = strings.TrimSuffix(head, "END:VCALENDAR\r\n")
	_, cw.err = io.WriteString(w, head)
	return cw
}

// Add writes one event.
func (cw *Writer) Add(e Event) error {
	if cw.err != nil {
		return cw.err
	}
	start, err := time.Parse(time.DateOnly, string(e.Due))
	if err != nil {
		return fmt.Errorf("follow-up of No %d: the date %q is not a date", e.ID, e.Due)
	}
	ev := ics.NewEvent(UID(e.ID))
	ev.SetDtStampTime(e.Updated)
	ev.SetModifiedAt(e.Updated)
	ev.SetSequence(Sequence(e.Updated))
	ev.SetAllDayStartAt(start)
	ev.SetAllDayEndAt(start.AddDate(0, 0, 1)) // DTEND is exclusive: one whole day
	ev.SetSummary(Summary(e.Who))
	ev.SetDescription(cw.description(e))
	ev.SetTimeTransparency(ics.TransparencyTransparent) // a reminder, not a busy day
	if err := ev.SerializeTo(cw.w, cw.cfg); err != nil {
		cw.err = fmt.Errorf("write the calendar: %w", err)
		return cw.err
	}
	cw.n++
	return nil
}

func (cw *Writer) description(e Event) string {
	d := fmt.Sprintf("Rebound No #%d (rebound show %d)", e.ID, e.ID)
	if !cw.details {
		return d
	}
	if c := textsafe.Block(e.Change); c != "" {
		d += "\nWhat would need to change: " + c
	}
	if x := textsafe.Block(e.Next); x != "" {
		d += "\nNext step: " + x
	}
	return d
}

// Count is how many events were written.
func (cw *Writer) Count() int { return cw.n }

// Close ends the calendar.
func (cw *Writer) Close() error {
	if cw.err != nil {
		return cw.err
	}
	if _, err := io.WriteString(cw.w, "END:VCALENDAR\r\n"); err != nil {
		cw.err = fmt.Errorf("write the calendar: %w", err)
	}
	return cw.err
}
