package logview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The standalone form asks the screen's questions and checks the same way.
func TestStandaloneQuestionsAndSave(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := NewStandalone(ctx, db)
	var keys []string
	for _, q := range s.Questions() {
		keys = append(keys, q.Field.GetKey())
	}
	// Sales asks the stage and the other reasons too (modefields.go).
	if got := strings.Join(keys, " "); got != "who contact said reason reason_source secondary_reasons stage change follow_up" {
		t.Fatalf("questions %v", keys)
	}
	if h := s.Questions()[8].Hint; h == "" {
		t.Fatal("the follow-up question has no hint")
	}
	if _, err := s.Save(); err == nil || !journal.IsValidation(err) {
		t.Fatalf("saved a No without who: %v", err)
	}
	s.m.vals.Who, s.m.vals.Reason, s.m.vals.FollowUp = "  Acme  ", "price", "tomorrow"
	n, err := s.Save()
	if err != nil || n.ID == 0 || n.Who != "Acme" || n.FollowUp != "2026-11-24" {
		t.Fatalf("saved %+v %v", n, err)
	}
}

// The contact is asked after who, saved on the No and shown again on edit;
// an accessible reader hears what each reason covers in its label.
func TestContactIsAskedAndKept(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := NewStandalone(ctx, db)
	q := s.Questions()[1]
	if q.Field.GetKey() != "contact" || !strings.Contains(q.Hint, "debrief e-mail greets") {
		t.Fatalf("second question %q, hint %q", q.Field.GetKey(), q.Hint)
	}
	s.m.vals.Who, s.m.vals.Contact = "Globex Inc", "  Dana  "
	n, err := s.Save()
	if err != nil || n.Contact != "Dana" {
		t.Fatalf("saved contact %q (%v)", n.Contact, err)
	}
	e := NewStandaloneEdit(ctx, db, n)
	if e.m.vals.Contact != "Dana" {
		t.Fatalf("the edit form shows contact %q", e.m.vals.Contact)
	}
	e.m.vals.Contact = ""
	if n, err = e.Save(); err != nil || n.Contact != "" {
		t.Fatalf("clearing the contact kept %q (%v)", n.Contact, err)
	}
	reason := s.Questions()[3]
	if got := reason.Field.View(); !strings.Contains(strings.Join(strings.Fields(got), " "), "Too expensive — The price felt too high") {
		t.Errorf("accessible reason options lack their hints:\n%s", got)
	}
}

// The form speaks the mode: who said no and the contact in its words, no
// "a person or a company" for a teacher or a friend.
func TestLogFormSpeaksTheMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ mode, who, whoHint, contact string }{
		{"sales", "Who said no?", "The prospect", "Your contact there"},
		{"job", "Which employer said no?", "The employer", "Who told you?"},
		{"school", "Which teacher graded it?", "The teacher", "Who gives feedback"},
		{"personal", "Who said no?", "The person you invited.", "What do you call them?"},
	} {
		ctx := tuitest.BareContext()
		ctx.Settings.Mode = tc.mode
		var s common.Screen = New(ctx, nil)
		s.SetSize(110, 40)
		s, _ = tuitest.Run(s, s.Init())
		v := tuitest.View(s)
		for _, want := range []string{tc.who, tc.whoHint, tc.contact} {
			if !strings.Contains(v, want) {
				t.Errorf("%s: the log form lacks %q:\n%s", tc.mode, want, v)
			}
		}
		if strings.Contains(v, "company") && tc.mode != "sales" && tc.mode != "job" {
			t.Errorf("%s: the log form says company:\n%s", tc.mode, v)
		}
	}
}

// Choosing a reason explains it: the description under the list follows
// the highlighted reason.
func TestLogFormExplainsTheHighlightedReason(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	var s common.Screen = New(ctx, nil)
	s.SetSize(110, 50)
	s, _ = tuitest.Run(s, s.Init())
	if v := tuitest.View(s); !strings.Contains(v, "the highlighted reason is explained here") {
		t.Errorf("the reason list does not say it explains the highlighted reason:\n%s", v)
	}
	s = tuitest.Type(s, "Acme")
	for range 3 { // who, contact, said
		s, _ = tuitest.Send(s, tuitest.Key("tab"))
	}
	s, _ = tuitest.Send(s, tuitest.Key("down"))
	if v := tuitest.View(s); !strings.Contains(v, "The price felt too high for what they would get.") {
		t.Fatalf("Too expensive is highlighted but not explained:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("down"))
	if v := tuitest.View(s); !strings.Contains(v, "The money is not there this quarter or this year.") {
		t.Fatalf("No budget is highlighted but not explained:\n%s", v)
	}
}
