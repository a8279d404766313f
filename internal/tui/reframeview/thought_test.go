package reframeview

import (
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// screenH is the reframe's height inside an 80×24 terminal: the root's
// header line and its footer (a blank line and the keys) take three.
const screenH = 21

func footer(s common.Screen) string {
	return ansi.Strip(help.New().ShortHelpView(s.Keys().ShortHelp()))
}

// One key (ctrl+n, named in the footer) leaves the whole thought record
// from any of its steps, keeping what was typed, for the last step.
func TestSkipKeyLeavesTheWholeThoughtRecord(t *testing.T) {
	t.Parallel()
	for _, from := range []int{stepThought, stepTraps, stepEvidence} {
		ctx, db := tuitest.Context(t)
		n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said, ReframeStep: from})
		s := open(t, ctx, db, n.ID, 80, screenH)
		if f := footer(s); !strings.Contains(f, "ctrl+n skip thought record") {
			t.Errorf("step %d footer %q does not name the skip key", from, f)
		}
		if v := tuitest.View(s); !strings.Contains(v, "ctrl+n skips the thought record") {
			t.Errorf("step %d does not say how to skip:\n%s", from, v)
		}
		if from == stepThought {
			s = tuitest.Type(s, "I blew it")
		}
		s, _ = tuitest.Send(s, ctrl('n'))
		if step(s) != stepReframe {
			t.Fatalf("ctrl+n on step %d went to step %d", from, step(s))
		}
		got := get(t, ctx, db, n.ID)
		if got.ReframeStep != stepReframe || (from == stepThought && got.Thought != "I blew it") {
			t.Fatalf("skip from %d stored step %d thought %q", from, got.ReframeStep, got.Thought)
		}
		// Outside the record ctrl+n is one step again.
		if f := footer(s); !strings.Contains(f, "ctrl+n skip step") {
			t.Errorf("last step footer %q", f)
		}
	}
}

// Enter on an empty thought skips the rest of the record (nothing to
// weigh), as an empty answer does in accessible mode.
func TestEmptyThoughtSkipsTheRecord(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: stepThought})
	s := open(t, ctx, db, n.ID, 80, screenH)
	if v := tuitest.View(s); !strings.Contains(v, "In your own words, as it came; left empty, enter skips the rest.") {
		t.Errorf("the thought step does not say so:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	if step(s) != stepReframe || get(t, ctx, db, n.ID).ReframeStep != stepReframe {
		t.Fatalf("enter on an empty thought went to step %d", step(s))
	}
	n2 := tuitest.Add(t, db, journal.No{Who: "Globex", ReframeStep: stepThought})
	s = open(t, ctx, db, n2.ID, 80, screenH)
	s = tuitest.Type(s, "I blew it")
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	if step(s) != stepTraps {
		t.Fatalf("enter on a thought went to step %d", step(s))
	}
}

// The traps step lists the mode's eight traps, each with its example in
// the mode's words, the highlighted one in full, and fits 80×24.
func TestTrapsStepSpeaksTheMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ mode, example, full string }{
		{"sales", "They'll never change their minds.", "Personalising: “They said no because of me; I must have blown the call.”"},
		{"job", "I'm unemployable.", "Personalising: “They turned me down because something is wrong with me.”"},
		{"school", "I'm just bad at math.", "Personalising: “The group got a low mark because of my part.”"},
		{"personal", "People always turn me down.", "Personalising: “They said no because they don't enjoy my company.”"},
	} {
		ctx, db := tuitest.Context(t)
		n := tuitest.Add(t, db, journal.No{Who: "Someone", Mode: tc.mode, Thought: "It always goes this way.", ReframeStep: stepTraps})
		s := open(t, ctx, db, n.ID, 80, screenH)
		v := tuitest.View(s)
		md, _ := ctx.Catalog.Mode(tc.mode)
		for _, tr := range md.Traps {
			if !strings.Contains(v, tr.Name) {
				t.Errorf("%s: trap %q missing:\n%s", tc.mode, tr.Name, v)
			}
		}
		for _, want := range []string{"Step 7 of 9 · Thinking traps", "Your thought:", "It always goes this way.", tc.example, tc.full} {
			if !strings.Contains(v, want) {
				t.Errorf("%s: traps step lacks %q:\n%s", tc.mode, want, v)
			}
		}
		if lines := strings.Count(v, "\n") + 1; lines > screenH {
			t.Errorf("%s: %d lines, more than %d:\n%s", tc.mode, lines, screenH, v)
		}
		// x marks the highlighted trap; enter saves the list.
		s, _ = tuitest.Send(s, tuitest.Key("x"))
		s, _ = tuitest.Send(s, tuitest.Key("enter"))
		if got := get(t, ctx, db, n.ID); !slices.Equal(got.Traps, []string{"personalising"}) || step(s) != stepEvidence {
			t.Fatalf("%s: traps %v, step %d", tc.mode, got.Traps, step(s))
		}
	}
}

