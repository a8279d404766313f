package journalview

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// seeded is the journal screen over n No's, "No 0000" the oldest (one a
// day, newest today), loaded at w×h.
func seeded(t *testing.T, n, w, h int, fill func(i int, no *journal.No)) (*Model, *store.Store) {
	t.Helper()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	nos := make([]journal.No, n)
	for i := range nos {
		nos[i] = journal.No{Who: fmt.Sprintf("No %04d", i), Date: today.AddDays(i - n + 1), Mode: "sales", Said: "not now"}
		if fill != nil {
			fill(i, &nos[i])
		}
	}
	if err := db.SeedNos(nos); err != nil {
		t.Fatal(err)
	}
	m := New(ctx, db)
	m.SetSize(w, h)
	s, _ := tuitest.Run(m, m.Init())
	return s.(*Model), db
}

func press(t *testing.T, m *Model, keys ...string) []any {
	t.Helper()
	var out []any
	for _, k := range keys {
		s, msgs := tuitest.Send(m, tuitest.Key(k))
		if s != m {
			t.Fatalf("the screen was replaced")
		}
		for _, msg := range msgs {
			out = append(out, msg)
		}
	}
	return out
}

func selected(t *testing.T, m *Model) string {
	t.Helper()
	r, ok := m.Selected()
	if !ok {
		t.Fatalf("nothing selected:\n%s", tuitest.View(m))
	}
	return r.Who
}

// G goes to the oldest No at once and the count line has the true total,
// holding a bounded window of rows; scrolling up from there reads the pages
// above, and g goes back to the newest.
func TestGJumpsToTheOldestNoWithTheTrueCount(t *testing.T) {
	t.Parallel()
	const n = 1500
	m, _ := seeded(t, n, 80, 20, nil)
	if v := tuitest.View(m); !strings.Contains(v, "1 of 1,500") {
		t.Fatalf("the count line lacks the total:\n%s", v)
	}
	press(t, m, "G")
	if got := selected(t, m); got != "No 0000" {
		t.Fatalf("G selected %q, not the oldest No:\n%s", got, tuitest.View(m))
	}
	if v := tuitest.View(m); !strings.Contains(v, "1,500 of 1,500") || !strings.Contains(v, "No 0000") {
		t.Fatalf("after G:\n%s", v)
	}
	// Up 700 rows from the bottom: every row is where it belongs.
	for i := 1; i <= 700; i++ {
		press(t, m, "up")
		if len(m.rows) > maxRows {
			t.Fatalf("the screen holds %d rows", len(m.rows))
		}
		if got, want := selected(t, m), fmt.Sprintf("No %04d", i); got != want {
			t.Fatalf("%d up from the bottom: %q, want %q", i, got, want)
		}
	}
	if v := tuitest.View(m); !strings.Contains(v, "800 of 1,500") {
		t.Fatalf("700 up from the bottom:\n%s", v)
	}
	press(t, m, "g")
	if got := selected(t, m); got != "No 1499" || m.base != 0 {
		t.Fatalf("g selected %q (window at %d)", got, m.base)
	}
	// Down again past the first pages: the window slides, the count follows.
	for range 650 {
		press(t, m, "down")
	}
	if got := selected(t, m); got != "No 0849" || len(m.rows) > maxRows {
		t.Fatalf("650 down: %q, %d rows held", got, len(m.rows))
	}
	if v := tuitest.View(m); !strings.Contains(v, "651 of 1,500") {
		t.Fatalf("650 down:\n%s", v)
	}
}

// A change while the window is in the middle of the listing keeps the
// cursor on its row and the count true.
func TestReloadKeepsTheWindowInPlace(t *testing.T) {
	t.Parallel()
	m, db := seeded(t, 900, 80, 20, nil)
	press(t, m, "G")
	for range 400 {
		press(t, m, "up")
	}
	want := selected(t, m) // No 0400
	tuitest.Add(t, db, journal.No{Who: "Newest"})
	s, _ := tuitest.Send(m, common.DataChanged{})
	m = s.(*Model)
	if got := selected(t, m); got != want {
		t.Fatalf("after a change the cursor is on %q, was on %q", got, want)
	}
	if v := tuitest.View(m); !strings.Contains(v, "501 of 901") {
		t.Fatalf("after a change:\n%s", v)
	}
}

// In the filter, enter opens the top match (the filter applies as it is
// typed: there is nothing left to apply); ↓ goes to the list instead. Two
// esc from a filter reach home: the first clears it, the second goes back.
func TestFilterEnterOpensAndTwoEscGoHome(t *testing.T) {
	t.Parallel()
	m, _ := seeded(t, 30, 80, 20, func(i int, n *journal.No) {
		if i == 7 {
			n.Who = "Globex"
		}
	})
	press(t, m, "/")
	tuitest.Type(m, "glob")
	out := press(t, m, "enter")
	if len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenDetail, ID: 8}) {
		t.Fatalf("enter in the filter sent %v, want to open No #8", out)
	}
	if m.Capturing() || !strings.Contains(tuitest.View(m), "/ glob") {
		t.Fatalf("back from the No, the filtered list is not focused:\n%s", tuitest.View(m))
	}
	if out := press(t, m, "esc"); len(out) != 0 || m.filter.Value() != "" {
		t.Fatalf("the first esc sent %v, filter %q", out, m.filter.Value())
	}
	if out := press(t, m, "esc"); len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("the second esc sent %v", out)
	}
	// Typing, then esc, esc: the same two.
	m2, _ := seeded(t, 5, 80, 20, nil)
	press(t, m2, "/")
	tuitest.Type(m2, "no 3")
	if out := press(t, m2, "esc", "esc"); len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("esc, esc from the filter sent %v", out)
	}
	// ↓ leaves the filter for the list without opening.
	m3, _ := seeded(t, 5, 80, 20, nil)
	press(t, m3, "/")
	tuitest.Type(m3, "no")
	if out := press(t, m3, "down"); len(out) != 0 || m3.Capturing() {
		t.Fatalf("↓ in the filter sent %v (capturing %v)", out, m3.Capturing())
	}
	// Enter before the typed filter's rows land opens the match once they do.
	press(t, m3, "/")
	m3.filter.SetValue("no 0003")
	cmd := m3.read(loadTop)
	s, early := tuitest.Send(m3, tuitest.Key("enter"))
	if len(early) != 0 {
		t.Fatalf("enter opened %v before the rows landed", early)
	}
	_, late := tuitest.Run(s, cmd)
	if len(late) != 1 || late[0] != (common.Navigate{To: common.ScreenDetail, ID: 4}) {
		t.Fatalf("once the rows landed, enter's open sent %v", late)
	}
}

