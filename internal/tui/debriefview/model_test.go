package debriefview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func open(t *testing.T, ctx *common.Context, db *store.Store, id uint64, w, h int) common.Screen {
	t.Helper()
	var s common.Screen = New(ctx, db, id)
	s.SetSize(w, h)
	s, _ = tuitest.Run(s, s.Init())
	return s
}

// clipboard runs cmd (and batches) and returns what it puts on the clipboard.
func clipboard(cmd tea.Cmd) (string, bool) {
	if cmd == nil {
		return "", false
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if s, ok := clipboard(c); ok {
				return s, true
			}
		}
		return "", false
	}
	// tea.SetClipboard's message is an unexported string type.
	if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" {
		return fmt.Sprint(msg), true
	}
	return "", false
}

func TestTemplateWithOddNames(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Ω", 250) + strings.Repeat("x", 250)
	tests := []struct {
		who, name string
	}{
		{`Jean "JJ" O'Brien`, `Zoë "Z" D'Arcy`},
		{"🦊 Fox & Sons 🚀", "Sam 👋"},
		{long, long},
		{"{{.Name}} <script>", "{{.Who}}"},
		{"Evil\x1b]0;pwned\x07 Corp", "Me\x1b[2J"},
	}
	for _, tc := range tests {
		ctx, db := tuitest.Context(t)
		ctx.Settings.Name = tc.name
		n := tuitest.Add(t, db, journal.No{Who: "Globex Inc", Contact: tc.who})
		s := open(t, ctx, db, n.ID, 80, 24)
		kit := s.(*Model).Kit()
		if kit.Subject != "Can I ask a quick favor?" {
			t.Errorf("subject %q", kit.Subject)
		}
		wantWho, wantName := strings.ReplaceAll(tc.who, "\x1b]0;pwned\x07", ""), strings.ReplaceAll(tc.name, "\x1b[2J", "")
		if !strings.HasPrefix(kit.Body, "Hi "+wantWho+",") || !strings.HasSuffix(kit.Body, "\n"+wantName) {
			t.Errorf("body for %q / %q:\n%s", tc.who, tc.name, kit.Body)
		}
		if !strings.Contains(kit.Body, "10 minutes") {
			t.Errorf("the request is not for 10 minutes:\n%s", kit.Body)
		}
		if len(kit.Questions) != 5 || !strings.Contains(kit.Questions[0], "interested") || !strings.Contains(kit.Questions[4], "change your mind") {
			t.Errorf("questions %q", kit.Questions)
		}
		raw := s.View()
		for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x07"} {
			if strings.Contains(raw, bad) {
				t.Fatalf("view carries %q", bad)
			}
		}
		for _, line := range strings.Split(ansi.Strip(raw), "\n") {
			if w := ansi.StringWidth(line); w > 80 {
				t.Errorf("line %d wide: %q", w, line)
			}
		}
		// c copies exactly the filled e-mail.
		s2, cmd := s.Update(tuitest.Key("c"))
		got, ok := clipboard(cmd)
		if !ok || got != "Subject: Can I ask a quick favor?\n\n"+kit.Body {
			t.Errorf("clipboard %v: %q", ok, got)
		}
		if v := tuitest.View(s2); !strings.Contains(v, "Sent the e-mail to the clipboard") {
			t.Errorf("nothing said:\n%s", v)
		}
	}
}

// A terminal never confirms an OSC 52 copy, and tmux drops it by default:
// after c the screen says the text was sent, not copied, and gives the
// command that prints it, whole at 80 columns; inside tmux it says tmux
// is the likely reason.
func TestCopySaysHowElseToGetTheText(t *testing.T) {
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	for _, tmux := range []string{"", "/tmp/tmux-1000/default,123,0"} {
		t.Setenv("TMUX", tmux)
		s := open(t, ctx, db, n.ID, 78, 20)
		s, _ = tuitest.Send(s, tuitest.Key("c"))
		v := tuitest.View(s)
		lines := strings.Split(v, "\n")
		if len(lines) > 20 {
			t.Errorf("%d lines in 20", len(lines))
		}
		flat := strings.Join(strings.Fields(v), " ")
		if strings.Contains(flat, "Copied") || !strings.Contains(flat, fmt.Sprintf("rebound debrief %d --print", n.ID)) {
			t.Errorf("TMUX=%q: the copy is claimed, or the way to the text is cut:\n%s", tmux, v)
		}
		if (tmux != "") != strings.Contains(flat, "tmux ignores unless its set-clipboard option is on") {
			t.Errorf("TMUX=%q: tmux named wrongly:\n%s", tmux, v)
		}
	}
}