// The evidence step keeps the No's own facts in view — their words, the
// kind of no, what would need to change — with the thought, and all three
// questions fit 80×24.
func TestEvidenceStepShowsTheNosFacts(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Northwind", Mode: "job", Said: "We went with someone with more Go experience.",
		Kind: journal.KindNotYou, Change: "Two years of Go in production", Thought: "I'm unemployable.", ReframeStep: stepEvidence})
	s := open(t, ctx, db, n.ID, 80, screenH)
	v := tuitest.View(s)
	for _, want := range []string{"Step 8 of 9 · The evidence", "The employer said: We went with someone with more Go experience.",
		"Kind of no: Not you — They chose another candidate", "What would need to change: Two years of Go in production",
		"Your thought: I'm unemployable.", "What supports that thought?", "What doesn't support it?", "A more balanced way to put it?"} {
		if !strings.Contains(v, want) {
			t.Errorf("evidence step lacks %q:\n%s", want, v)
		}
	}
	if lines := strings.Count(v, "\n") + 1; lines > screenH {
		t.Errorf("%d lines, more than %d:\n%s", lines, screenH, v)
	}
	s = tuitest.Type(s, "No offer")
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	s = tuitest.Type(s, "They said what would change it")
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	s = tuitest.Type(s, "Not this role, yet")
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	got := get(t, ctx, db, n.ID)
	if got.EvidenceFor != "No offer" || got.EvidenceAgainst != "They said what would change it" || got.Balanced != "Not this role, yet" ||
		step(s) != stepReframe || got.ReframeStep != stepReframe {
		t.Fatalf("stored %+v on step %d", got, step(s))
	}
}

// The referral ask comes with the turnaround when the kind of no allows
// it (the mode file says which): never after a final no in personal mode,
// nor in personal mode before the kind is known.
func TestReferralAskFollowsTheKindAndMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		mode string
		kind journal.Kind
		ask  string // "" when the ask must not show
	}{
		{"sales", journal.KindFinal, "Could you point me to someone this would fit?"},
		{"sales", "", "Could you point me to someone this would fit?"},
		{"job", journal.KindFinal, "Is there another team or someone you know"},
		{"school", journal.KindNotThis, "like a tutor or a study group?"},
		{"personal", journal.KindNotNow, "Is there someone else you think would enjoy coming?"},
		{"personal", journal.KindFinal, ""},
		{"personal", "", ""},
	} {
		ctx, db := tuitest.Context(t)
		n := tuitest.Add(t, db, journal.No{Who: "Someone", Mode: tc.mode, Kind: tc.kind, ReframeStep: stepTurnaround})
		s := open(t, ctx, db, n.ID, 80, screenH)
		v := strings.Join(strings.Fields(tuitest.View(s)), " ")
		switch {
		case tc.ask != "" && !strings.Contains(v, tc.ask):
			t.Errorf("%s %q: the referral ask %q is missing:\n%s", tc.mode, tc.kind, tc.ask, v)
		case tc.ask == "" && strings.Contains(v, "Ask them:"):
			t.Errorf("%s %q: the referral ask shows:\n%s", tc.mode, tc.kind, v)
		}
		s = tuitest.Type(s, "Another time")
		s, _ = tuitest.Send(s, tuitest.Key("enter"))
		if tc.ask == "" {
			// The turnaround is the step's only field: enter moves on.
			if step(s) != stepAlternative {
				t.Errorf("%s %q: enter stayed on step %d", tc.mode, tc.kind, step(s))
			}
			continue
		}
		// A name typed alone marks the ask as made.
		s, _ = tuitest.Send(s, tuitest.Key("enter"))
		s = tuitest.Type(s, "Sam")
		s, _ = tuitest.Send(s, tuitest.Key("enter"))
		got := get(t, ctx, db, n.ID)
		if step(s) != stepAlternative || !got.ReferralAsked || got.Referral != "Sam" {
			t.Errorf("%s %q: step %d, asked %v, referral %q", tc.mode, tc.kind, step(s), got.ReferralAsked, got.Referral)
		}
	}
}

