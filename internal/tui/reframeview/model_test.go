// The reframe flow's model tests (about 430 lines): one test per step and
// per way out (skip, back, draft, finish), which read best side by side.
package reframeview

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

const said = "We're worried about hidden fees."

// open builds the screen on a stored No and loads it.
func open(t *testing.T, ctx *common.Context, db *store.Store, id uint64, w, h int) common.Screen {
	t.Helper()
	var s common.Screen = New(ctx, db, id)
	s.SetSize(w, h)
	s, _ = tuitest.Run(s, s.Init())
	return s
}

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

func get(t *testing.T, ctx *common.Context, db *store.Store, id uint64) journal.No {
	t.Helper()
	n, err := db.GetNo(id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func step(s common.Screen) int { return s.(*Model).Step() }

func hasStatus(out []tea.Msg, part string) (string, bool) {
	for _, m := range out {
		if st, ok := m.(common.Status); ok && strings.Contains(st.Text, part) {
			return st.Text, true
		}
	}
	return "", false
}

func wentBack(out []tea.Msg) bool {
	for _, m := range out {
		if _, ok := m.(common.Back); ok {
			return true
		}
	}
	return false
}

func TestStepIndicatorAndSaidOnLaterSteps(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said})
	s := open(t, ctx, db, n.ID, 80, 20)
	v := tuitest.View(s)
	for _, want := range []string{"Step 1 of 9 · What they said", "Acme Corp", "What did the prospect actually say?", said, "How much did it sting?"} {
		if !strings.Contains(v, want) {
			t.Errorf("step 1 lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "The prospect said:") {
		t.Errorf("step 1 quotes what they said above the field that edits it:\n%s", v)
	}
	// ctrl+n skips a step; inside the thought record (6-8) it skips the
	// whole record, to the last step.
	for _, i := range []int{2, 3, 4, 5, stepThought, stepReframe} {
		s, _ = tuitest.Send(s, ctrl('n'))
		v = tuitest.View(s)
		want := "Step " + string(rune('0'+i)) + " of 9 · " + stepNames[i]
		if !strings.Contains(v, want) {
			t.Fatalf("after ctrl+n want %q:\n%s", want, v)
		}
		if !strings.Contains(v, "The prospect said:") || !strings.Contains(v, said) {
			t.Errorf("step %d does not show what they said:\n%s", i, v)
		}
	}
	if !strings.Contains(v, "What does this no teach you?") {
		t.Errorf("the last step lacks the lesson question:\n%s", v)
	}
}

func TestReasonStepShowsTheQuestionToAsk(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: 2})
	s := open(t, ctx, db, n.ID, 90, 30)
	v := tuitest.View(s)
	for _, want := range []string{"Step 2 of 9", "What reason did you assume at first?", `Ask them: "Can you share why you won't move forward?"`, "real reason, in their words", "(not noted"} {
		if !strings.Contains(v, want) {
			t.Errorf("step 2 lacks %q:\n%s", want, v)
		}
	}
}

func TestKindStepExplainsEveryKind(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: 3})
	s := open(t, ctx, db, n.ID, 100, 24)
	v := tuitest.View(s)
	for _, want := range []string{"What kind of no was it?", "Not now", "Not this", "Not you", "Not understood", "Final", "The fit is there", "No really means no"} {
		if !strings.Contains(v, want) {
			t.Errorf("kind step lacks %q:\n%s", want, v)
		}
	}
	// Moving to "Not understood" spells out its explanation in full below the list.
	for range 4 {
		s, _ = tuitest.Send(s, tuitest.Key("down"))
	}
	v = tuitest.View(s)
	if !strings.Contains(v, "Not understood: They said no to what they thought you offered") ||
		!strings.Contains(v, "it is fresh.") {
		t.Errorf("highlighted kind not explained in full:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	if step(s) != 4 {
		t.Fatalf("enter on the kind did not move on: step %d", step(s))
	}
	if got := get(t, ctx, db, n.ID); got.Kind != journal.KindNotUnderstood || got.ReframeStep != 4 {
		t.Fatalf("stored kind %q step %d", got.Kind, got.ReframeStep)
	}
}

