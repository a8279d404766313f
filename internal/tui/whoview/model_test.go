package whoview

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

var today = journal.Today(tuitest.Now)

func TestHistoryOfOneProspect(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	old := tuitest.Add(t, db, journal.No{Who: "ACME corp", Date: today.AddDays(-60), Reason: "price", Kind: journal.KindNotThis,
		Said: "Too pricey for us", Change: "A smaller starter plan", FollowUp: today.AddDays(-30), FollowUpDone: true,
		Debrief: []journal.Answer{{Prompt: "Why did you choose not to move forward with us?", Answer: "The setup fee"}}})
	o := old
	o.SetOutcome(journal.OutcomeMaybe, tuitest.Now.Add(-40*24*time.Hour))
	if err := db.UpdateNo(&o, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	recent := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-2), Reason: "timing", Kind: journal.KindNotNow,
		Change: "After their Q1 budget", Next: "Send the ROI sheet", FollowUp: today.AddDays(3)})
	tuitest.Add(t, db, journal.No{Who: "Acme Corporation", Reason: "budget"})
	tuitest.Add(t, db, journal.No{Who: "Globex"})
	if err := db.AddWin(&journal.Win{Who: "acme corp", What: "Renewal, 12 seats", Date: today.AddDays(-1)}, tuitest.Now); err != nil {
		t.Fatal(err)
	}

	var s common.Screen = New(ctx, db, "  acme CORP ")
	s.SetSize(140, 40)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	order := []string{"Acme Corp", "2 No's · 1 win · latest: open",
		"▶ Open follow-up: 2026-11-26 (in 3 days) · to revisit: After their Q1 budget · next: Send the ROI sheet",
		"› " + string(recent.Date), "Bad timing", "Not now", "After their Q1 budget", "2026-11-26 (open)",
		string(old.Date), "Too expensive", "“Too pricey for us”", "A smaller starter plan", "The setup fee",
		"2026-10-24 (done)", "open → ", "maybe", "Wins", "Renewal, 12 seats"}
	at := 0
	for _, want := range order {
		i := strings.Index(v[at:], want)
		if i < 0 {
			t.Fatalf("missing %q (in order):\n%s", want, v)
		}
		at += i
	}
	for _, not := range []string{"Acme Corporation", "Globex"} {
		if strings.Contains(v, not) {
			t.Errorf("%s listed:\n%s", not, v)
		}
	}
	_, out := tuitest.Send(s, tuitest.Key("enter"))
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenDetail, ID: recent.ID}) {
		t.Fatalf("enter sent %v", out)
	}
	s, _ = tuitest.Send(s, tuitest.Key("j"))
	_, out = tuitest.Send(s, tuitest.Key("b"))
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenDebrief, ID: old.ID}) {
		t.Fatalf("b on the second No sent %v", out)
	}
	_, out = tuitest.Send(s, tuitest.Key("esc"))
	if len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("esc sent %v", out)
	}
	// Small screens scroll and keep the name first and the selection shown;
	// View only draws (the offset is placed by SetSize and Update).
	for _, sz := range [][2]int{{1, 1}, {20, 5}, {80, 8}} {
		s.SetSize(sz[0], sz[1])
		offset := s.(*Model).offset
		v := tuitest.View(s)
		if !strings.HasPrefix(v, "Acme Corp") || !strings.Contains(v, "› "+string(old.Date)) {
			t.Errorf("%v: name or selection not shown:\n%s", sz, v)
		}
		if tuitest.View(s) != v || s.(*Model).offset != offset {
			t.Errorf("%v: View moved the offset %d -> %d", sz, offset, s.(*Model).offset)
		}
	}
	if v := tuitest.View(s); !strings.Contains(v, "›") {
		t.Errorf("selection not shown at 80×8:\n%s", v)
	}
}

// history is a Store of No's and wins by exact name, or one that fails:
// matching names is the store's job (tested there), and a screen test of
// what is shown needs no journal file.
type history struct {
	nos   map[string][]journal.No
	wins  map[string][]journal.Win
	err   error
	reads *[]int // the No's each read returned
}

// Prospect pages through nos[name] (newest first), limit at a time.
func (h history) Prospect(name string, limit int, before *journal.Cursor) (journal.Prospect, error) {
	all := h.nos[name]
	p := journal.Prospect{Total: len(all)}
	if h.err != nil || len(all) == 0 {
		return p, h.err
	}
	p.Name, p.Latest = all[0].Who, all[0].Outcome
	i := 0
	if before != nil {
		for i < len(all) && all[i].ID != before.ID {
			i++
		}
		i++
	}
	p.Nos = all[i:min(len(all), i+limit)]
	if i+limit < len(all) {
		last := p.Nos[len(p.Nos)-1]
		p.Next = &journal.Cursor{Date: last.Date, ID: last.ID}
	}
	if h.reads != nil {
		*h.reads = append(*h.reads, len(p.Nos))
	}
	return p, nil
}

func (h history) WinsByWho(name string) ([]journal.Win, error) { return h.wins[name], h.err }

