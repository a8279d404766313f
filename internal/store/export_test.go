package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// fill gives a journal a little of everything.
func fill(t *testing.T, s *Store) {
	full := fullNo()
	addNo(t, s, full)
	addNo(t, s, journal.No{Who: "Globex", Date: "2026-11-19", Said: "not now"})
	addNo(t, s, journal.No{Who: "Globex", Date: "2026-11-19", Said: "not now"}) // same words, another No
	y := journal.No{Who: "Initech", Date: "2026-11-01", Reason: "timing"}
	must(t, s.AddNo(&y, t0))
	y.SetOutcome(journal.OutcomeYes, t0.Add(24*time.Hour))
	must(t, s.UpdateNo(&y, t0.Add(24*time.Hour)))
	_, err := s.SaveReflection(journal.Reflection{Date: "2026-11-19", Mood: 3, Win: "a call", CompletedAt: t0,
		Answers: []journal.Answer{{Prompt: "p", Answer: "a"}}, PromptIDs: []string{"p1"}})
	must(t, err)
	_, err = s.SaveReflection(journal.Reflection{Date: "2026-11-19", Ritual: "walk", CompletedAt: t0.Add(time.Hour)})
	must(t, err)
	_, err = s.SaveReflection(journal.Reflection{Date: "2026-11-20", Mood: 4, CompletedAt: t0})
	must(t, err)
	must(t, s.AddWin(&journal.Win{Who: "Hooli", What: "pilot", Date: "2026-11-18"}, t0))
	must(t, s.SetRestDay("2026-11-22", true))
	must(t, s.SaveSettings(journal.Settings{Mode: "sales", Name: "Sam", WeekGoal: 4, Welcomed: true}))
}

// viaFile is what `export` then `import FILE` does to an export.
func viaFile(t *testing.T, e journal.Export) journal.Export {
	data, err := json.Marshal(e)
	must(t, err)
	var back journal.Export
	must(t, json.Unmarshal(data, &back))
	return back
}

func withoutIDs(e journal.Export) journal.Export {
	e.ExportedAt = time.Time{}
	e.Nos = slices.Clone(e.Nos)
	for i := range e.Nos {
		e.Nos[i].ID = 0
	}
	e.Wins = slices.Clone(e.Wins)
	for i := range e.Wins {
		e.Wins[i].ID = 0
	}
	return e
}

func TestExportImportRoundTrip(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	e1, err := src.Export(t0)
	must(t, err)
	if e1.Format != journal.ExportFormat || len(e1.Nos) != 4 || len(e1.Reflections) != 2 || len(e1.Wins) != 1 || len(e1.RestDays) != 1 || e1.Settings == nil {
		t.Fatalf("export %+v", e1)
	}

	dst := newStore(t)
	res, err := dst.Import(viaFile(t, e1), t0)
	must(t, err)
	equal(t, "first import", res, ImportResult{Nos: 4, Reflections: 2, Wins: 1, IDs: IDMap{Kept: 4}})
	e2, err := dst.Export(t0)
	must(t, err)
	equal(t, "export after import", withoutIDs(e2), withoutIDs(e1))

	// Same tallies on both sides.
	t1, _ := src.Tallies("", "", "")
	t2, _ := dst.Tallies("", "", "")
	equal(t, "tallies", t2, t1)

	// Twice adds nothing.
	res, err = dst.Import(viaFile(t, e1), t0)
	must(t, err)
	equal(t, "second import", res, ImportResult{Skipped: Skipped{Nos: 4, Reflections: 2, Wins: 1}})
	e3, err := dst.Export(t0)
	must(t, err)
	equal(t, "export after second import", withoutIDs(e3), withoutIDs(e1))

	// Into the source itself: nothing new either.
	res, err = src.Import(viaFile(t, e1), t0)
	must(t, err)
	equal(t, "import into source", res, ImportResult{Skipped: Skipped{Nos: 4, Reflections: 2, Wins: 1}})
}

func TestImportMergesReflectionsAndKeepsSettings(t *testing.T) {
	s := newStore(t)
	mine := journal.Settings{Mode: "job", WeekGoal: 2}
	must(t, s.SaveSettings(mine))
	_, err := s.SaveReflection(journal.Reflection{Date: "2026-11-19", Win: "mine", CompletedAt: t0})
	must(t, err)
	e := journal.Export{Format: journal.ExportFormat,
		Reflections: []journal.Reflection{{Date: "2026-11-19", Win: "theirs", CompletedAt: t0.Add(time.Hour)}},
		Settings:    &journal.Settings{Mode: "sales", WeekGoal: 3}}
	res, err := s.Import(e, t0)
	must(t, err)
	equal(t, "result", res, ImportResult{Reflections: 1})
	r, _, err := s.Reflection("2026-11-19")
	must(t, err)
	if r.Win != "mine\ntheirs" {
		t.Errorf("merged win %q", r.Win)
	}
	st, _ := s.Settings()
	equal(t, "settings kept", st, mine)
	res, err = s.Import(e, t0)
	must(t, err)
	equal(t, "again", res, ImportResult{Skipped: Skipped{Reflections: 1}})
}

func TestImportRefusesNewerOrUnknownFormat(t *testing.T) {
	s := newStore(t)
	e := journal.Export{Format: "rebound/v2", Nos: []journal.No{{Who: "Acme", Date: "2026-11-01"}}}
	_, err := s.Import(e, t0)
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "newer Rebound (format rebound/v2; this build reads up to rebound/v1); upgrade rebound") {
		t.Errorf("newer: %v", err)
	}
	e.Format = "something"
	if _, err := s.Import(e, t0); !errors.Is(err, ErrNotRebound) {
		t.Errorf("unknown: %v", err)
	}
	// A bad record refuses the whole import.
	e.Format = journal.ExportFormat
	e.Nos = append(e.Nos, journal.No{Who: "", Date: "2026-11-02"})
	if _, err := s.Import(e, t0); !journal.IsValidation(err) {
		t.Errorf("bad record: %v", err)
	}
	if c, _ := s.Count(); c != 0 {
		t.Errorf("%d No's imported from refused exports", c)
	}
}

func TestBackup(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	var buf bytes.Buffer
	n, err := s.Backup(&buf)
	must(t, err)
	if n != int64(buf.Len()) || n == 0 {
		t.Fatalf("wrote %d, buffer %d", n, buf.Len())
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	must(t, os.WriteFile(path, buf.Bytes(), 0o600))
	b, err := Open(path)
	must(t, err)
	mustCheck(t, b)
	c1, _ := s.Count()
	c2, _ := b.Count()
	if c1 != c2 || c1 == 0 {
		t.Errorf("counts %d vs %d", c1, c2)
	}
}
