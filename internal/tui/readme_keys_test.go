package tui

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/debriefview"
	"github.com/rebound-coach/rebound/internal/tui/detailview"
	"github.com/rebound-coach/rebound/internal/tui/experimentview"
	"github.com/rebound-coach/rebound/internal/tui/followupsview"
	"github.com/rebound-coach/rebound/internal/tui/homeview"
	"github.com/rebound-coach/rebound/internal/tui/insightsview"
	"github.com/rebound-coach/rebound/internal/tui/journalview"
	"github.com/rebound-coach/rebound/internal/tui/logview"
	"github.com/rebound-coach/rebound/internal/tui/prepview"
	"github.com/rebound-coach/rebound/internal/tui/reflectview"
	"github.com/rebound-coach/rebound/internal/tui/reframeview"
	"github.com/rebound-coach/rebound/internal/tui/reviewview"
	"github.com/rebound-coach/rebound/internal/tui/streakview"
	"github.com/rebound-coach/rebound/internal/tui/welcomeview"
	"github.com/rebound-coach/rebound/internal/tui/whoview"
)

// readmeScreens are the rows of the README's keys table and the KeyMaps
// whose ? help each row describes ("everywhere" is the root's own keys).
func readmeScreens() map[string][]help.KeyMap {
	return map[string][]help.KeyMap{
		"everywhere":          {newKeyMap()},
		"home":                {homeview.DefaultKeys()},
		"log and edit":        {logview.DefaultKeys()},
		"welcome, settings":   {welcomeview.DefaultKeys(true), welcomeview.DefaultKeys(false)},
		"reframe":             {reframeview.HelpKeys()},
		"reflect":             {reflectview.HelpKeys()},
		"journal":             {journalview.DefaultKeys()},
		"one No":              {detailview.DefaultKeys()},
		"their history":       {whoview.DefaultKeys()},
		"prep card":           {prepview.DefaultKeys(), prepview.DefaultKeys().Pick},
		"streak":              {streakview.DefaultKeys()},
		"weekly review":       {reviewview.DefaultKeys()},
		"insights":            {insightsview.DefaultKeys()},
		"start an experiment": {experimentview.DefaultKeys()},
		"follow-ups":          {followupsview.DefaultKeys()},
		"debrief kit":         {debriefview.DefaultKeys(), debriefview.DefaultFormKeys()},
	}
}

// The README's keys table says what every screen's ? help says: each key a
// screen's help lists is in that screen's row (or the "everywhere" row),
// and each key a row names is one the screen has (its list's, or its
// prompts' and questions'). A key added to a screen, or renamed, fails
// here until the README says so.
func TestReadmeKeysMatchEveryScreensHelp(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := readmeKeyRows(t, string(data))
	screens := readmeScreens()
	for name := range rows {
		if _, ok := screens[name]; !ok {
			t.Errorf("the README's keys table has a row %q that no screen matches", name)
		}
	}
	global := rows["everywhere"]
	for name, maps := range screens {
		row, ok := rows[name]
		if !ok {
			t.Errorf("the README's keys table has no row for %q", name)
			continue
		}
		// Every key the help lists is in the README.
		has := map[string]bool{}
		for _, km := range maps {
			for _, group := range km.FullHelp() {
				for _, b := range group {
					for _, k := range helpKeys(b) {
						if !slices.Contains(row, k) && !slices.Contains(global, k) {
							t.Errorf("%s: the help lists %q (%s); the README's row does not", name, k, b.Help().Desc)
						}
					}
				}
			}
			for _, b := range allBindings(km) {
				for _, k := range helpKeys(b) {
					has[k] = true
				}
			}
		}
		// Every key the README names is one the screen has.
		for _, k := range row {
			if !has[k] && !slices.Contains(global, k) {
				t.Errorf("%s: the README names %q, which the screen's keys do not have", name, k)
			}
		}
	}
}

// helpKeys are the keys a binding's help shows: "↑/k" is ↑ and k, "enter
// on last" is enter.
func helpKeys(b key.Binding) []string {
	if b.Help().Key == "/" {
		return []string{"/"}
	}
	var out []string
	for _, part := range strings.Split(b.Help().Key, "/") {
		if f := strings.Fields(part); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// allBindings are every key.Binding a KeyMap holds, in nested structs
// too (a screen's prompts and questions).
func allBindings(km any) []key.Binding {
	var out []key.Binding
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		if v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return
		}
		if b, ok := v.Interface().(key.Binding); ok {
			out = append(out, b)
			return
		}
		for i := range v.NumField() {
			if f := v.Field(i); f.CanInterface() {
				walk(f)
			}
		}
	}
	walk(reflect.ValueOf(km))
	// FullHelp too: a KeyMap built from unexported fields shows its keys there.
	if h, ok := km.(help.KeyMap); ok {
		for _, g := range h.FullHelp() {
			out = append(out, g...)
		}
	}
	return out
}

// readmeKeyRows reads the "## Keys" section's table: each row's screen
// and the keys it names (`x`, `↑`/`↓`, and ranges `1`–`4`).
func readmeKeyRows(t *testing.T, readme string) map[string][]string {
	t.Helper()
	start := strings.Index(readme, "\n## Keys\n")
	if start < 0 {
		t.Fatal("the README has no ## Keys section")
	}
	section := readme[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	tick := regexp.MustCompile("`([^`]+)`(?:–`([^`]+)`)?")
	rows := map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) != 2 || strings.HasPrefix(strings.TrimSpace(cells[0]), "---") || strings.TrimSpace(cells[0]) == "screen" {
			continue
		}
		name := strings.TrimSpace(tick.ReplaceAllString(cells[0], ""))
		name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), "()"))
		var keys []string
		for _, m := range tick.FindAllStringSubmatch(cells[1], -1) {
			if m[2] != "" && len(m[1]) == 1 && len(m[2]) == 1 { // a range: `1`–`4`
				for c := m[1][0]; c <= m[2][0]; c++ {
					keys = append(keys, string(c))
				}
				continue
			}
			keys = append(keys, m[1])
		}
		rows[name] = keys
	}
	if len(rows) == 0 {
		t.Fatal("no rows in the README's keys table")
	}
	return rows
}