// MatchProspects finds no other name: the name typed is read as it is.
func (h history) MatchProspects(string, int) ([]journal.ProspectMatch, bool, error) {
	return nil, false, h.err
}

func TestUnknownProspect(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	db := history{nos: map[string][]journal.No{"Acme Corp": {{ID: 1, Who: "Acme Corp", Date: today}}}}
	var s common.Screen = New(ctx, db, "Initech")
	s.SetSize(80, 24)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "No No's from “Initech” yet.") || !strings.Contains(v, "ignoring case") {
		t.Fatalf("empty state:\n%s", v)
	}
	if _, out := tuitest.Send(s, tuitest.Key("enter")); len(out) != 0 {
		t.Errorf("enter on an empty history sent %v", out)
	}
}

func TestUnreadableHistorySaysSo(t *testing.T) {
	t.Parallel()
	var s common.Screen = New(tuitest.BareContext(), history{err: errors.New("the journal is busy")}, "Acme Corp")
	s.SetSize(80, 24)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "Couldn't read the history: the journal is busy") || !strings.Contains(v, "esc goes back") {
		t.Fatalf("after a failed read:\n%s", v)
	}
	if _, out := tuitest.Send(s, tuitest.Key("esc")); len(out) != 1 || out[0] != (common.Back{}) {
		t.Errorf("esc sent %v", out)
	}
}

// Each No in the history is labelled in its own mode's words.
func TestHistorySpeaksEachNosMode(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	tuitest.Add(t, db, journal.No{Who: "Hooli", Mode: "job", Competitor: "An internal SRE", Date: today.AddDays(-1)})
	var s common.Screen = New(ctx, db, "Hooli")
	s.SetSize(120, 30)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "Stronger profile") || !strings.Contains(v, "An internal SRE") || strings.Contains(v, "Competitor") {
		t.Errorf("a job No in the history:\n%s", v)
	}
}

// A prospect with hundreds of No's opens on one page of them, says how
// many more there are, and reads the next page as the selection nears the
// end of what it has read.
func TestLongHistoryReadsAPageAtATime(t *testing.T) {
	t.Parallel()
	var all []journal.No
	for i := range 130 {
		all = append(all, journal.No{ID: uint64(200 - i), Who: "Acme Corp", Date: today.AddDays(-i), Outcome: journal.OutcomeOpen, Reason: "price"})
	}
	var reads []int
	db := history{nos: map[string][]journal.No{"Acme Corp": all}, reads: &reads}
	var s common.Screen = New(tuitest.BareContext(), db, "Acme Corp")
	s.SetSize(100, 30)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "130 No's · latest: open") || len(reads) != 1 || reads[0] != PageSize {
		t.Fatalf("first view after reads %v:\n%s", reads, v)
	}
	for range PageSize - 2 {
		s, _ = tuitest.Send(s, tuitest.Key("j"))
	}
	if len(reads) != 2 || len(s.(*Model).nos) != 2*PageSize {
		t.Fatalf("near the end of the first page: reads %v, %d No's", reads, len(s.(*Model).nos))
	}
	if _, lines, _, _ := s.(*Model).page(100); !strings.Contains(strings.Join(lines, "\n"), "30 older No's · ↓ reads them") {
		t.Errorf("the count of older No's is not under the list:\n%s", strings.Join(lines, "\n"))
	}
	for range 2 * PageSize {
		s, _ = tuitest.Send(s, tuitest.Key("j"))
	}
	m := s.(*Model)
	if len(m.nos) != 130 || m.next != nil || m.sel != 129 || len(reads) != 3 {
		t.Errorf("at the end: %d No's, next %v, selection %d, reads %v", len(m.nos), m.next, m.sel, reads)
	}
	if _, lines, _, _ := m.page(100); strings.Contains(strings.Join(lines, "\n"), "older No's · ↓") {
		t.Errorf("older No's announced at the end")
	}
}

// A typed start of a name opens its prospect; a name that matches
// several lists them, and enter opens the one chosen.
func TestWhoPicksAmongSeveral(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Reason: "price", Said: "Too dear"})
	tuitest.Add(t, db, journal.No{Who: "Acme Inc", Reason: "timing", Said: "Not this quarter"})
	var s common.Screen = New(ctx, db, "acme c")
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	if v := tuitest.View(s); !strings.HasPrefix(v, "Acme Corp") || !strings.Contains(v, "Too dear") {
		t.Fatalf("acme c:\n%s", v)
	}
	s = New(ctx, db, "acme")
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "“acme” matches 2 prospects. Pick one:") || !strings.Contains(v, "› Acme Corp") || !strings.Contains(v, "  Acme Inc") {
		t.Fatalf("acme:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("j"))
	s, cmd := s.Update(tuitest.Key("enter"))
	s, _ = tuitest.Run(s, cmd)
	if v := tuitest.View(s); !strings.HasPrefix(v, "Acme Inc") || !strings.Contains(v, "Not this quarter") {
		t.Fatalf("after picking Acme Inc:\n%s", v)
	}
	if _, out := tuitest.Send(s, tuitest.Key("p")); len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenPrep, Name: "Acme Inc"}) {
		t.Errorf("p sent %v", out)
	}
}