// A draft stopped inside the thought record resumes at its step with its
// answers: the traps marked, the evidence filled.
func TestDraftResumesInsideTheThoughtRecord(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said, Thought: "I always lose these.",
		Traps: []string{"overgeneralising"}, ReframeStep: stepTraps})
	s := open(t, ctx, db, n.ID, 80, screenH)
	v := tuitest.View(s)
	for _, want := range []string{"Step 7 of 9 · Thinking traps", "resumes at step 7", "I always lose these.", "✓ Overgeneralising"} {
		if !strings.Contains(v, want) {
			t.Errorf("resumed traps step lacks %q:\n%s", want, v)
		}
	}
	// esc inside the record keeps a draft there.
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	s = tuitest.Type(s, "Lost two this week")
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if _, ok := hasStatus(out, "Draft saved at step 8 of 9"); !ok || !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
	got := get(t, ctx, db, n.ID)
	if got.ReframeStep != stepEvidence || got.EvidenceFor != "Lost two this week" || !slices.Equal(got.Traps, []string{"overgeneralising"}) {
		t.Fatalf("draft stored %+v", got)
	}
	s = open(t, ctx, db, n.ID, 80, screenH)
	if v := tuitest.View(s); !strings.Contains(v, "Step 8 of 9 · The evidence") || !strings.Contains(v, "Lost two this week") {
		t.Fatalf("reopened draft:\n%s", v)
	}
}

// The thought record never changes what counts as reframed: filled alone
// it leaves the No waiting for its reason, turnaround and lesson.
func TestThoughtRecordDoesNotReframe(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Thought: "Never again.", Traps: []string{"fortune-telling"},
		EvidenceFor: "a", EvidenceAgainst: "b", Balanced: "c", ReframeStep: stepReframe})
	s := open(t, ctx, db, n.ID, 80, screenH)
	_, out := tuitest.Send(s, ctrl('n'))
	if _, ok := hasStatus(out, "Still waiting: the real reason, the turnaround answer and the lesson."); !ok {
		t.Fatalf("finishing sent %v", out)
	}
	if got := get(t, ctx, db, n.ID); got.Reframed() || got.ReframedAt != nil {
		t.Fatalf("the thought record reframed the No: %+v", got)
	}
}

