package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// export → import into a new journal keeps every No's number (#2 stays #2,
// as every command and the restore advice assume); into a journal with
// No's the command says which numbers they got, and --json lists them.
// Counts are per kind, in words ("1 reflection").
func TestImportKeepsNumbersAndSaysHowTheyMoved(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	for _, args := range [][]string{
		{"log", "--who", "Acme", "--date", "2026-11-20"},
		{"log", "--who", "Globex", "--date", "2026-11-02"}, // #2, dated before #1
		{"log", "--who", "Initech", "--date", "2026-11-10"},
		{"delete", "1", "--yes"}, // a gap: #2 and #3 are left
	} {
		if _, errOut, code := runCLI(t, progressNow, "", src, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	file := filepath.Join(dir, "e.json")
	if _, errOut, code := runCLI(t, progressNow, "", src, "export", "--format", "json", "-o", file); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	// One reflection, added to the file as export writes it.
	var e journal.Export
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &e) != nil {
		t.Fatalf("read the export: %v", err)
	}
	e.Reflections = []journal.Reflection{{Date: "2026-11-20", Mood: 3, Win: "a call", CompletedAt: progressNow}}
	if data, err = json.Marshal(e); err != nil || os.WriteFile(file, data, 0o600) != nil {
		t.Fatal(err)
	}

	dst := filepath.Join(dir, "dst.db")
	out, errOut, code := runCLI(t, progressNow, "", dst, "import", file)
	want := "Imported 2 No's, 1 reflection and 0 wins from " + file + ".\nThey keep their numbers from the file.\n"
	if code != 0 || out != want {
		t.Errorf("import into a new journal: exit %d %s\n%q\nwant\n%q", code, errOut, out, want)
	}
	if show, _, _ := runCLI(t, progressNow, "", dst, "show", "2"); !strings.Contains(show, "Globex") {
		t.Errorf("#2 is not Globex after the import:\n%s", show)
	}
	out, _, _ = runCLI(t, progressNow, "", dst, "import", file)
	if want := "Imported 0 No's, 0 reflections and 0 wins from " + file + ".\nAlready in this journal, skipped: 2 No's, 1 reflection and 0 wins.\n"; out != want {
		t.Errorf("again:\n%q\nwant\n%q", out, want)
	}

	// Into journals with three No's of their own: numbered after them, in
	// date order (Globex, #2 in the file, first).
	withThree := func(name string) string {
		db := filepath.Join(dir, name)
		for _, who := range []string{"Hooli", "Pied Piper", "Umbrella"} {
			if _, errOut, code := runCLI(t, progressNow, "", db, "log", "--who", who); code != 0 {
				t.Fatal(errOut)
			}
		}
		return db
	}
	out, _, _ = runCLI(t, progressNow, "", withThree("a.db"), "import", file)
	if !strings.Contains(out, "Their numbers here: #4–#5 (they were #2–#3 in the file).\n") {
		t.Errorf("into a journal with No's:\n%s", out)
	}
	var got struct {
		Nos     int `json:"nos"`
		KeptIDs int `json:"kept_ids"`
		IDs     []struct {
			Was, Now, Count uint64
		} `json:"ids"`
		Complete bool `json:"ids_complete"`
	}
	js, errOut, code := runCLI(t, progressNow, "", withThree("b.db"), "import", file, "--json")
	if code != 0 || json.Unmarshal([]byte(js), &got) != nil {
		t.Fatalf("import --json: exit %d %s\n%s", code, errOut, js)
	}
	if got.Nos != 2 || got.KeptIDs != 0 || !got.Complete || len(got.IDs) != 1 ||
		got.IDs[0].Was != 2 || got.IDs[0].Now != 4 || got.IDs[0].Count != 2 {
		t.Errorf("import --json: %+v\n%s", got, js)
	}
}
