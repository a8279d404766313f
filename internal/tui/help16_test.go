package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// ? inside a form lists the keys that work there: q is a letter in a
// form (it does not go back), so the help does not say "q back"; ctrl+c
// still quits.
func TestFormHelpDoesNotOfferQ(t *testing.T) {
	t.Parallel()
	m := newcomerApp(t, 80, 24)
	press(m, "n", "A", "enter", "enter", "W", "tab") // on to the reason list
	press(m, "?")
	v := ansi.Strip(m.View().Content)
	if !m.showHelp || !strings.Contains(v, "Keys — Log a No") {
		t.Fatalf("? on the reason list:\n%s", v)
	}
	if regexp.MustCompile(`(?m)^\s*q\s+(back|quit)\s*$`).MatchString(v) || !regexp.MustCompile(`(?m)^\s*ctrl\+c\s+quit\s*$`).MatchString(v) {
		t.Errorf("the form's help offers q or lacks ctrl+c:\n%s", v)
	}
	press(m, "x", "q")
	if m.top().Title() != "Log a No" {
		t.Fatalf("q in the form left it for %q", m.top().Title())
	}
}

// Home's ? help names each key once: ? and q are the root's lines, not
// home's too.
func TestHomeHelpNamesEachKeyOnce(t *testing.T) {
	t.Parallel()
	m := newcomerApp(t, 80, 24)
	press(m, "?")
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	v := strings.Join(lines[:len(lines)-1], "\n") // the help, not the footer
	for _, re := range []string{`(?m)(^|\s)\?\s+help(\s|$)`, `(?m)(^|\s)q\s+quit(\s|$)`} {
		if n := len(regexp.MustCompile(re).FindAllString(v, -1)); n != 1 {
			t.Errorf("%s: %d times in\n%s", re, n, v)
		}
	}
}
