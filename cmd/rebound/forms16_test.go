package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// `rebound log` and `rebound edit ID` through the form print, once saved
// and the app has closed, the line their flag versions print.
func TestFormCommandsPrintWhatTheySaved(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")

	tm := startTerm(t, 80, 24, "--db", db, "log")
	tm.waitFor("┃ Who said no?")
	tm.typeText("Acme Corp")
	for _, title := range []string{"Your contact there", "What did they say", "Why, as far as", "Is that what they told you", "What else weighed", "At what stage", "What would need to change", "Follow up on"} {
		tm.keys("Enter")
		tm.waitFor("┃ " + title)
	}
	tm.keys("Enter")
	s := tm.waitFor("Saved No #1: Acme Corp (")
	if !strings.Contains(s, "no follow-up set.") {
		t.Errorf("log printed:\n%s", s)
	}

	tm = startTerm(t, 80, 24, "--db", db, "edit", "1")
	tm.waitFor("┃ Who said no?")
	for _, title := range []string{"Your contact there", "What did they say", "Why, as far as", "Is that what they told you", "What else weighed", "At what stage", "What would need to change", "Follow up on", "When did it happen", "Where does it stand now"} {
		tm.keys("Tab")
		tm.waitFor("┃ " + title)
	}
	tm.keys("Down", "Down", "Down") // open → following-up → maybe → yes
	tm.waitFor("> yes")
	tm.keys("Enter")
	s = tm.waitFor("That No turned around the same day.")
	if !strings.Contains(s, "Updated No #1: Acme Corp (yes).") {
		t.Errorf("edit printed no celebration:\n%s", s)
	}
}
