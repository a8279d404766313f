package tui

import (
	"image/color"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/detailview"
	"github.com/rebound-coach/rebound/internal/tui/homeview"
	"github.com/rebound-coach/rebound/internal/tui/journalview"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func TestHomeEmptyStateAndKeys(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	var s common.Screen = homeview.New(ctx, db)
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "No No's yet — press n right after your next call") {
		t.Fatalf("empty home:\n%s", v)
	}
	_, out := tuitest.Send(s, tuitest.Key("n"))
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenLog}) {
		t.Fatalf("n sent %v", out)
	}
	_, out = tuitest.Send(s, tuitest.Key("j"))
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenJournal}) {
		t.Fatalf("j sent %v", out)
	}
}

func TestHomeCountsAndWaiting(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: "too pricey", Reason: "price"})
	tuitest.Add(t, db, journal.No{Who: "Globex", Date: today.AddDays(-1)})
	tuitest.Add(t, db, journal.No{Who: "Reframed Inc", Reason: "timing", Change: "Next quarter", Lesson: "Ask about budget cycles"})
	tuitest.Add(t, db, journal.No{Who: "Due Today", FollowUp: today})
	var s common.Screen = homeview.New(ctx, db)
	s.SetSize(100, 20)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	for _, want := range []string{"3 No's today", "waiting to be reframed", "1 follow-up due today", "Acme Corp", "Globex"} {
		if !strings.Contains(v, want) {
			t.Errorf("home lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Reframed Inc") {
		t.Errorf("a reframed No is listed as waiting:\n%s", v)
	}
	// enter opens the selected waiting No.
	_, out := tuitest.Send(s, tuitest.Key("enter"))
	if len(out) != 1 {
		t.Fatalf("enter sent %v", out)
	}
	if nav, ok := out[0].(common.Navigate); !ok || nav.To != common.ScreenReframe {
		t.Fatalf("enter sent %#v", out[0])
	}
}

func TestJournalListFilterDelete(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "Oldest Ltd", Date: today.AddDays(-30), Reason: "budget"})
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today, Reason: "hidden-fees", Said: "surprise fees"})
	tuitest.Add(t, db, journal.No{Who: "Globex", Date: today.AddDays(-2), Reason: "timing"})
	var s common.Screen = journalview.New(ctx, db)
	s.SetSize(90, 20)
	// Before the first page arrives it says so, not "0 No's".
	if v := tuitest.View(s); !strings.Contains(v, "Reading the journal") || strings.Contains(v, "0 No's") {
		t.Fatalf("before the first page:\n%s", v)
	}
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	ia, ig, io := strings.Index(v, "Acme Corp"), strings.Index(v, "Globex"), strings.Index(v, "Oldest Ltd")
	if ia < 0 || ig < 0 || io < 0 || !(ia < ig && ig < io) {
		t.Fatalf("not newest first:\n%s", v)
	}
	if !strings.Contains(v, "Hidden fees") && !strings.Contains(v, "hidden") {
		t.Errorf("reason label missing:\n%s", v)
	}
	// Filter by text.
	s, _ = tuitest.Send(s, tuitest.Key("/"))
	if !s.Capturing() {
		t.Fatal("/ did not focus the filter")
	}
	s = tuitest.Type(s, "glob")
	v = tuitest.View(s)
	if !strings.Contains(v, "Globex") || strings.Contains(v, "Acme Corp") {
		t.Fatalf("filter 'glob':\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	// Delete asks first; n keeps it.
	s, _ = tuitest.Send(s, tuitest.Key("d"))
	if !strings.Contains(tuitest.View(s), "Delete No #3") {
		t.Fatalf("no confirm:\n%s", tuitest.View(s))
	}
	s, _ = tuitest.Send(s, tuitest.Key("n"))
	if _, err := db.GetNo(3); err != nil {
		t.Fatal("n deleted the No")
	}
	s, _ = tuitest.Send(s, tuitest.Key("d"))
	s, _ = tuitest.Send(s, tuitest.Key("y"))
	if _, err := db.GetNo(3); err == nil {
		t.Fatal("y did not delete")
	}
	if v := tuitest.View(s); strings.Contains(v, "Globex") {
		t.Fatalf("deleted No still listed:\n%s", v)
	}
}

func TestJournalPagesThroughManyNos(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	nos := make([]journal.No, 450) // in batches: one commit each would take seconds
	for i := range nos {
		nos[i] = journal.No{Who: "Company " + string(rune('A'+i%26)), Date: today.AddDays(-i), Mode: "sales"}
	}
	if err := db.SeedNos(nos); err != nil {
		t.Fatal(err)
	}
	var s common.Screen = journalview.New(ctx, db)
	s.SetSize(80, 12)
	s, _ = tuitest.Run(s, s.Init())
	if v := tuitest.View(s); !strings.Contains(v, "1 of 450") {
		t.Fatalf("first page:\n%s", v)
	}
	// One G reaches the oldest No.
	s, _ = tuitest.Send(s, tuitest.Key("G"))
	v := tuitest.View(s)
	if !strings.Contains(v, "450 of 450") {
		t.Fatalf("after G:\n%s", v)
	}
	// Only visible rows are drawn.
	if n := strings.Count(v, "Company"); n > 12 {
		t.Fatalf("rendered %d rows in a 12-line screen", n)
	}
}

func TestDetailShowsEverythingAndDeletes(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: "We're worried about hidden fees.", Reason: "hidden-fees",
		Kind: journal.KindNotUnderstood, Change: "A line-item quote", Lesson: "Show every fee up front", FollowUp: "2026-12-04"})
	var s common.Screen = detailview.New(ctx, db, n.ID)
	s.SetSize(90, 25)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	for _, want := range []string{"Acme Corp", "hidden fees", "A line-item quote", "Show every fee up front", "2026-12-04", "Not understood"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	_, out := tuitest.Send(s, tuitest.Key("e"))
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenEdit, ID: n.ID}) {
		t.Fatalf("e sent %v", out)
	}
	s, _ = tuitest.Send(s, tuitest.Key("d"))
	_, out = tuitest.Send(s, tuitest.Key("y"))
	if _, err := db.GetNo(n.ID); err == nil {
		t.Fatal("not deleted")
	}
	if len(out) == 0 {
		t.Fatal("delete did not go back")
	}
}

