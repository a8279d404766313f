package followupsview

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

var today = journal.Today(tuitest.Now) // Monday 2026-11-23

func open(t *testing.T, ctx *common.Context, db *store.Store, w, h int) common.Screen {
	t.Helper()
	var s common.Screen = New(ctx, db)
	s.SetSize(w, h)
	s, _ = tuitest.Run(s, s.Init())
	return s
}

func send(t *testing.T, s common.Screen, keys ...string) (common.Screen, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var o []tea.Msg
		s, o = tuitest.Send(s, tuitest.Key(k))
		out = append(out, o...)
	}
	return s, out
}

func statusOf(out []tea.Msg) string {
	var s []string
	for _, m := range out {
		if st, ok := m.(common.Status); ok {
			s = append(s, st.Text)
		}
	}
	return strings.Join(s, " | ")
}

func get(t *testing.T, ctx *common.Context, db *store.Store, id uint64) journal.No {
	t.Helper()
	n, err := db.GetNo(id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSectionsAndEmptyState(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 80, 24)
	v := tuitest.View(s)
	if !strings.Contains(v, "Nothing to follow up in the next 14 days") || !strings.Contains(v, "press e") {
		t.Fatalf("empty state:\n%s", v)
	}

	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-23), FollowUp: today.AddDays(-3),
		Change: "A line-item quote", Next: "Review every line item"})
	tuitest.Add(t, db, journal.No{Who: "Initech", FollowUp: today, Reason: "price"})
	tuitest.Add(t, db, journal.No{Who: "Globex", FollowUp: today.AddDays(5)})
	tuitest.Add(t, db, journal.No{Who: "Far Future", FollowUp: today.AddDays(15)})
	tuitest.Add(t, db, journal.No{Who: "Unclear Ltd", Date: today.AddDays(-1), Kind: journal.KindNotUnderstood})
	tuitest.Add(t, db, journal.No{Who: "Final Co", Kind: journal.KindFinal})
	tuitest.Add(t, db, journal.No{Who: "Old Ltd", Date: today.AddDays(-45), Kind: journal.KindNotNow})
	s, _ = tuitest.Send(s, common.DataChanged{})
	v = tuitest.View(s)
	order := []string{"1 overdue · 1 today · 1 in the next 14 days · 1 suggested", "Overdue", "Acme Corp", "3 days late",
		"No 23 days ago", "to revisit: A line-item quote · next: Review every line item",
		"Today", "Initech", "due today · No from today", "Too expensive", "Next 14 days", "Globex", "in 5 days",
		"Suggested", "Unclear Ltd", "suggest Tue 2026-11-24", "Not understood — about 2 days after the No"}
	at := 0
	for _, want := range order {
		i := strings.Index(v[at:], want)
		if i < 0 {
			t.Fatalf("missing %q (in order) in:\n%s", want, v)
		}
		at += i
	}
	for _, not := range []string{"Far Future", "Final Co", "Old Ltd"} {
		if strings.Contains(v, not) {
			t.Errorf("%s is listed:\n%s", not, v)
		}
	}
	for _, line := range strings.Split(v, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("line wider than 80: %q", line)
		}
	}
}

func TestDoneOffersNextCheckIn(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", FollowUp: today.AddDays(-2)})
	s := open(t, ctx, db, 80, 24)

	s, out := send(t, s, "x")
	got := get(t, ctx, db, n.ID)
	if !got.FollowUpDone || got.Outcome != journal.OutcomeFollowingUp {
		t.Fatalf("after x: %+v", got)
	}
	if h := got.OutcomeHistory; len(h) != 2 || h[1].Outcome != journal.OutcomeFollowingUp || h[1].At.IsZero() {
		t.Fatalf("history %+v", h)
	}
	if !strings.Contains(statusOf(out), "Done: followed up with Acme Corp. Now following up.") {
		t.Errorf("status %q", statusOf(out))
	}
	// The index no longer lists a done follow-up.
	if fus, _ := db.FollowUps(today.AddDays(30)); len(fus) != 0 {
		t.Fatalf("FollowUps still lists %d", len(fus))
	}
	v := tuitest.View(s)
	if !s.Capturing() || !strings.Contains(v, "Next check-in with Acme Corp on Wed 2026-12-23? y sets it") {
		t.Fatalf("no next check-in offered:\n%s", v)
	}
	s, _ = send(t, s, "y")
	got = get(t, ctx, db, n.ID)
	if got.FollowUp != "2026-12-23" || got.FollowUpDone {
		t.Fatalf("after y: follow-up %s done %v", got.FollowUp, got.FollowUpDone)
	}
	if s.Capturing() {
		t.Error("still asking after y")
	}
	if fus, _ := db.FollowUps("2026-12-23"); len(fus) != 1 {
		t.Fatalf("the next check-in is not in the index")
	}

	// n leaves it done.
	m := tuitest.Add(t, db, journal.No{Who: "Globex", FollowUp: today})
	s, _ = tuitest.Send(s, common.DataChanged{})
	s, _ = send(t, s, "x", "n")
	if got := get(t, ctx, db, m.ID); !got.FollowUpDone || got.FollowUp != today {
		t.Fatalf("after x, n: %+v", got)
	}
}

