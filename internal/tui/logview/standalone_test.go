package logview

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
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
	if got := len(keys); got != 6 || keys[0] != "who" || keys[3] != "reason_source" || keys[5] != "follow_up" {
		t.Fatalf("questions %v", keys)
	}
	if h := s.Questions()[5].Hint; h == "" {
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
