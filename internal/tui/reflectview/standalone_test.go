package reflectview

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func TestBreathingTextSaysThePaceInWords(t *testing.T) {
	t.Parallel()
	got := BreathingText(ritual.NewBreath([]string{"Inhale slowly", "Hold", "Exhale slowly"}, []int{4, 2, 6}, 60))
	want := "Inhale slowly for 4 s, hold for 2 s, exhale slowly for 6 s — repeat for a minute, about 5 rounds."
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	got = BreathingText(ritual.NewBreath([]string{"Breathe in", "Breathe out"}, []int{5, 5}, 120))
	if want := "Breathe in for 5 s, breathe out for 5 s — repeat for 2 minutes, about 12 rounds."; got != want {
		t.Fatalf("got %q", got)
	}
}

func TestStandaloneAsksTheScreensQuestions(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s, err := NewStandalone(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"mood", "answer", "ritual", "win", "intention"}
	for i, k := range keys {
		if got := s.Question(i + 1).Field.GetKey(); got != k {
			t.Fatalf("step %d asks %q, want %q", i+1, got, k)
		}
	}
	if got := Indicator(3); got != "Step 3 of 5 · Bounce back" {
		t.Fatalf("indicator %q", got)
	}
	if s.m.prompt.Text == "" {
		t.Fatal("no prompt picked for today")
	}
}