func TestSnoozeAndReschedule(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", FollowUp: today.AddDays(-4)})
	s := open(t, ctx, db, 80, 24)

	s, _ = send(t, s, "z")
	if got := get(t, ctx, db, n.ID).FollowUp; got != today.AddDays(1) {
		t.Fatalf("z on an overdue follow-up: %s, want tomorrow", got)
	}
	s, out := send(t, s, "Z")
	if got := get(t, ctx, db, n.ID).FollowUp; got != today.AddDays(8) {
		t.Fatalf("Z: %s, want a week after tomorrow", got)
	}
	if !strings.Contains(statusOf(out), "Snoozed Acme Corp to Tue 2026-12-01") {
		t.Errorf("status %q", statusOf(out))
	}

	// s: a typed date; a bad one is explained and the typing kept.
	s, _ = send(t, s, "s")
	if !s.Capturing() {
		t.Fatal("s did not open the date prompt")
	}
	s = tuitest.Type(s, "someday")
	s, _ = send(t, s, "enter")
	v := tuitest.View(s)
	if !strings.Contains(v, `can't read the date "someday"`) || !strings.Contains(v, "someday") || !s.Capturing() {
		t.Fatalf("bad date:\n%s", v)
	}
	for range len("someday") {
		s, _ = send(t, s, "backspace")
	}
	s = tuitest.Type(s, "in 2 weeks")
	s, _ = send(t, s, "enter")
	if got := get(t, ctx, db, n.ID).FollowUp; got != "2026-12-07" {
		t.Fatalf("s in 2 weeks: %s", got)
	}
	// esc cancels the prompt without going back.
	s, _ = send(t, s, "s")
	s, out = send(t, s, "esc")
	if s.Capturing() || len(out) != 0 {
		t.Fatalf("esc in the prompt: capturing %v, sent %v", s.Capturing(), out)
	}
	_, out = send(t, s, "esc")
	if len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("esc did not go back: %v", out)
	}
}

// Triage: z on the first follow-up moves it to tomorrow, and the cursor
// stays where it was, on the follow-up that was next, not on the snoozed
// one in its new place; the same after s (a typed date).
func TestSnoozeKeepsTheCursorOnTheNextToTriage(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	for i, who := range []string{"Acme Corp", "Globex", "Initech", "Hooli"} {
		tuitest.Add(t, db, journal.No{Who: who, Date: today.AddDays(-20), FollowUp: today.AddDays(i - 4)})
	}
	s := open(t, ctx, db, 80, 24)
	if v := tuitest.View(s); !strings.Contains(v, "› Acme Corp") {
		t.Fatalf("the cursor does not start on the first:\n%s", v)
	}
	s, _ = send(t, s, "z")
	if v := tuitest.View(s); !strings.Contains(v, "› Globex") {
		t.Fatalf("after z the cursor is not on the next follow-up:\n%s", v)
	}
	s, _ = send(t, s, "s")
	s = tuitest.Type(s, "in 3 days")
	s, _ = send(t, s, "enter")
	if v := tuitest.View(s); !strings.Contains(v, "› Initech") {
		t.Fatalf("after s the cursor is not on the next follow-up:\n%s", v)
	}
	// Other keys still follow the No: j moves on from there.
	s, _ = send(t, s, "j")
	if v := tuitest.View(s); !strings.Contains(v, "› Hooli") {
		t.Fatalf("j after a snooze:\n%s", v)
	}
}