func TestNoNameSaysSo(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	s := open(t, ctx, db, n.ID, 100, 40)
	v := tuitest.View(s)
	for _, want := range []string{"Hi,", "[your name]", "No name in your settings yet", "1. What made you interested",
		"5. Is there anything that could change your mind?"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	_, cmd := s.Update(tuitest.Key("p"))
	if got, _ := clipboard(cmd); !strings.HasPrefix(got, "1. What made you") || strings.Count(got, "\n") != 4 {
		t.Errorf("questions copied: %q", got)
	}
	_, cmd = s.Update(tuitest.Key("s"))
	if got, _ := clipboard(cmd); got != "Can I ask a quick favor?" {
		t.Errorf("subject copied: %q", got)
	}
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if len(out) != 1 || out[0] != (common.Back{}) {
		t.Errorf("esc sent %v", out)
	}
}

func TestRecordAnswers(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Debrief: []journal.Answer{{Prompt: "An old question", Answer: "kept"}}})
	var s common.Screen = open(t, ctx, db, n.ID, 100, 60)
	s, _ = tuitest.Send(s, tuitest.Key("a"))
	if !s.Capturing() || !strings.Contains(tuitest.View(s), "Question 1 of 5") {
		t.Fatalf("a did not open the form:\n%s", tuitest.View(s))
	}
	answer := func(text string, next string) {
		t.Helper()
		if text != "" {
			s, _ = s.Update(tea.PasteMsg{Content: text}) // typing rune by rune waits on cursor blinks
		}
		s, _ = tuitest.Send(s, tuitest.Key("enter"))
		deadline := time.Now().Add(2 * time.Second)
		for next != "" && !strings.Contains(tuitest.View(s), next) && time.Now().Before(deadline) {
			s, _ = tuitest.Run(s, nil)
		}
		if next != "" && !strings.Contains(tuitest.View(s), next) {
			t.Fatalf("waiting for %q:\n%s", next, tuitest.View(s))
		}
	}
	answer("Saw our webinar", "Question 2 of 5")
	answer("Fees were unclear", "Question 3 of 5")
	answer("", "Question 4 of 5")
	answer("", "Question 5 of 5")
	answer("A clear quote", "")
	for i := 0; i < 20 && s.Capturing(); i++ {
		s, _ = tuitest.Run(s, nil)
	}
	if s.Capturing() {
		t.Fatalf("form still open:\n%s", tuitest.View(s))
	}
	got, err := db.GetNo(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Debrief) != 4 || got.Debrief[0].Answer != "Saw our webinar" || got.Debrief[1].Answer != "Fees were unclear" ||
		got.Debrief[2].Answer != "A clear quote" || !strings.Contains(got.Debrief[2].Prompt, "change your mind") || got.Debrief[3].Answer != "kept" {
		t.Fatalf("stored debrief %+v", got.Debrief)
	}
	v := tuitest.View(s)
	if !strings.Contains(v, "↳ Saw our webinar") || !strings.Contains(v, "↳ A clear quote") {
		t.Errorf("answers not shown:\n%s", v)
	}
	// The answers are searchable (they feed insights and the words index).
	if nos, _, _ := db.ListNos(storeQuery("webinar")); len(nos) != 1 {
		t.Errorf("answers not indexed")
	}
	// Reopening prefills; esc with no change closes without asking.
	s, _ = tuitest.Send(s, tuitest.Key("a"))
	if !strings.Contains(tuitest.View(s), "Saw our webinar") {
		t.Errorf("not prefilled:\n%s", tuitest.View(s))
	}
	s, _ = tuitest.Send(s, tuitest.Key("esc"))
	if s.Capturing() {
		t.Fatal("esc without changes kept the form")
	}
	// With a change, esc asks first.
	s, _ = tuitest.Send(s, tuitest.Key("a"))
	s, _ = s.Update(tea.PasteMsg{Content: " more"})
	s, _ = tuitest.Send(s, tuitest.Key("esc"))
	if !strings.Contains(tuitest.View(s), "Discard the answers you typed?") {
		t.Fatalf("no discard question:\n%s", tuitest.View(s))
	}
	// The footer says what the keys do now: y, or any other key.
	if h := helpLine(s.Keys().ShortHelp()); h != "y discard · any other key keep editing" {
		t.Errorf("footer while asking: %q", h)
	}
	s, _ = tuitest.Send(s, tuitest.Key("y"))
	if s.Capturing() {
		t.Fatal("y did not discard")
	}
	if got, _ := db.GetNo(n.ID); got.Debrief[0].Answer != "Saw our webinar" {
		t.Errorf("discarded text was saved: %+v", got.Debrief)
	}
}