func TestSkipSavesTheStepAndPreviousGoesBack(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	s := open(t, ctx, db, n.ID, 80, 20)
	s, _ = tuitest.Send(s, ctrl('n'))
	s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyPgDown})
	if step(s) != 3 || get(t, ctx, db, n.ID).ReframeStep != 3 {
		t.Fatalf("after two skips: on step %d, stored %d", step(s), get(t, ctx, db, n.ID).ReframeStep)
	}
	s, _ = tuitest.Send(s, ctrl('p'))
	if step(s) != 2 || get(t, ctx, db, n.ID).ReframeStep != 2 {
		t.Fatalf("after ctrl+p: on step %d, stored %d", step(s), get(t, ctx, db, n.ID).ReframeStep)
	}
	s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyPgUp})
	s, _ = tuitest.Send(s, ctrl('p'))
	if step(s) != 1 || !strings.Contains(tuitest.View(s), "This is the first step.") {
		t.Fatalf("ctrl+p on step 1: step %d\n%s", step(s), tuitest.View(s))
	}
}

func TestEscSavesADraftWithWhatWasTyped(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said})
	s := open(t, ctx, db, n.ID, 80, 20)
	for range 3 {
		s, _ = tuitest.Send(s, ctrl('n'))
	}
	s = tuitest.Type(s, "A line-item quote")
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	text, ok := hasStatus(out, "Draft saved at step 4 of 9")
	if !ok || !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
	if !strings.Contains(text, "No #1") {
		t.Errorf("status %q does not name the No", text)
	}
	got := get(t, ctx, db, n.ID)
	if got.Change != "A line-item quote" || got.ReframeStep != 4 || got.Said != said {
		t.Fatalf("draft stored %+v", got)
	}
	if got.Reframed() || got.ReframedAt != nil {
		t.Fatalf("a draft counts as reframed: %+v", got)
	}
}

func TestEscWithNothingChangedSavesNothing(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: "Hi\x1b[31m red"})
	s := open(t, ctx, db, n.ID, 80, 20)
	if strings.Contains(s.View(), "\x1b[31m red") {
		t.Fatalf("stored escape sequence reached the screen")
	}
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
	if _, ok := hasStatus(out, "Draft"); ok {
		t.Errorf("a draft was announced though nothing changed: %v", out)
	}
	got := get(t, ctx, db, n.ID)
	if !got.UpdatedAt.Equal(n.UpdatedAt) || got.ReframeStep != 0 || got.Said != n.Said {
		t.Fatalf("the No was rewritten: %+v", got)
	}
}

func TestResumeOpensTheSavedStepWithItsValues(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said, Change: "A smaller first order", ReframeStep: 4})
	s := open(t, ctx, db, n.ID, 80, 20)
	v := tuitest.View(s)
	for _, want := range []string{"Step 4 of 9 · The turnaround", "resumes at step 4", "A smaller first order", "What would need to change for us to revisit this?"} {
		if !strings.Contains(v, want) {
			t.Errorf("resumed view lacks %q:\n%s", want, v)
		}
	}
}

