package cli

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/rebound-coach/rebound/internal/calendar"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

func init() {
	// The calendar file kept after every write (settings --ics-file) is
	// written by this package's format; a process started only to write
	// it does so here and exits.
	store.SetCalendarWriter(writeCalendar)
	store.RunCalendarChild()
}

// writeCalendar writes every open follow-up (set, not done, the No not
// settled) as an all-day event, by due date then id: a page of follow-up
// rows at a time, and only those No's read in full (for their updated_at,
// which the events' DTSTAMP and SEQUENCE come from).
func writeCalendar(st *store.Store, w io.Writer, details bool) error {
	_, err := writeCalendarCount(st, w, details)
	return err
}

func writeCalendarCount(st *store.Store, w io.Writer, details bool) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := calendar.NewWriter(bw, details)
	var after *store.Cursor
	for {
		rows, next, err := st.FollowUpRowsPage("", after, followUpPage)
		if err != nil {
			return 0, err
		}
		ids := make([]uint64, 0, len(rows))
		for _, r := range rows {
			if r.Due.Valid() && !followup.Settled(r.Outcome) {
				ids = append(ids, r.ID)
			}
		}
		nos, err := st.GetNos(ids)
		if err != nil {
			return 0, err
		}
		for _, n := range nos {
			// Read after the row: a follow-up done or settled meanwhile
			// is left out, a moved one goes on its new day.
			if n.FollowUp.IsZero() || !n.FollowUp.Valid() || n.FollowUpDone || followup.Settled(n.Outcome) {
				continue
			}
			err := cw.Add(calendar.Event{ID: n.ID, Due: n.FollowUp, Who: n.Who, Change: n.Change, Next: n.Next, Updated: n.UpdatedAt})
			if err != nil {
				return 0, err
			}
		}
		if next == nil {
			break
		}
		after = next
	}
	if err := cw.Close(); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("write the calendar: %w", err)
	}
	return cw.Count(), nil
}

// followupsICS is `rebound followups --ics [-o FILE] [--ics-details]`.
func (a *app) followupsICS(output string, details bool) error {
	st, err := a.open()
	if err != nil {
		return err
	}
	if output == "" || output == "-" {
		// The events' text is inert (calendar: textsafe) before it is
		// escaped, so a terminal shows it as it is.
		_, err := writeCalendarCount(st, a.stdout, details)
		return err
	}
	abs, err := filepath.Abs(output)
	if err != nil {
		return fmt.Errorf("write the calendar to %s: %w", output, err)
	}
	n := 0
	err = st.WriteCalendarFile(store.CalendarFile{Path: abs, Details: details}, func(s *store.Store, w io.Writer, details bool) error {
		var err error
		n, err = writeCalendarCount(s, w, details)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "Wrote %s to %s.\n", words.Count(n, "follow-up", "follow-ups"), output)
	return nil
}

// followupCount prints one number: the open follow-ups due today or
// overdue (due), or those the list shows (and the next days). It reads the
// counters (open follow-ups per due date), never a follow-up, so a shell
// prompt can run it on every line.
func (a *app) followupCount(due bool, days int) error {
	today := journal.Today(a.now())
	if c, ok := store.QuickFollowUpCounts(a.dbPath(), today, days, followup.LongLate); ok {
		return printCount(a, c, due)
	}
	// Else Open says what is wrong, or upgrades; the counts come with its read.
	st, err := store.Open(a.dbPath(), store.OnWait(a.waiting), store.OnUpgrade(a.upgrading),
		store.CountFollowUpsAtOpen(today, days, followup.LongLate))
	if err != nil {
		return err
	}
	for _, n := range st.Notices() {
		fmt.Fprintln(a.stderr, n)
	}
	c, ok := st.FollowUpCountsAtOpen()
	if !ok {
		if c, err = st.FollowUpCounts(today, days, followup.LongLate); err != nil {
			return err
		}
	}
	return printCount(a, c, due)
}

func printCount(a *app, c journal.FollowUpCounts, due bool) error {
	n := c.Overdue + c.Today
	if !due {
		n += c.Upcoming
	}
	_, err := fmt.Fprintln(a.stdout, n)
	return err
}

// setCalendarFile is `settings --ics-file PATH|off [--ics-details]`: the
// file is written once now (so a folder that is not there, or not
// writable, is said at once), then kept up to date after every write.
func (a *app) setCalendarFile(st *store.Store, pathChanged bool, path string, details bool) error {
	cf, err := st.CalendarFile()
	if err != nil {
		return err
	}
	if pathChanged {
		switch p := strings.TrimSpace(path); strings.ToLower(p) {
		case "", "off", "none":
			cf = store.CalendarFile{}
		default:
			abs, err := filepath.Abs(p)
			if err != nil {
				return usage("--ics-file %s: %v", p, err)
			}
			cf.Path = abs
		}
	} else if cf.Path == "" {
		return usage("--ics-details goes with a calendar file: rebound settings --ics-file PATH --ics-details")
	}
	cf.Details = details
	if cf.Path == "" {
		was, _ := st.CalendarFile()
		if err := st.SetCalendarFile(cf); err != nil {
			return err
		}
		if was.Path != "" {
			fmt.Fprintf(a.out(), "The calendar file is no longer kept up to date; %s stays as it is.\n", textsafe.Inline(was.Path))
		} else {
			fmt.Fprintln(a.out(), "No calendar file is kept.")
		}
		return nil
	}
	n := 0
	err = st.WriteCalendarFile(cf, func(s *store.Store, w io.Writer, details bool) error {
		var err error
		n, err = writeCalendarCount(s, w, details)
		return err
	})
	if err != nil {
		return err
	}
	if err := st.SetCalendarFile(cf); err != nil {
		return err
	}
	fmt.Fprintf(a.out(), "Wrote %s to %s; it is kept up to date after every change. Subscribe to it in your calendar app; rebound settings --ics-file off stops it.\n",
		words.Count(n, "follow-up", "follow-ups"), textsafe.Inline(cf.Path))
	return nil
}

// printCalendarSetting adds the calendar file to `rebound settings`.
func printCalendarSetting(w io.Writer, st *store.Store) error {
	cf, err := st.CalendarFile()
	if err != nil {
		return err
	}
	line := "(none; rebound settings --ics-file PATH keeps one for your calendar app)"
	if cf.Path != "" {
		line = textsafe.Inline(cf.Path) + ", kept up to date"
		if cf.Details {
			line += ", with details"
		}
	}
	fmt.Fprintf(w, "Calendar:    %s\n", line)
	return nil
}
