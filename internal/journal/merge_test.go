package journal

import (
	"testing"
	"time"
)

func TestMergeKeepsBothSidesChanges(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	base := No{ID: 1, Who: "Acme", Lesson: "old lesson", Next: "old next", Tags: []string{"q4"}, UpdatedAt: t0, Outcome: OutcomeOpen}
	mine := base
	mine.Lesson = "my lesson"
	theirs := base
	theirs.Next = "their next"
	theirs.Tags = []string{"q4", "hot"}
	theirs.UpdatedAt = t0.Add(time.Minute)

	got, conflicts := Merge(base, mine, theirs)
	if len(conflicts) != 0 {
		t.Fatalf("conflicts = %+v, want none", conflicts)
	}
	if got.Lesson != "my lesson" || got.Next != "their next" || len(got.Tags) != 2 {
		t.Fatalf("merged = lesson %q next %q tags %v; want both changes", got.Lesson, got.Next, got.Tags)
	}
	if !got.UpdatedAt.Equal(theirs.UpdatedAt) {
		t.Fatalf("merged version %v, want the stored one", got.UpdatedAt)
	}
}

func TestMergeReportsTheSameFieldChangedOnBothSides(t *testing.T) {
	base := No{ID: 1, Who: "Acme", Lesson: "old", Feeling: 3}
	mine, theirs := base, base
	mine.Lesson, theirs.Lesson = "mine", "theirs"
	mine.Feeling, theirs.Feeling = 4, 4 // the same change on both sides is no conflict
	got, conflicts := Merge(base, mine, theirs)
	if len(conflicts) != 1 || conflicts[0].Field != "lesson" || conflicts[0].Mine != "mine" || conflicts[0].Theirs != "theirs" || !conflicts[0].Text {
		t.Fatalf("conflicts = %+v, want lesson mine/theirs", conflicts)
	}
	if got.Lesson != "mine" || got.Feeling != 4 {
		t.Fatalf("merged keeps %q/%d; want the user's value until they choose", got.Lesson, got.Feeling)
	}
	for choice, want := range map[string]string{"mine": "mine", "theirs": "theirs", "both": "theirs\nmine"} {
		n := got
		if err := Resolve(&n, conflicts[0], theirs, choice); err != nil {
			t.Fatal(err)
		}
		if n.Lesson != want {
			t.Errorf("%s: lesson %q, want %q", choice, n.Lesson, want)
		}
	}
}

func TestResolveRefusesBothForIDs(t *testing.T) {
	base := No{ID: 1, Who: "Acme", Reason: "price"}
	mine, theirs := base, base
	mine.Reason, theirs.Reason = "timing", "budget"
	got, conflicts := Merge(base, mine, theirs)
	if len(conflicts) != 1 || conflicts[0].Text {
		t.Fatalf("conflicts = %+v, want one non-text conflict", conflicts)
	}
	if err := Resolve(&got, conflicts[0], theirs, "both"); err == nil {
		t.Fatal("both reason ids were joined")
	}
}

func TestNormaliseTextRepairsInvalidUTF8(t *testing.T) {
	n := No{Who: "Ac\xffme", Tags: []string{"q\xfe4"}, Debrief: []Answer{{Prompt: "p", Answer: "a\xc3"}}}
	NormaliseText(&n)
	if n.Who != "Ac\uFFFDme" || n.Tags[0] != "q\uFFFD4" || n.Debrief[0].Answer != "a\uFFFD" {
		t.Fatalf("not normalised: %q %q %q", n.Who, n.Tags, n.Debrief[0].Answer)
	}
}