func TestCompletingEveryStepReframesTheNo(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said})
	s := open(t, ctx, db, n.ID, 100, 30)
	keys := func(ks ...string) {
		for _, k := range ks {
			s, _ = tuitest.Send(s, tuitest.Key(k))
		}
	}
	// 1: said (kept), feeling 4.
	keys("enter")
	for range 4 {
		s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyRight})
	}
	keys("enter")
	if step(s) != 2 {
		t.Fatalf("not on step 2:\n%s", tuitest.View(s))
	}
	// 2: assumed price, their words, reason hidden-fees (7th in the list).
	s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyRight})
	keys("enter")
	s = tuitest.Type(s, "Surprise charges last time")
	keys("enter")
	for range 7 {
		keys("down")
	}
	keys("enter")
	// 3: not understood.
	keys("down", "down", "down", "down", "enter")
	// 4: the turnaround answer; the referral asked, and given.
	s = tuitest.Type(s, "A line-item quote")
	keys("enter")
	s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyRight})
	keys("enter")
	s = tuitest.Type(s, "Dana at Globex")
	keys("enter")
	// 5: no competitor.
	keys("enter", "enter")
	// 6-8: the thought record.
	s = tuitest.Type(s, "They'll never change their minds.")
	keys("enter", "down", "down", "x", "enter")
	s = tuitest.Type(s, "They said no")
	keys("enter")
	s = tuitest.Type(s, "They said what would change it")
	keys("enter")
	s = tuitest.Type(s, "Not yet, and I know what would change it")
	keys("enter")
	if step(s) != stepReframe {
		t.Fatalf("not on the last step:\n%s", tuitest.View(s))
	}
	// 6: the suggestion from the kind (not understood: 2 days) is in plain sight.
	v := tuitest.View(s)
	if !strings.Contains(v, "2026-11-25") || !strings.Contains(v, "about 2 days after the No") {
		t.Errorf("no follow-up suggestion:\n%s", v)
	}
	s = tuitest.Type(s, "Itemise every quote")
	keys("enter")
	s = tuitest.Type(s, "Send the quote")
	keys("enter", "enter")
	s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyRight})
	s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyRight})
	s, out := tuitest.Send(s, tuitest.Key("enter"))
	text, ok := hasStatus(out, "Reframed.")
	if !ok || !wentBack(out) {
		t.Fatalf("finishing sent %v\n%s", out, tuitest.View(s))
	}
	if !strings.Contains(text, "follow up 2026-11-25") {
		t.Errorf("status %q", text)
	}
	got := get(t, ctx, db, n.ID)
	want := journal.No{Said: said, Feeling: 4, Assumed: "price", ReasonText: "Surprise charges last time", Reason: "hidden-fees",
		Kind: journal.KindNotUnderstood, Change: "A line-item quote", Lesson: "Itemise every quote", Next: "Send the quote",
		FollowUp: "2026-11-25", FeelingAfter: 2}
	if got.Said != want.Said || got.Feeling != want.Feeling || got.Assumed != want.Assumed || got.ReasonText != want.ReasonText ||
		got.Reason != want.Reason || got.Kind != want.Kind || got.Change != want.Change || got.Lesson != want.Lesson ||
		got.Next != want.Next || got.FollowUp != want.FollowUp || got.FeelingAfter != want.FeelingAfter {
		t.Fatalf("stored\n%+v\nwant\n%+v", got, want)
	}
	if got.Thought != "They'll never change their minds." || !slices.Equal(got.Traps, []string{"fortune-telling"}) ||
		got.EvidenceFor != "They said no" || got.EvidenceAgainst != "They said what would change it" ||
		got.Balanced != "Not yet, and I know what would change it" || !got.ReferralAsked || got.Referral != "Dana at Globex" {
		t.Fatalf("thought record and referral stored as %+v", got)
	}
	if !got.Reframed() || got.ReframedAt == nil || got.ReframeStep != 0 {
		t.Fatalf("not reframed: step %d, at %v", got.ReframeStep, got.ReframedAt)
	}
	h, err := db.Home(journal.Today(tuitest.Now))
	if err != nil || h.Waiting != 0 {
		t.Fatalf("home still counts %d waiting (%v)", h.Waiting, err)
	}
}

func TestFinishingWithoutTheLessonSaysWhatIsMissing(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Reason: "price", Change: "A discount", ReframeStep: stepReframe})
	s := open(t, ctx, db, n.ID, 80, 20)
	_, out := tuitest.Send(s, ctrl('n'))
	text, ok := hasStatus(out, "Still waiting: the lesson.")
	if !ok || strings.Contains(text, "Reframed") || !wentBack(out) {
		t.Fatalf("finishing sent %v", out)
	}
	got := get(t, ctx, db, n.ID)
	if got.Reframed() || got.ReframedAt != nil || got.ReframeStep != 0 {
		t.Fatalf("stored %+v", got)
	}
	h, _ := db.Home(journal.Today(tuitest.Now))
	if h.Waiting != 1 {
		t.Fatalf("home counts %d waiting", h.Waiting)
	}
}

func TestUnreadableFollowUpKeepsTheStep(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Kind: journal.KindFinal, ReframeStep: stepReframe})
	s := open(t, ctx, db, n.ID, 80, 24)
	// Kind "final" suggests no follow-up: the field stays empty.
	if strings.Contains(tuitest.View(s), "Suggested") {
		t.Fatalf("a final no got a follow-up suggestion:\n%s", tuitest.View(s))
	}
	keys := func(ks ...string) {
		for _, k := range ks {
			s, _ = tuitest.Send(s, tuitest.Key(k))
		}
	}
	keys("enter", "enter")
	s = tuitest.Type(s, "someday-ish")
	s, out := tuitest.Send(s, ctrl('n'))
	if len(out) != 0 || step(s) != stepReframe || !strings.Contains(tuitest.View(s), "can't read the date") {
		t.Fatalf("ctrl+n with a bad date sent %v:\n%s", out, tuitest.View(s))
	}
	s = tuitest.Type(s, "x")
	if !strings.Contains(tuitest.View(s), "someday-ishx") {
		t.Fatalf("typing was lost:\n%s", tuitest.View(s))
	}
	// esc still keeps the draft, saying the date was left out.
	_, out = tuitest.Send(s, tuitest.Key("esc"))
	if _, ok := hasStatus(out, "couldn't be read"); !ok || !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
	if got := get(t, ctx, db, n.ID); got.FollowUp != "" || got.ReframeStep != stepReframe {
		t.Fatalf("stored %+v", got)
	}
}