func TestMissingNoAndTinySizes(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 99, 80, 24)
	if v := tuitest.View(s); !strings.Contains(v, "no No with id 99") || !strings.Contains(v, "esc goes back") {
		t.Errorf("missing No:\n%s", v)
	}
	n := tuitest.Add(t, db, journal.No{Who: "Acme", Contact: "Dana"})
	s = open(t, ctx, db, n.ID, 80, 24)
	for _, sz := range [][2]int{{1, 1}, {5, 2}, {30, 6}} {
		s.SetSize(sz[0], sz[1])
		lines := strings.Split(tuitest.View(s), "\n")
		// The kit's first line cut to the width, then the scroll line.
		first := strings.TrimRight(lines[0], " ")
		if first == "" || !strings.HasPrefix("The e-mail  c copies it", first) || len([]rune(lines[0])) > sz[0] {
			t.Errorf("%v: first line %q", sz, lines[0])
		}
		if last := lines[len(lines)-1]; !strings.HasPrefix(last, "0% · ↑/↓ scroll") || len(lines) != max(2, sz[1]) {
			t.Errorf("%v: %d lines, last %q", sz, len(lines), last)
		}
	}
	if v := tuitest.View(s); !strings.Contains(v, "Hi Dana,") {
		t.Errorf("30×6 does not show the e-mail's greeting:\n%s", v)
	}
}

func helpLine(bs []key.Binding) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(out, " · ")
}

// Every scrolling key in the help moves the kit as it says.
func TestScrollKeysFollowTheKeyMap(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme"})
	s := open(t, ctx, db, n.ID, 60, 8)
	k := DefaultKeys()
	for _, tc := range []struct {
		b    key.Binding
		down bool
	}{{k.Down, true}, {k.PageDown, true}, {k.HalfDown, true}, {k.Up, false}, {k.PageUp, false}, {k.HalfUp, false}} {
		for _, name := range tc.b.Keys() {
			m := s.(*Model)
			if tc.down {
				m.vp.GotoTop()
			} else {
				m.vp.GotoBottom()
			}
			before := m.vp.YOffset()
			s, _ = tuitest.Send(s, keyPress(name))
			after := s.(*Model).vp.YOffset()
			if (tc.down && after <= before) || (!tc.down && after >= before) {
				t.Errorf("%s (%s): offset %d -> %d", name, tc.b.Help().Desc, before, after)
			}
		}
	}
}

func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	}
	return tuitest.Key(name)
}

// A No without a contact is not greeted as if the company were a person.
func TestNoContactGreetsNeutrally(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Globex Inc"})
	s := open(t, ctx, db, n.ID, 100, 40)
	if v := tuitest.View(s); !strings.Contains(v, "\nHi, ") || strings.Contains(v, "Hi Globex") {
		t.Errorf("greeting without a contact:\n%s", v)
	}
}

// In personal mode the kit is a kind note, presented as optional: its own
// headings and the note that nothing needs asking; no call, no favour.
func TestPersonalDebriefIsOptionalAndKind(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Sam", Mode: "personal"})
	s := open(t, ctx, db, n.ID, 100, 50)
	v := strings.Join(strings.Fields(tuitest.View(s)), " ")
	for _, want := range []string{"A kind note, if you want to send one", "Only if it feels right.", "Hi Sam,", "No need to reply.", "If they want to talk about it"} {
		if !strings.Contains(v, want) {
			t.Errorf("personal kit lacks %q:\n%s", want, v)
		}
	}
	for _, bad := range []string{"Questions for the call", "10 minutes", "favor", "The e-mail"} {
		if strings.Contains(v, bad) {
			t.Errorf("personal kit says %q:\n%s", bad, v)
		}
	}
}