func TestDetailRendersHostileTextInert(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Evil\x1b]0;pwned\x07 Corp", Said: "clear\x1b[2J\x1b[Hscreen \x9b2J\xff"})
	var s common.Screen = detailview.New(ctx, db, n.ID)
	s.SetSize(90, 25)
	s, _ = tuitest.Run(s, s.Init())
	raw := s.View()
	for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x1b[H", "\x9b", "\x07"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("view carries %q", bad)
		}
	}
}

func TestRootTooSmallAndResize(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	for _, size := range [][2]int{{20, 6}, {10, 3}, {1, 1}, {80, 24}, {200, 60}, {39, 9}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := m.View().Content
		if size[0] >= 20 && size[1] >= 6 && (size[0] < minWidth || size[1] < minHeight) {
			if !strings.Contains(v, "too small") && !strings.Contains(v, "small") {
				t.Errorf("%v: no notice: %q", size, v)
			}
		}
		lines := strings.Split(ansi.Strip(v), "\n")
		if size[0] < minWidth || size[1] < minHeight {
			// The notice, a line at most as wide as the screen, no taller.
			first := strings.TrimSuffix(lines[0], "…")
			if (first == "" && lines[0] != "…") || !strings.HasPrefix("Terminal too small", first) || len(lines) > size[1] {
				t.Errorf("%v: notice %q", size, lines)
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("%v: notice line wider than the screen: %q", size, l)
				}
			}
			continue
		}
		// The header, then home; no taller than the screen.
		if !strings.HasPrefix(strings.TrimSpace(lines[0]), "rebound › Home") || len(lines) > size[1] {
			t.Errorf("%v: %d lines, header %q", size, len(lines), lines[0])
		}
	}
	// The log form survives a resize in the middle of typing.
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(common.Navigate{To: common.ScreenLog})
	m.Update(tea.WindowSizeMsg{Width: 20, Height: 6})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "rebound › Log a No") || !strings.Contains(v, "Who said no?") {
		t.Errorf("after resizing the log form:\n%s", v)
	}
}

var _ = store.Query{}