func TestSaveFailureKeepsTyping(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: stepThought})
	s := open(t, ctx, db, n.ID, 80, 20)
	s = tuitest.Type(s, "Next quarter")
	// The No is deleted from another terminal: the save fails.
	if err := db.DeleteNo(n.ID); err != nil {
		t.Fatal(err)
	}
	s, out := tuitest.Send(s, tuitest.Key("enter"))
	v := tuitest.View(s)
	if len(out) != 0 || step(s) != stepThought || !strings.Contains(v, "couldn't save") || !strings.Contains(v, "Next quarter") {
		t.Fatalf("failed save sent %v:\n%s", out, v)
	}
	s = tuitest.Type(s, "!")
	if !strings.Contains(tuitest.View(s), "Next quarter!") {
		t.Fatalf("the rebuilt form does not take typing:\n%s", tuitest.View(s))
	}
	s, out = tuitest.Send(s, tuitest.Key("esc"))
	if wentBack(out) || !strings.Contains(tuitest.View(s), "esc again leaves without saving") {
		t.Fatalf("esc after a failure sent %v:\n%s", out, tuitest.View(s))
	}
	_, out = tuitest.Send(s, tuitest.Key("esc"))
	if !wentBack(out) {
		t.Fatalf("second esc sent %v", out)
	}
}

func TestEscAfterASkipStillReportsTheDraft(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	s := open(t, ctx, db, n.ID, 80, 20)
	s, _ = tuitest.Send(s, ctrl('n'))
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if _, ok := hasStatus(out, "Draft saved at step 2 of 9"); !ok || !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
	if got := get(t, ctx, db, n.ID); got.ReframeStep != 2 {
		t.Fatalf("stored step %d", got.ReframeStep)
	}
}

// The reason step offers the second ask-why question as another way in,
// and explains the reason under the cursor with the mode's hint.
func TestReasonStepExplainsTheHighlightedReason(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: 2})
	s := open(t, ctx, db, n.ID, 100, 30)
	if v := tuitest.View(s); !strings.Contains(strings.Join(strings.Fields(v), " "), `or: "Can you share what influenced your decision?"`) {
		t.Errorf("step 2 lacks the second ask-why question:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("tab"))
	s, _ = tuitest.Send(s, tuitest.Key("tab"))
	s, _ = tuitest.Send(s, tuitest.Key("down"))
	if v := tuitest.View(s); !strings.Contains(v, "The price felt too high for what they would get.") {
		t.Fatalf("the highlighted reason (Too expensive) is not explained:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("down"))
	v := tuitest.View(s)
	if !strings.Contains(v, "The money is not there this quarter or this year.") || strings.Contains(v, "The price felt too high") {
		t.Fatalf("moving to No budget does not explain it instead:\n%s", v)
	}
}

// Step 5 speaks the No's mode: a job seeker is asked what a stronger
// application looked like, a student what stronger work looked like;
// neither is asked who was chosen instead.
func TestAlternativeStepSpeaksTheMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ mode, title, hint, why string }{
		{"sales", "Did they choose a competitor?", "Who they chose instead", "Why that choice"},
		{"job", "What did a stronger application for this role look like?", "not who got it", "Why did that weigh more"},
		{"school", "What did stronger work look like?", "not whose work it was", "Why was it stronger"},
		{"personal", "Did they pick another plan?", "they owe you no explanation", "What made that plan easier"},
	} {
		ctx, db := tuitest.Context(t)
		n := tuitest.Add(t, db, journal.No{Who: "Someone", Mode: tc.mode, ReframeStep: 5})
		s := open(t, ctx, db, n.ID, 120, 30)
		v := tuitest.View(s)
		for _, want := range []string{tc.title, tc.hint, tc.why} {
			if !strings.Contains(v, want) {
				t.Errorf("%s: step 5 lacks %q:\n%s", tc.mode, want, v)
			}
		}
		if tc.mode != "sales" && (strings.Contains(v, "Who they chose") || strings.Contains(v, "competitor")) {
			t.Errorf("%s: step 5 speaks sales:\n%s", tc.mode, v)
		}
	}
}