func TestOutcomeYesCelebrates(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-23), FollowUp: today})
	s := open(t, ctx, db, 80, 24)

	s, _ = send(t, s, "o")
	if !strings.Contains(tuitest.View(s), "Where does Acme Corp stand now?") {
		t.Fatalf("no picker:\n%s", tuitest.View(s))
	}
	s, _ = send(t, s, "right", "right", "enter") // open → following-up → maybe
	got := get(t, ctx, db, n.ID)
	if got.Outcome != journal.OutcomeMaybe || got.FollowUpDone {
		t.Fatalf("maybe: %+v", got)
	}
	s, out := send(t, s, "o", "4")
	got = get(t, ctx, db, n.ID)
	if got.Outcome != journal.OutcomeYes || !got.FollowUpDone {
		t.Fatalf("yes: %+v", got)
	}
	want := "🎉 A yes — a deal! That No turned around after 23 days."
	if !strings.Contains(statusOf(out), want) {
		t.Errorf("status %q", statusOf(out))
	}
	if v := tuitest.View(s); !strings.Contains(v, want) {
		t.Errorf("no celebration on screen:\n%s", v)
	}
	var seq []journal.Outcome
	for _, h := range got.OutcomeHistory {
		seq = append(seq, h.Outcome)
	}
	if len(seq) != 3 || seq[0] != "open" || seq[1] != "maybe" || seq[2] != "yes" {
		t.Errorf("history %v", seq)
	}
	// The celebration goes with the next key.
	s, _ = send(t, s, "j")
	if strings.Contains(tuitest.View(s), "🎉") {
		t.Error("celebration stayed")
	}
}

func TestAcceptSuggestionAndNavigation(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Globex", Kind: journal.KindNotNow, Change: "Try us next month"})
	s := open(t, ctx, db, 80, 24)
	if v := tuitest.View(s); !strings.Contains(v, "suggest Tue 2026-12-01") || !strings.Contains(v, "they mentioned “next month”") {
		t.Fatalf("suggestion:\n%s", v)
	}
	// Never silent: nothing is stored until a.
	if get(t, ctx, db, n.ID).FollowUp != "" {
		t.Fatal("suggestion stored without asking")
	}
	_, out := send(t, s, "x")
	if !strings.Contains(statusOf(out), "no follow-up yet") || get(t, ctx, db, n.ID).FollowUpDone {
		t.Fatalf("x on a suggestion: %q", statusOf(out))
	}
	_, out = send(t, s, "enter")
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenDetail, ID: n.ID}) {
		t.Fatalf("enter sent %v", out)
	}
	_, out = send(t, s, "b")
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenDebrief, ID: n.ID}) {
		t.Fatalf("b sent %v", out)
	}
	_, out = send(t, s, "w")
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenWho, Name: "Globex"}) {
		t.Fatalf("w sent %v", out)
	}
	s, _ = send(t, s, "a")
	if got := get(t, ctx, db, n.ID); got.FollowUp != "2026-12-01" || got.FollowUpDone {
		t.Fatalf("after a: %+v", got)
	}
	v := tuitest.View(s)
	if !strings.Contains(v, "Next 14 days") || strings.Contains(v, "Suggested") {
		t.Fatalf("after accepting:\n%s", v)
	}
}

