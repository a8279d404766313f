package cli

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// followUpJSON is one line of `rebound followups --json`.
type followUpJSON struct {
	ID        uint64          `json:"id"`
	Who       string          `json:"who"`
	Due       journal.Day     `json:"due"`
	Overdue   bool            `json:"overdue"`
	Today     bool            `json:"today"`
	DaysLate  int             `json:"days_late"`
	DaysSince int             `json:"days_since"`
	Next      string          `json:"next"`
	Change    string          `json:"change"`
	Kind      journal.Kind    `json:"kind,omitempty"`
	Outcome   journal.Outcome `json:"outcome"`
	Date      journal.Day     `json:"date"`
	// Odds: how many No's of its kind in its mode turned around, of how
	// many; only from journal.MinOddsNos No's of the kind (odds.go).
	Odds *journal.Odds `json:"odds,omitempty"`
}

func (a *app) followupsCommand() *cobra.Command {
	var (
		print, asJSON, letGo bool
		days, limit          int
		moveLate             string
		// Calendars and shell prompts (calendar.go, followupCount).
		ics, icsDetails, due, count bool
		icsOut                      string
	)
	cmd := &cobra.Command{
		Use:   "followups",
		Short: "Who to follow up with: overdue, today and the next 14 days",
		Long: `Who to follow up with: overdue, due today and coming up (the next 14 days by
default), each with what would need to change for them to revisit it, the next
step and how long ago the No was. On a terminal it opens the follow-ups screen
(done, snooze, reschedule, outcome, debrief kit); --print or a pipe prints text,
--json a list (every follow-up, or the first -n). The text lists the first 50
and counts the rest. Recent No's without a follow-up date are listed with a
suggested date, which you set yourself (rebound edit ID --follow-up DATE).

Follow-ups more than 60 days late can be closed all at once (--close-late:
their outcome becomes closed; they stay in your journal) or given a new date
(--move-late DATE).

--ics writes every open follow-up as an iCalendar file, one all-day event
each on its due day ("Follow up: WHO" and the No's id; --ics-details adds
what would need to change and the next step), for a calendar app:
importing it again updates the events, never duplicates them. rebound
settings --ics-file PATH keeps such a file up to date. --due --count prints
how many are due today or overdue, one number, for a shell prompt.`,
		Example: `  rebound followups
  rebound followups --print
  rebound followups --json --days 30 -n 100
  rebound followups --close-late
  rebound followups --move-late "next monday"
  rebound followups --ics -o ~/follow-ups.ics
  rebound followups --due --count`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if days < 1 || days > 3660 {
				return usage("--days is %d; use a number of days from 1 to 3660", days)
			}
			if limit < 0 {
				return usage("-n is %d; use 0 for every follow-up, or how many to list", limit)
			}
			if letGo && moveLate != "" {
				return usage("--close-late and --move-late can't be used together; run one")
			}
			if letGo || moveLate != "" {
				return a.settleLongLate(letGo, moveLate)
			}
			if (icsDetails || icsOut != "") && !ics {
				return usage("--ics-details and -o go with --ics (rebound followups --ics -o follow-ups.ics)")
			}
			if ics {
				return a.followupsICS(icsOut, icsDetails)
			}
			if due && !count {
				return usage("--due goes with --count (rebound followups --due --count prints how many are due)")
			}
			if count {
				return a.followupCount(due, days)
			}
			if !print && !asJSON && !cmd.Flags().Changed("days") && a.stdoutTTY() && a.stdinTTY() {
				return a.runTUI(common.Navigate{To: common.ScreenFollowUps})
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			today := journal.Today(a.now())
			// The follow-up rows hold what is printed: no No is decoded,
			// and they are read a page at a time.
			if asJSON {
				return writeFollowUpsJSON(a.jsonOut(), st, today, days, limit)
			}
			if !cmd.Flags().Changed("limit") {
				limit = followUpsShown
			}
			counts, err := st.FollowUpCounts(today, days, followup.LongLate)
			if err != nil {
				return err
			}
			var items []fuItem
			err = eachFollowUp(st, today, days, limit, func(it fuItem) error { items = append(items, it); return nil })
			if err != nil {
				return err
			}
			sug, err := a.suggestions(st, today)
			if err != nil {
				return err
			}
			// Plain text (textsafe): buffered, so many lines are not as
			// many writes through the colour-profile writer.
			w := bufio.NewWriterSize(a.out(), 64<<10)
			odds, err := a.followUpOdds(st, items)
			if err != nil {
				return err
			}
			printFollowUps(w, items, counts, sug, days, odds)
			return w.Flush()
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	fl.BoolVar(&asJSON, "json", false, "print JSON: a list with id, who, due, overdue, next, change...")
	fl.IntVar(&days, "days", followup.UpcomingDays, "how many days ahead to look")
	fl.IntVarP(&limit, "limit", "n", 0, fmt.Sprintf("list at most this many follow-ups (0: all; the text lists %d unless told)", followUpsShown))
	fl.BoolVar(&letGo, "close-late", false, fmt.Sprintf("close every follow-up more than %d days late (outcome closed; they stay in your journal)", followup.LongLate))
	// The flag's first name, kept for scripts; the product's word is closed.
	fl.BoolVar(&letGo, "let-go-late", false, "the same as --close-late")
	_ = fl.MarkHidden("let-go-late")
	fl.StringVar(&moveLate, "move-late", "", fmt.Sprintf("give every follow-up more than %d days late this new date", followup.LongLate))
	fl.BoolVar(&ics, "ics", false, "write the open follow-ups as an iCalendar file (stdout, or -o FILE): one all-day event each")
	fl.BoolVar(&icsDetails, "ics-details", false, "with --ics: put what would need to change and the next step in each event (by default only who and the No's id)")
	fl.StringVarP(&icsOut, "output", "o", "", "with --ics: write to this file (0600, replaced whole) instead of stdout")
	fl.BoolVar(&due, "due", false, "with --count: only the follow-ups due today or overdue")
	fl.BoolVar(&count, "count", false, "print how many follow-ups are listed (--due: due today or overdue), one number, for a shell prompt")
	return cmd
}

// settleLongLate lets go of the follow-ups more than followup.LongLate
// days late, or moves them to the date when, each in its own write (an
// edit of one from another terminal is never lost), and says what changed.
func (a *app) settleLongLate(letGo bool, when string) error {
	now := a.now()
	today := journal.Today(now)
	var to journal.Day
	if !letGo {
		d, err := dates.Parse(when, now)
		if err != nil {
			return usage("--move-late: %v", err)
		}
		if d.Before(today) {
			return usage("--move-late %s is in the past, which would leave them late; pick today or a later day", d)
		}
		to = d
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	rows, err := st.FollowUpRows(today)
	if err != nil {
		return err
	}
	var ids []uint64
	for _, it := range section(placeRows(rows, today, 1), followup.Overdue) {
		if it.late > followup.LongLate {
			ids = append(ids, it.ID)
		}
	}
	done := 0
	for _, id := range ids {
		_, err := st.PatchNo(id, now, func(n *journal.No) error {
			if !followup.StillLongLate(*n, today) {
				return errNotLongLate // moved or settled meanwhile: left as it is
			}
			if letGo {
				followup.LetGo(n, now)
			} else {
				followup.Reschedule(n, to)
			}
			return nil
		})
		switch {
		case errors.Is(err, errNotLongLate):
		case err != nil:
			return fmt.Errorf("save the follow-ups (%d of %d changed): %w", done, len(ids), err)
		default:
			done++
		}
	}
	fus := words.Count(done, "follow-up", "follow-ups")
	switch {
	case done == 0:
		fmt.Fprintf(a.out(), "No follow-up is more than %d days late; nothing changed.\n", followup.LongLate)
	case letGo:
		fmt.Fprintf(a.out(), "Closed %s more than %d days late. They stay in your journal; rebound edit ID --outcome open reopens one.\n", fus, followup.LongLate)
	default:
		fmt.Fprintf(a.out(), "Moved %s more than %d days late to %s.\n", fus, followup.LongLate, to)
	}
	return nil
}

// followUpsShown is how many follow-ups the text lists unless -n says
// otherwise; the section counts cover the rest.
const followUpsShown = 50

// followUpPage is how many follow-up rows one read brings.
const followUpPage = 512

// eachFollowUp calls fn with the listed follow-ups (overdue, today, then
// the next days), at most limit (0: all), read a page at a time: the
// store's order (due date, then id) is the list's, so nothing is sorted
// and a page is all that is held.
func eachFollowUp(st *store.Store, today journal.Day, days, limit int, fn func(fuItem) error) error {
	var after *store.Cursor
	n := 0
	for {
		rows, next, err := st.FollowUpRowsPage(today.AddDays(days), after, followUpPage)
		if err != nil {
			return err
		}
		for _, r := range rows {
			sec, late, until, since := followup.Place(r.Due, r.Date, r.Outcome, today, days)
			if sec == followup.Unlisted {
				continue
			}
			if limit > 0 && n == limit {
				return nil
			}
			n++
			if err := fn(fuItem{r, sec, late, until, since}); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		after = next
	}
}

// errNotLongLate skips a follow-up no longer long late: its patch writes nothing.
var errNotLongLate = errors.New("no longer long late")

type suggested struct {
	no journal.No
	s  followup.Suggestion
}

// maxSuggested is how many suggestions the text lists: the newest, which
// are the ones worth a date now.
const maxSuggested = 10

// suggestions are the newest recent open No's without a follow-up date (at
// most maxSuggested), with the date suggested for each, read a page of
// rows at a time until enough: only those No's are read in full.
func (a *app) suggestions(st *store.Store, today journal.Day) ([]suggested, error) {
	mode, set, err := a.mode(st)
	if err != nil {
		return nil, err
	}
	week := set.Workweek()
	var sug []suggested
	q := store.Query{From: today.AddDays(-30), Outcome: string(journal.OutcomeOpen), Limit: 4 * maxSuggested}
	for len(sug) < maxSuggested {
		recent, next, err := st.ListRows(q)
		if err != nil {
			return nil, err
		}
		var ids []uint64
		for r := range recent.All() {
			if r.FollowUp.IsZero() {
				ids = append(ids, r.ID)
			}
		}
		nos, err := st.GetNos(ids)
		if err != nil {
			return nil, err
		}
		for _, n := range nos {
			md := mode
			if m, err := a.catalog().Mode(n.Mode); err == nil && n.Mode != "" {
				md = m
			}
			if s, ok := followup.Suggest(md, n, today, week); ok && len(sug) < maxSuggested {
				sug = append(sug, suggested{n, s})
			}
		}
		if next == nil {
			break
		}
		q.Before = next
	}
	return sug, nil
}

// fuItem is one listed follow-up: its row, its section, and the days late,
// until due and since the No (as followup.Classify counts them).
type fuItem struct {
	store.FollowUpRow
	sec                followup.Section
	late, until, since int
}

// placeRows is followup.Classify for rows: the listed follow-ups, overdue
// first, then today's, then the coming ones, each by due date then id —
// the store's order already, so normally nothing moves.
func placeRows(rows []store.FollowUpRow, today journal.Day, days int) []fuItem {
	items := make([]fuItem, 0, len(rows))
	for _, r := range rows {
		sec, late, until, since := followup.Place(r.Due, r.Date, r.Outcome, today, days)
		if sec != followup.Unlisted {
			items = append(items, fuItem{r, sec, late, until, since})
		}
	}
	order := func(a, b fuItem) int {
		return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.Due, b.Due), cmp.Compare(a.ID, b.ID))
	}
	if !slices.IsSortedFunc(items, order) {
		slices.SortStableFunc(items, order)
	}
	return items
}

// section is the run of items in sec.
func section(items []fuItem, sec followup.Section) []fuItem {
	i := slices.IndexFunc(items, func(it fuItem) bool { return it.sec == sec })
	if i < 0 {
		return nil
	}
	j := i
	for j < len(items) && items[j].sec == sec {
		j++
	}
	return items[i:j]
}

func followUpJSONOf(it fuItem) followUpJSON {
	return followUpJSON{
		ID: it.ID, Who: it.Who, Due: it.Due, Overdue: it.late > 0, Today: it.late == 0 && it.until == 0,
		DaysLate: it.late, DaysSince: it.since, Next: it.Next, Change: it.Change,
		Kind: it.Kind, Outcome: it.Outcome, Date: it.Date,
	}
}

// writeFollowUpsJSON writes the follow-ups (at most limit; 0: all) as
// writeJSON writes a list of followUpJSON, streamed: a page of rows is
// read while the one before is written, so the memory it takes does not
// grow with the list.
func writeFollowUpsJSON(w io.Writer, st *store.Store, today journal.Day, days, limit int) error {
	return writeJSONList(w, func(add func(any) error) error {
		book := followup.NewOddsBook(st.KindOdds)
		return eachFollowUp(st, today, days, limit, func(it fuItem) error {
			j := followUpJSONOf(it)
			if o, ok, err := book.Of(it.Mode, it.Kind); err != nil {
				return err
			} else if ok {
				j.Odds = &o
			}
			return add(j)
		})
	})
}

// printFollowUps prints the follow-ups listed by section, each section
// headed by its count (the counters': it may hold more than are listed),
// then the suggestions.
func printFollowUps(w io.Writer, items []fuItem, counts journal.FollowUpCounts, sug []suggested, days int, odds map[uint64]string) {
	if len(items) == 0 && len(sug) == 0 && counts == (journal.FollowUpCounts{}) {
		fmt.Fprintf(w, "Nothing to follow up in the next %d days.\n", days)
		fmt.Fprintln(w, `Give a No a follow-up date: rebound edit ID --follow-up "in 2 weeks"`)
		return
	}
	whoW := 8
	for _, it := range items {
		whoW = max(whoW, min(28, textsafe.Width(textsafe.Inline(it.Who))))
	}
	list := func(title string, total int, items []fuItem, when func(fuItem) string) {
		total = max(total, len(items))
		if total == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d)\n", title, total)
		for _, n := range items {
			ago := "No " + words.Count(n.since, "day", "days") + " ago"
			if n.since == 0 {
				ago = "No from today"
			}
			line := fmt.Sprintf("  #%-4d %s  %s  %s", n.ID, textsafe.PadRight(n.Who, whoW), when(n), ago)
			if n.Outcome != journal.OutcomeOpen {
				line += " · " + n.Outcome.Words()
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			if c := strings.TrimSpace(n.Change); c != "" {
				fmt.Fprintf(w, "         to revisit: %s\n", textsafe.Inline(c))
			}
			if x := strings.TrimSpace(n.Next); x != "" {
				fmt.Fprintf(w, "         next: %s\n", textsafe.Inline(x))
			}
			if o := odds[n.ID]; o != "" {
				fmt.Fprintf(w, "         %s\n", o)
			}
		}
		if more := total - len(items); more > 0 {
			fmt.Fprintf(w, "  … and %d more: rebound followups --json, -n 0 for all, or the follow-ups screen\n", more)
		}
		fmt.Fprintln(w)
	}
	if note := followup.LongLateNote(counts.LongLate); note != "" {
		fmt.Fprintln(w, note)
		fmt.Fprintln(w, "  Close them:  rebound followups --close-late")
		fmt.Fprintln(w, `  A new date:  rebound followups --move-late "next monday"`)
		fmt.Fprintln(w)
	}
	list("Overdue", counts.Overdue, section(items, followup.Overdue), func(it fuItem) string {
		return fmt.Sprintf("due %s, %s late ·", it.Due, words.Count(it.late, "day", "days"))
	})
	list("Today", counts.Today, section(items, followup.Today), func(fuItem) string { return "due today ·" })
	list(fmt.Sprintf("Next %d days", days), counts.Upcoming, section(items, followup.Upcoming), func(it fuItem) string {
		return fmt.Sprintf("due %s, in %s ·", it.Due, words.Count(it.until, "day", "days"))
	})
	if len(sug) > 0 {
		fmt.Fprintf(w, "Suggested — recent No's without a follow-up date (%d)\n", len(sug))
		for _, s := range sug {
			fmt.Fprintf(w, "  #%-4d %s  %s — %s\n", s.no.ID, textsafe.PadRight(s.no.Who, whoW), s.s.Day, s.s.Why)
		}
		fmt.Fprintf(w, "  Set one: rebound edit ID --follow-up DATE (e.g. rebound edit %d --follow-up %s)\n", sug[0].no.ID, sug[0].s.Day)
	}
}