// The theme follows the terminal: a light background reply rebuilds the
// styles (and the form theme built from them) for a light terminal.
func TestThemeFollowsBackground(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	if !ctx.Styles.IsDark {
		t.Fatal("expected the dark default before the terminal answers")
	}
	dark := ctx.Styles.Text.GetForeground()
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if ctx.Styles.IsDark || ctx.Styles.Text.GetForeground() == dark {
		t.Fatalf("a light background kept the dark theme")
	}
}

// While the delete question is open the footer shows its keys, and any
// key but y keeps the No.
func TestDetailDeleteQuestionFooter(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	var s common.Screen = detailview.New(ctx, db, n.ID)
	s.SetSize(90, 25)
	s, _ = tuitest.Run(s, s.Init())
	s, _ = tuitest.Send(s, tuitest.Key("d"))
	var keys []string
	for _, b := range s.Keys().ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(keys, " · "); got != "y delete · any other key keep it" {
		t.Errorf("footer while asking: %q", got)
	}
	if v := tuitest.View(s); !strings.Contains(v, "Delete No #1? y deletes · any other key keeps it") {
		t.Errorf("no question:\n%s", v)
	}
	s, out := tuitest.Send(s, tuitest.Key("r")) // r reframes elsewhere; here it answers no
	if _, err := db.GetNo(n.ID); err != nil || s.Capturing() || len(out) != 1 || out[0] != (common.Status{Text: "Kept it."}) {
		t.Fatalf("r while asking: err %v, capturing %v, sent %v", err, s.Capturing(), out)
	}
}

// The ? help lists the root's keys as they work on this screen: q quits
// from the first screen and goes back from the others. Drawing it twice
// draws the same (View changes nothing).
func TestRootHelpSaysWhatQDoes(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 30})
	m.Update(tuitest.Key("?"))
	v := ansi.Strip(m.View().Content)
	has := func(v, key, desc string) bool {
		return regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(key) + ` +` + desc + `\s*$`).MatchString(v)
	}
	if !has(v, "q", "quit") || has(v, "q", "back") || v != ansi.Strip(m.View().Content) {
		t.Errorf("help on home:\n%s", v)
	}
	m.Update(tuitest.Key("x")) // any key closes it
	m.Update(common.Navigate{To: common.ScreenStreak})
	m.Update(tuitest.Key("?"))
	v = ansi.Strip(m.View().Content)
	if !has(v, "q", "back") || !has(v, "ctrl+c", "quit") {
		t.Errorf("help on a second screen:\n%s", v)
	}
	m.Update(tuitest.Key("x"))
	footer := ansi.Strip(m.View().Content)
	if strings.Contains(footer, "any key closes this help") {
		t.Fatalf("the help stayed open:\n%s", footer)
	}
	_, cmd := m.Update(tuitest.Key("q"))
	if len(m.stack) != 1 || cmd == nil {
		t.Fatalf("q on the second screen: %d screens", len(m.stack))
	}
}

// y deletes the No the question named, even when a reload meanwhile (a No
// logged in another terminal) put another one under the cursor. While the
// filter is typed into, the footer shows the filter's keys.
func TestJournalDeletesTheNoItAskedAbout(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	asked := tuitest.Add(t, db, journal.No{Who: "Asked About Co", Date: today.AddDays(-1)})
	var s common.Screen = journalview.New(ctx, db)
	s.SetSize(90, 20)
	s, _ = tuitest.Run(s, s.Init())
	s, _ = tuitest.Send(s, tuitest.Key("d"))
	other := tuitest.Add(t, db, journal.No{Who: "Newer Co", Date: today})
	s, _ = tuitest.Send(s, common.DataChanged{})
	if v := tuitest.View(s); !strings.Contains(v, "Delete No #1 (Asked About Co)?") {
		t.Fatalf("the question changed:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("y"))
	if _, err := db.GetNo(asked.ID); err == nil {
		t.Error("the No asked about is still there")
	}
	if _, err := db.GetNo(other.ID); err != nil {
		t.Errorf("another No was deleted: %v", err)
	}

	s, _ = tuitest.Send(s, tuitest.Key("/"))
	var keys []string
	for _, b := range s.Keys().ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(keys, " · "); got != "enter open the top match · ↓/↑ to the list · esc clear the filter" {
		t.Errorf("footer while filtering: %q", got)
	}
}