func TestTinySizesAndHostileText(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	for i := range 30 {
		tuitest.Add(t, db, journal.No{Who: "Evil\x1b]0;pwned\x07 Corp " + string(rune('A'+i)), FollowUp: today.AddDays(i%15 - 5),
			Change: "clear\x1b[2J" + strings.Repeat("x", 300)})
	}
	s := open(t, ctx, db, 80, 24)
	for _, sz := range [][2]int{{1, 1}, {10, 3}, {38, 8}, {80, 24}, {200, 60}} {
		s.SetSize(sz[0], sz[1])
		raw := s.View()
		for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x07"} {
			if strings.Contains(raw, bad) {
				t.Fatalf("%v: view carries %q", sz, bad)
			}
		}
		// The counts come first, cut to the width (20 columns at least),
		// then at least one row: the selected one.
		lines := strings.Split(ansi.Strip(raw), "\n")
		if !strings.HasPrefix(lines[0], "10 overdue · 2 toda") || ansi.StringWidth(lines[0]) > max(20, sz[0]) {
			t.Errorf("%v: first line %q", sz, lines[0])
		}
		want := 2 // the selected row, right under the counts on a tiny screen
		if sz[1] >= 8 {
			want = 3 // under its section's header when there is room
			if strings.TrimSpace(lines[2]) != "Overdue" {
				t.Errorf("%v: no section header: %q", sz, lines[2])
			}
		}
		if len(lines) <= want || !strings.HasPrefix(lines[want], "› Evil") {
			t.Errorf("%v: no selected row under the counts:\n%s", sz, ansi.Strip(raw))
		}
	}
	// Scrolling keeps the selection on screen, placed by Update: View
	// only draws (two views of one state are the same, and move nothing).
	s.SetSize(80, 12)
	for range 25 {
		s, _ = send(t, s, "j")
	}
	offset := s.(*Model).offset
	if offset == 0 {
		t.Fatal("25 rows down and the list has not scrolled")
	}
	v := tuitest.View(s)
	if v2 := tuitest.View(s); v2 != v || s.(*Model).offset != offset {
		t.Fatalf("View changed the model: offset %d -> %d", offset, s.(*Model).offset)
	}
	if !strings.Contains(v, "›") {
		t.Fatalf("selection scrolled away:\n%s", v)
	}
	if n := strings.Count(v, "\n") + 1; n > 12 {
		t.Fatalf("%d lines in a 12-line body", n)
	}
}

func TestMouseWheelMovesSelection(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "First Co", FollowUp: today})
	tuitest.Add(t, db, journal.No{Who: "Second Co", FollowUp: today.AddDays(1)})
	var s common.Screen = New(ctx, db)
	s.SetSize(90, 24)
	s, _ = tuitest.Run(s, s.Init())
	before := tuitest.View(s)
	s, _ = tuitest.Send(s, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	after := tuitest.View(s)
	if !strings.Contains(before, "› First Co") || !strings.Contains(after, "› Second Co") {
		t.Fatalf("wheel did not move the selection:\n%s\n---\n%s", before, after)
	}
}

func footer(s common.Screen) string {
	var out []string
	for _, b := range s.Keys().ShortHelp() {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(out, " · ")
}

// Each prompt's footer names the keys that work in it, and they do.
func TestPromptKeysDoWhatTheFooterSays(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	a := tuitest.Add(t, db, journal.No{Who: "Acme Corp", FollowUp: today})
	tuitest.Add(t, db, journal.No{Who: "Globex", FollowUp: today.AddDays(3)})
	s := open(t, ctx, db, 80, 24)

	// g and G (in the ? help) jump to the ends.
	s, _ = send(t, s, "G")
	if !strings.Contains(tuitest.View(s), "› Globex") {
		t.Fatalf("G did not reach the last row:\n%s", tuitest.View(s))
	}
	s, _ = send(t, s, "g")
	if !strings.Contains(tuitest.View(s), "› Acme Corp") {
		t.Fatalf("g did not reach the first row:\n%s", tuitest.View(s))
	}

	s, _ = send(t, s, "o")
	if got := footer(s); got != "←/→ choose · 1-5 set that one · enter set · esc cancel" {
		t.Errorf("outcome footer %q", got)
	}
	s, _ = send(t, s, "2") // sets following-up at once, as the footer says
	if got := get(t, ctx, db, a.ID).Outcome; got != journal.Outcomes[1] {
		t.Fatalf("picked %q, want %q", got, journal.Outcomes[1])
	}

	s, _ = send(t, s, "x")
	if got := footer(s); got != "y/enter set the next check-in · any other key leave it done" {
		t.Errorf("next check-in footer %q", got)
	}
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	if got := get(t, ctx, db, a.ID); got.FollowUpDone || got.FollowUp == today {
		t.Fatalf("enter did not set the next check-in: %s done %v", got.FollowUp, got.FollowUpDone)
	}

	s, _ = send(t, s, "s")
	if got := footer(s); got != "enter set the date · esc cancel" {
		t.Errorf("date footer %q", got)
	}
	s, _ = send(t, s, "esc")
	if s.Capturing() || footer(s) != footer(New(ctx, db)) {
		t.Errorf("esc left the date prompt open: %q", footer(s))
	}
}