// A thought changed both here and elsewhere goes to the conflict chooser;
// nothing is written until the user picks.
func TestThoughtConflictAsks(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: stepThought})
	s := open(t, ctx, db, n.ID, 100, 30)
	if _, err := db.PatchNo(n.ID, ctx.Now().Add(time.Minute), func(p *journal.No) error { p.Thought = "From the CLI"; return nil }); err != nil {
		t.Fatal(err)
	}
	s = tuitest.Type(s, "Mine")
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	v := tuitest.View(s)
	if !strings.Contains(v, "changed elsewhere") || !strings.Contains(v, "Mine") || !strings.Contains(v, "From the CLI") {
		t.Fatalf("no conflict shown:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("m"))
	if got := get(t, ctx, db, n.ID); got.Thought != "Mine" || step(s) != stepTraps {
		t.Fatalf("after keeping mine: thought %q, step %d", got.Thought, step(s))
	}
}

// Flow: ctrl+n on the thought step skips the record to the re-rate.
func TestFlowSkipTheThoughtRecord(t *testing.T) {
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said, Reason: "price", Change: "A discount", ReframeStep: stepThought})
	h := tuitest.Screen(New(ctx, db, n.ID)).AwaitStatus()
	tm, wait := tuitest.Flow(t, h, 80, screenH)
	wait("Step 6 of 9 · Your thought")
	wait("ctrl+n skips the thought record")
	tm.Send(ctrl('n'))
	wait("Step 9 of 9 · Your reframe")
	wait("┃ What does this no teach you?")
	tm.Type("Lead with the total")
	wait("Lead with the total")
	for range 3 {
		tm.Send(tuitest.Key("enter"))
	}
	wait("┃ How much does it sting now?")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	wait("1 — barely")
	tm.Send(tuitest.Key("enter"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	got := get(t, ctx, db, n.ID)
	if !strings.HasPrefix(h.Status(), "Reframed.") || got.Thought != "" || len(got.Traps) != 0 || got.FeelingAfter != 1 || !got.Reframed() {
		t.Fatalf("status %q, stored %+v", h.Status(), got)
	}
}

// Flow: a draft stopped at the traps resumes there; traps → evidence →
// balanced → re-rate, in a personal final no, where no referral is asked.
func TestFlowResumeInsideTheThoughtRecord(t *testing.T) {
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Sam", Mode: "personal", Said: "I'd rather not, thanks.", Kind: journal.KindFinal,
		Thought: "Nobody wants me around.", ReframeStep: stepTraps})
	h := tuitest.Screen(New(ctx, db, n.ID)).AwaitStatus()
	tm, wait := tuitest.Flow(t, h, 80, screenH)
	wait("Welcome back: your draft resumes at step 7; ctrl+n skips the thought record.")
	wait("Step 7 of 9 · Thinking traps")
	wait("Nobody wants me around.")
	for range 4 {
		tm.Send(tuitest.Key("down"))
	}
	wait("Overgeneralising: “People always turn me down.”")
	tm.Send(tuitest.Key("x"))
	wait("✓ Overgeneralising")
	tm.Send(tuitest.Key("enter"))
	wait("Step 8 of 9 · The evidence")
	wait("Kind of no: Final — No really means no")
	tm.Type("Sam said no")
	wait("Sam said no")
	tm.Send(tuitest.Key("enter"))
	wait("┃ What doesn't support it?")
	tm.Type("Three friends came on Friday")
	wait("Three friends came on Friday")
	tm.Send(tuitest.Key("enter"))
	wait("┃ A more balanced way to put it?")
	tm.Type("Sam said no to this; others say yes")
	wait("Sam said no to this; others say yes")
	tm.Send(tuitest.Key("enter"))
	wait("Step 9 of 9 · Your reframe")
	for range 3 {
		tm.Send(tuitest.Key("enter"))
	}
	wait("┃ How much does it sting now?")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	wait("2 — a little")
	tm.Send(tuitest.Key("enter"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	got := get(t, ctx, db, n.ID)
	if !slices.Equal(got.Traps, []string{"overgeneralising"}) || got.EvidenceFor != "Sam said no" ||
		got.EvidenceAgainst != "Three friends came on Friday" || got.Balanced != "Sam said no to this; others say yes" ||
		got.FeelingAfter != 2 || got.ReframeStep != 0 || got.ReferralAsked {
		t.Fatalf("stored %+v", got)
	}
}

// Flow: personal mode, a final no: the turnaround step asks no referral;
// enter goes straight to the next step.
func TestFlowNoReferralAskOnAPersonalFinalNo(t *testing.T) {
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Sam", Mode: "personal", Kind: journal.KindFinal, ReframeStep: stepTurnaround})
	h := tuitest.Screen(New(ctx, db, n.ID))
	tm, wait := tuitest.Flow(t, h, 80, screenH)
	wait("Step 4 of 9 · The turnaround")
	wait("┃ What would need to change for you to join next time?")
	tm.Type("Nothing; that's fine")
	wait("Nothing; that's fine")
	tm.Send(tuitest.Key("enter"))
	wait("Step 5 of 9 · The alternative")
	tm.Send(tuitest.Key("esc"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if got := get(t, ctx, db, n.ID); got.ReferralAsked || got.Change != "Nothing; that's fine" {
		t.Fatalf("stored %+v", got)
	}
}
