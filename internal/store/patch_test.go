package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Two writers patching different fields of one No at the same moment both
// keep their change: each patch is read and written in one transaction.
func TestConcurrentPatchesLoseNothing(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	n := addNo(t, s, journal.No{Who: "Acme"})
	const rounds = 100
	for i := range rounds {
		var wg sync.WaitGroup
		for _, set := range []func(*journal.No){
			func(p *journal.No) { p.Lesson = fmt.Sprint("lesson ", i) },
			func(p *journal.No) { p.Next = fmt.Sprint("next ", i) },
		} {
			wg.Go(func() {
				_, err := s.PatchNo(n.ID, t0.Add(time.Duration(i)*time.Second), func(p *journal.No) error { set(p); return nil })
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got, err := s.GetNo(n.ID)
		must(t, err)
		if got.Lesson != fmt.Sprint("lesson ", i) || got.Next != fmt.Sprint("next ", i) {
			t.Fatalf("round %d: lesson %q, next %q: a change was lost", i, got.Lesson, got.Next)
		}
	}
}

// A screen that loaded the No before someone else changed another field
// saves its own change and keeps theirs.
func TestSaveNoMergesAChangeMadeElsewhere(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	base := addNo(t, s, journal.No{Who: "Acme", Lesson: "old"})
	_, err := s.PatchNo(base.ID, t0.Add(time.Minute), func(p *journal.No) error { p.Next = "X from the CLI"; return nil })
	must(t, err)
	mine := base
	mine.Lesson = "typed in the form"
	saved, err := s.SaveNo(base, mine, t0.Add(2*time.Minute))
	must(t, err)
	if saved.Lesson != "typed in the form" || saved.Next != "X from the CLI" {
		t.Fatalf("saved lesson %q next %q; want both changes", saved.Lesson, saved.Next)
	}
	got, _ := s.GetNo(base.ID)
	if got.Lesson != saved.Lesson || got.Next != saved.Next {
		t.Fatalf("stored %+v differs from what SaveNo returned", got)
	}
}

// The same field changed on both sides is refused with both values, and
// nothing is written until the user chooses.
func TestSaveNoReportsAConflict(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	base := addNo(t, s, journal.No{Who: "Acme", Lesson: "old"})
	_, err := s.PatchNo(base.ID, t0.Add(time.Minute), func(p *journal.No) error { p.Lesson = "theirs"; return nil })
	must(t, err)
	mine := base
	mine.Lesson = "mine"
	mine.Next = "mine too"
	_, err = s.SaveNo(base, mine, t0.Add(2*time.Minute))
	var c *journal.ConflictError
	if !errors.As(err, &c) {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if len(c.Conflicts) != 1 || c.Conflicts[0].Mine != "mine" || c.Conflicts[0].Theirs != "theirs" {
		t.Fatalf("conflicts = %+v", c.Conflicts)
	}
	if got, _ := s.GetNo(base.ID); got.Lesson != "theirs" || got.Next != "" {
		t.Fatalf("a conflicting save wrote: %+v", got)
	}
	// The user keeps theirs for the lesson; the next step still goes in.
	n := c.Merged
	must(t, journal.Resolve(&n, c.Conflicts[0], c.Stored, "theirs"))
	saved, err := s.SaveNo(c.Stored, n, t0.Add(3*time.Minute))
	must(t, err)
	if saved.Lesson != "theirs" || saved.Next != "mine too" {
		t.Fatalf("after choosing: %+v", saved)
	}
}

// UpdatedAt is the version screens compare, so it strictly increases even
// when two saves carry the same clock reading.
func TestVersionAlwaysMoves(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	n := addNo(t, s, journal.No{Who: "Acme"})
	a, err := s.PatchNo(n.ID, t0, func(p *journal.No) error { p.Lesson = "a"; return nil })
	must(t, err)
	b, err := s.PatchNo(n.ID, t0, func(p *journal.No) error { p.Lesson = "b"; return nil })
	must(t, err)
	if !b.UpdatedAt.After(a.UpdatedAt) || !a.UpdatedAt.After(n.UpdatedAt) {
		t.Fatalf("versions %v, %v, %v do not increase", n.UpdatedAt, a.UpdatedAt, b.UpdatedAt)
	}
	// A screen that loaded a and saves after b sees b's lesson as a conflict.
	mine := a
	mine.Lesson = "c"
	if _, err := s.SaveNo(a, mine, t0); !errors.As(err, new(*journal.ConflictError)) {
		t.Fatalf("err = %v, want a conflict", err)
	}
}

// Invalid UTF-8 is normalised before it is stored, so the record and its
// search postings agree (doctor finds nothing) and search finds the text.
func TestInvalidUTF8IsNormalisedBeforeWriting(t *testing.T) {
	t.Parallel()
	s := newStore(t) // the cleanup runs doctor's check
	n := addNo(t, s, journal.No{Who: "Ac\xffme", Said: "pri\xc3ce"})
	if n.Who != "Ac\uFFFDme" {
		t.Fatalf("who = %q", n.Who)
	}
	_, err := s.PatchNo(n.ID, t0, func(p *journal.No) error { p.Lesson = "le\xfeson"; return nil })
	must(t, err)
	got, _ := s.GetNo(n.ID)
	if got.Lesson != "le\uFFFDson" || got.Said != "pri\uFFFDce" {
		t.Fatalf("stored %q %q", got.Lesson, got.Said)
	}
}