// The filter also matches the outcome the row shows, and the names the app
// gives it ("let go" is closed); "foll" is still a word of the text.
func TestFilterMatchesTheOutcomeShown(t *testing.T) {
	t.Parallel()
	m, _ := seeded(t, 12, 100, 30, func(i int, n *journal.No) {
		n.Who = []string{"Acme", "Globex", "Initech"}[i%3]
		n.Outcome = []journal.Outcome{journal.OutcomeClosed, journal.OutcomeFollowingUp, journal.OutcomeOpen, journal.OutcomeMaybe}[i%4]
		if i == 5 {
			n.Said = "I'll follow the news"
		}
	})
	rows := func(filter string) []string {
		t.Helper()
		m.filter.SetValue(filter)
		s, _ := tuitest.Run(m, m.read(loadTop))
		var out []string
		for _, r := range s.(*Model).rows {
			out = append(out, fmt.Sprintf("%s %s", r.Who, r.Outcome))
		}
		return out
	}
	for _, c := range []struct {
		filter string
		want   int
		only   *regexp.Regexp
	}{
		{"let go", 3, regexp.MustCompile(`closed$`)},
		{"closed", 3, regexp.MustCompile(`closed$`)},
		{"following up", 3, regexp.MustCompile(`following-up$`)},
		{"acme following-up", 1, regexp.MustCompile(`^Acme following-up$`)},
		{"Globex Maybe", 1, regexp.MustCompile(`^Globex maybe$`)},
		{"foll", 1, regexp.MustCompile(`^Initech`)}, // the text's "follow", not an outcome
	} {
		got := rows(c.filter)
		if len(got) != c.want {
			t.Errorf("filter %q: %d rows %v, want %d", c.filter, len(got), got, c.want)
		}
		for _, r := range got {
			if !c.only.MatchString(r) {
				t.Errorf("filter %q listed %q", c.filter, r)
			}
		}
	}
	if v := tuitest.View(m); !strings.Contains(v, "1 of 1") {
		t.Errorf("the count of a filter:\n%s", v)
	}
}

// WHO, REASON and OUTCOME share the width by what the visible rows hold:
// at 120 columns nothing is cut and WHO is no wider than its longest name;
// at 80 the long reason gives way before the names do.
func TestColumnsShareTheWidthByNeed(t *testing.T) {
	t.Parallel()
	reasons := []string{"waiting", "hidden-fees", "price", "misunderstood"}
	for _, w := range []int{80, 120} {
		m, _ := seeded(t, 8, w-2, 20, func(i int, n *journal.No) {
			n.Who = []string{"Prestige Worldwide", "Acme", "Vandelay Industries", "Initech"}[i%4]
			n.Reason = reasons[i%4]
			n.Outcome = journal.OutcomeFollowingUp
		})
		v := tuitest.View(m)
		lines := strings.Split(v, "\n")
		for _, l := range lines {
			if len([]rune(l)) > w-2 {
				t.Errorf("at %d a line is %d wide: %q", w, len([]rune(l)), l)
			}
		}
		header := lines[1]
		whoW := strings.Index(header, "REASON") - strings.Index(header, "WHO") - 2
		if whoW != len("Vandelay Industries") {
			t.Errorf("at %d WHO is %d wide, its longest name %d:\n%s", w, whoW, len("Vandelay Industries"), v)
		}
		for _, want := range []string{"Vandelay Industries", "Prestige Worldwide", "Misunderstood the offer", "following up"} {
			if !strings.Contains(v, want) {
				t.Errorf("at %d %q is cut:\n%s", w, want, v)
			}
		}
		// The outcome in words, not its id.
		if strings.Contains(v, "following-up") {
			t.Errorf("at %d the outcome shows its id:\n%s", w, v)
		}
		long := "Waiting on a hire or decision maker"
		if w == 120 && !strings.Contains(v, long) {
			t.Errorf("at 120 the longest reason is cut:\n%s", v)
		}
		if w == 80 && !strings.Contains(v, "Waiting on a hire or decisi") {
			t.Errorf("at 80 the longest reason is cut short:\n%s", v)
		}
	}
	// A very long name at 80 columns: WHO gives way, REASON keeps enough to read.
	m, _ := seeded(t, 3, 78, 20, func(i int, n *journal.No) {
		n.Who = strings.Repeat("Very Long Company Name ", 4)
		n.Reason = "misunderstood"
	})
	if v := tuitest.View(m); !strings.Contains(v, "Misunderstood the offer") {
		t.Errorf("a long name pushed REASON out:\n%s", v)
	}
}
