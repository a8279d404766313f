package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The accessible reframe asks what the screen asks, in its order: the
// turnaround with the referral ask (the kind allows it), then the thought,
// the traps each with the mode's example, the No's own facts before the
// evidence, the balanced thought, and the sting re-rated last.
func TestAccessibleReframeAsksTheThoughtRecord(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	n := journal.No{Who: "Acme Corp", Said: "Too pricey", Date: "2026-11-20", Mode: "sales", Kind: journal.KindNotNow,
		Reason: "price", ReframeStep: 4}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	in := "A pilot in Q2\n" + // turnaround
		"1\nDana at Globex\n" + // the referral: asked (1), who
		"\n\n" + // no competitor
		"They'll never change their minds.\n" + // the thought
		"3\n0\n" + // traps: fortune telling, then done
		"They said no\nThey said what would change it\nNot yet, and I know what would\n" + // evidence, balanced
		"Lead with a pilot\nOffer the pilot\nnone\n2\n" // lesson, next, follow-up, sting now
	out, errs, code := runAccessible(t, db, in, "reframe", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "steps 6 to 8, the thought record, are optional",
		"Step 4 of 9 · The turnaround", "What would need to change for us to revisit this?",
		`Ask them: "Could you point me to someone this would fit?"`, "1. Yes, I asked", "2. Not yet", "Who did they point you to?",
		"Step 5 of 9 · The alternative",
		"Step 6 of 9 · Your thought", "The prospect said: Too pricey", "an empty answer skips the whole thought record",
		"What went through your mind when you heard no?",
		"Step 7 of 9 · Thinking traps", "Your thought: They'll never change their minds.", "Which thinking traps does that thought fit?",
		`1.   Personalising — "They said no because of me; I must have blown the call."`,
		`3.   Fortune telling — "They'll never change their minds."`, "0.   Confirm selection",
		"Step 8 of 9 · The evidence", "The facts, as you noted them:", "The prospect said: Too pricey",
		"Kind of no: Not now — The fit is there but the moment is not", "What would need to change: A pilot in Q2",
		"Your thought: They'll never change their minds.", "What supports that thought?", "What doesn't support it?",
		"A more balanced way to put it?",
		"Step 9 of 9 · Your reframe", "What does this no teach you?", "How much does it sting now?", "Reframed No #1 (Acme Corp).")
	got, _ := st.GetNo(1)
	if got.Thought != "They'll never change their minds." || !slices.Equal(got.Traps, []string{"fortune-telling"}) ||
		got.EvidenceFor != "They said no" || got.EvidenceAgainst != "They said what would change it" ||
		got.Balanced != "Not yet, and I know what would" || !got.ReferralAsked || got.Referral != "Dana at Globex" ||
		got.FeelingAfter != 2 || got.ReframeStep != 0 || !got.Reframed() {
		t.Fatalf("stored %+v", got)
	}
}

// Personal mode, a final no: no referral ask; an input that ends inside
// the thought record keeps a draft there, and the draft resumes there.
func TestAccessibleReframeNoReferralOnAPersonalFinalNo(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	n := journal.No{Who: "Sam", Date: "2026-11-20", Mode: "personal", Kind: journal.KindFinal, ReframeStep: 4}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	in := "That's fine\n" + "\n\n" + "Nobody wants me around.\n"
	out, errs, code := runAccessible(t, db, in, "reframe", "1")
	if code != ExitFailure || !strings.Contains(errs, "the input ended at step 7") {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	if strings.Contains(out, "Ask them:") || strings.Contains(out, "Is there someone else") {
		t.Fatalf("a personal final no was asked for a referral:\n%s", out)
	}
	inOrder(t, out, "Step 4 of 9", "Step 5 of 9", "Step 6 of 9 · Your thought", "Step 7 of 9 · Thinking traps",
		`5.   Overgeneralising — "People always turn me down."`, "Draft saved on No #1 at step 7 of 9")
	if got, _ := st.GetNo(1); got.ReframeStep != 7 || got.Thought != "Nobody wants me around." || got.ReferralAsked {
		t.Fatalf("draft %+v", got)
	}
	out, _, _ = runAccessible(t, db, "5\n0\n", "reframe", "1")
	inOrder(t, out, "Welcome back: your draft resumes at step 7.", "Step 7 of 9 · Thinking traps",
		"Your thought: Nobody wants me around.", "Step 8 of 9 · The evidence", "Kind of no: Final")
	if got, _ := st.GetNo(1); !slices.Equal(got.Traps, []string{"overgeneralising"}) || got.ReframeStep != 8 {
		t.Fatalf("after the traps: %+v", got)
	}
}
