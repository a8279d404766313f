package logview

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// editAfterOutsideChange opens the edit form on a No, then changes the
// stored No "from another terminal" with patch, as `rebound edit` does.
func editAfterOutsideChange(t *testing.T, patch func(*journal.No)) (*store.Store, journal.No, *Model) {
	t.Helper()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: "Too pricey."})
	m := Edit(ctx, db, n)
	m.SetSize(100, 28)
	if _, err := db.PatchNo(n.ID, ctx.Now().Add(time.Minute), func(p *journal.No) error { patch(p); return nil }); err != nil {
		t.Fatal(err)
	}
	return db, n, m
}

// A TUI edit saved after a CLI edit of another field keeps both.
func TestEditSavedAfterOutsideEditKeepsBoth(t *testing.T) {
	t.Parallel()
	db, n, m := editAfterOutsideChange(t, func(p *journal.No) { p.Lesson = "X from the CLI" })
	m.vals.Said = "Too pricey for this quarter."
	var s common.Screen = m
	s, _ = tuitest.Run(s, m.save())
	got, err := db.GetNo(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lesson != "X from the CLI" || got.Said != "Too pricey for this quarter." {
		t.Fatalf("stored lesson %q, said %q; want both edits\n%s", got.Lesson, got.Said, tuitest.View(s))
	}
}

// The same field changed on both sides is shown with both values; nothing
// is written until the user chooses, and "keep both" keeps every word.
func TestEditConflictShowsBothAndLetsTheUserPick(t *testing.T) {
	t.Parallel()
	db, n, m := editAfterOutsideChange(t, func(p *journal.No) { p.Said = "Budget is frozen." })
	m.vals.Said = "Too pricey, they said twice."
	var s common.Screen = m
	s, _ = tuitest.Run(s, m.save())
	view := tuitest.View(s)
	for _, want := range []string{"changed elsewhere", "Too pricey, they said twice.", "Budget is frozen.", "b keep both"} {
		if !strings.Contains(view, want) {
			t.Fatalf("conflict view lacks %q:\n%s", want, view)
		}
	}
	if got, _ := db.GetNo(n.ID); got.Said != "Budget is frozen." {
		t.Fatalf("written before the user chose: %q", got.Said)
	}
	// esc goes back to the form with the typing intact.
	s, _ = tuitest.Send(s, tuitest.Key("esc"))
	if m := s.(*Model); m.chooser != nil || m.vals.Said != "Too pricey, they said twice." {
		t.Fatalf("esc lost the typing or kept the chooser: %+v", m.vals)
	}
	// Saving again asks again; b keeps both.
	s, _ = tuitest.Run(s, s.(*Model).save())
	s, _ = tuitest.Send(s, tuitest.Key("b"))
	got, _ := db.GetNo(n.ID)
	if got.Said != "Budget is frozen.\nToo pricey, they said twice." {
		t.Fatalf("after keep both: %q\n%s", got.Said, tuitest.View(s))
	}
}

// The form asks whose reason it is: a guess is kept as the assumed reason
// (insights never count it as theirs), what they said as the reason; an
// edit shows a guess as a guess and moves it when the answer changes.
func TestReasonIsTheirsOrAGuess(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := NewStandalone(ctx, db)
	s.m.vals.Who, s.m.vals.Reason = "Acme", "price"
	n, err := s.Save()
	if err != nil || n.Reason != "" || n.Assumed != "price" {
		t.Fatalf("a guess saved as reason %q, assumed %q (%v)", n.Reason, n.Assumed, err)
	}
	e := NewStandaloneEdit(ctx, db, n)
	if e.m.vals.Reason != "price" || e.m.vals.Source != "guess" {
		t.Fatalf("the edit form shows %q/%q", e.m.vals.Reason, e.m.vals.Source)
	}
	e.m.vals.Source = "said"
	n, err = e.Save()
	if err != nil || n.Reason != "price" || n.Assumed != "price" {
		t.Fatalf("they told me: reason %q, assumed %q (%v)", n.Reason, n.Assumed, err)
	}
}
