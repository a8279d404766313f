package cli

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// TestJournalPrintMatchesNos checks that the list printed from by_day rows
// and the paged JSON are what the full No's give.
func TestJournalPrintMatchesNos(t *testing.T) {
	skipShort(t)
	db, st := progressDB(t)
	for i := range 1234 {
		n := journal.No{Who: fmt.Sprintf("Acme %d <&> \"quoted\"", i%37), Date: journal.Day(fmt.Sprintf("2026-%02d-%02d", 1+i%11, 1+i%28)),
			Reason: []string{"", "price", "timing"}[i%3], Said: "hidden fees " + strconv.Itoa(i%5)}
		if i%4 == 0 {
			n.FollowUp, n.FollowUpDone = "2026-12-01", i%8 == 0
		}
		if i%50 == 0 {
			n.Who = "Ünïcode Wide 株式会社 " + strconv.Itoa(i)
		}
		if err := st.AddNo(&n, progressNow); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"journal", "--print"},
		{"journal", "--print", "-n", "20"},
		{"journal", "--print", "--search", "hidden 3"},
		{"journal", "--print", "--reason", "price"},
	} {
		got, errs, code := runProgressCLI(t, db, args...)
		if code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
		q := store.Query{}
		for i := 0; i < len(args); i++ {
			switch args[i] {
			case "-n":
				q.Limit, _ = strconv.Atoi(args[i+1])
			case "--search":
				q.Text = args[i+1]
			case "--reason":
				q.Reason = args[i+1]
			}
		}
		nos, _, err := st.ListNos(q)
		if err != nil {
			t.Fatal(err)
		}
		if want := oldPrintList(nos); got != want {
			t.Errorf("%v: the list differs from the No's:\n%.500s\nwant\n%.500s", args, got, want)
		}
		jargs := append([]string{"journal", "--json"}, args[2:]...)
		gotJSON, _, _ := runProgressCLI(t, db, jargs...)
		var want bytes.Buffer
		if err := writeJSON(&want, nosOrEmpty(nos)); err != nil {
			t.Fatal(err)
		}
		if gotJSON != want.String() {
			t.Errorf("%v: the JSON differs", jargs)
		}
	}
	got, _, _ := runProgressCLI(t, db, "journal", "--json", "--search", "nothingmatches")
	if got != "[]\n" {
		t.Errorf("empty JSON = %q", got)
	}
}

// oldPrintList is the list as it was printed from full No's.
func oldPrintList(nos []journal.No) string {
	var w strings.Builder
	if len(nos) == 0 {
		fmt.Fprintln(&w, "No No's yet. Log one: rebound log --who \"Acme Corp\" --reason price")
		return w.String()
	}
	idW, whoW, reasonW := 2, 3, 6
	for _, n := range nos {
		idW = max(idW, len(strconv.FormatUint(n.ID, 10))+1)
		whoW = max(whoW, min(30, textsafe.Width(textsafe.Inline(n.Who))))
		reasonW = max(reasonW, len(n.Reason))
	}
	for _, n := range nos {
		reason := n.Reason
		if reason == "" {
			reason = "-"
		}
		line := fmt.Sprintf("%s  %s  %s  %s  %s",
			textsafe.PadRight("#"+strconv.FormatUint(n.ID, 10), idW),
			n.Date, textsafe.PadRight(n.Who, whoW), textsafe.PadRight(reason, reasonW), n.Outcome)
		if !n.FollowUp.IsZero() && !n.FollowUpDone {
			line += "  follow up " + string(n.FollowUp)
		}
		fmt.Fprintln(&w, strings.TrimRight(line, " "))
	}
	return w.String()
}

// TestFollowUpsFromRows checks that follow-ups printed from by_follow_up rows
// are what the full No's give.
func TestFollowUpsFromRows(t *testing.T) {
	db, st := progressDB(t)
	today := journal.Today(progressNow)
	for i := range 300 {
		n := journal.No{Who: fmt.Sprintf("Acme %d <&>", i%17), Date: today.AddDays(-i % 60),
			Next: "Call \"back\"\t" + strconv.Itoa(i), Change: []string{"", "Budget\u2028next year", "ROI"}[i%3],
			Kind: []journal.Kind{"", journal.KindNotNow}[i%2], FollowUp: today.AddDays(i%40 - 20)}
		if i%7 == 0 {
			n.Outcome = journal.OutcomeYes
		}
		if i%11 == 0 {
			n.FollowUpDone = true
		}
		if i%5 == 0 {
			n.FollowUp, n.FollowUpDone = "", false
		}
		if err := st.AddNo(&n, progressNow); err != nil {
			t.Fatal(err)
		}
	}
	nos, err := st.FollowUps(today.AddDays(14))
	if err != nil {
		t.Fatal(err)
	}
	g := followup.Classify(nos, today, 14)
	var items []fuItem
	for sec, l := range map[followup.Section][]followup.Item{followup.Overdue: g.Overdue, followup.Today: g.Today, followup.Upcoming: g.Upcoming} {
		for _, it := range l {
			n := it.No
			items = append(items, fuItem{store.FollowUpRow{ID: n.ID, Due: it.Due, Date: n.Date, Who: n.Who, Next: n.Next,
				Change: n.Change, Kind: n.Kind, Outcome: n.Outcome}, sec, it.DaysLate, it.DaysUntil, it.DaysSince})
		}
	}
	slices.SortStableFunc(items, func(a, b fuItem) int { return cmp.Compare(a.sec, b.sec) })
	list := []followUpJSON{}
	for _, it := range items {
		list = append(list, followUpJSONOf(it))
	}
	var want bytes.Buffer
	if err := writeJSON(&want, list); err != nil {
		t.Fatal(err)
	}
	got, errs, code := runProgressCLI(t, db, "followups", "--json")
	if code != 0 || got != want.String() {
		t.Errorf("followups --json differs (exit %d %s):\n%.300s\nwant\n%.300s", code, errs, got, want.String())
	}
	got, _, _ = runProgressCLI(t, db, "followups", "--print")
	var wantPrint strings.Builder
	sug := oldSuggestions(t, st, today)
	if len(sug) == 0 {
		t.Fatal("no suggestions to compare")
	}
	// The text lists the first 50 and counts them all; the newest 10 suggestions.
	var counts journal.FollowUpCounts
	for _, it := range items {
		switch it.sec {
		case followup.Overdue:
			counts.Overdue++
			if it.late > followup.LongLate {
				counts.LongLate++
			}
		case followup.Today:
			counts.Today++
		case followup.Upcoming:
			counts.Upcoming++
		}
	}
	if len(items) <= followUpsShown || len(sug) <= maxSuggested {
		t.Fatalf("%d follow-ups, %d suggestions: too few to test the page", len(items), len(sug))
	}
	printFollowUps(&wantPrint, items[:followUpsShown], counts, sug[:maxSuggested], 14, nil) // no mode: no odds
	if got != wantPrint.String() {
		t.Errorf("followups --print differs:\n%s\nwant\n%s", got, wantPrint.String())
	}
}

func oldSuggestions(t *testing.T, st *store.Store, today journal.Day) []suggested {
	recent, _, err := st.ListNos(store.Query{From: today.AddDays(-30), Outcome: string(journal.OutcomeOpen)})
	if err != nil {
		t.Fatal(err)
	}
	mode, _ := coach.Default().Mode("")
	var sug []suggested
	for _, n := range recent {
		if s, ok := followup.Suggest(mode, n, today, journal.EveryDay); ok {
			sug = append(sug, suggested{n, s})
		}
	}
	return sug
}
