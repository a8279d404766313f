package cli

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A printed No's label never runs into its value ("in their wordsYear-two
// renewal…"): labels are padded to a column, and one longer than the
// column (a mode's words are data) still gets two spaces; a value's next
// lines line up under its first.
func TestPrintedLabelsNeverRunIntoValues(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	long := "what made the other offer stronger"
	printRow(&b, long, "first\nsecond")
	if want := "  " + long + "  first\n" + strings.Repeat(" ", 2+len(long)+2) + "second\n"; b.String() != want {
		t.Errorf("a long label:\n%q\nwant\n%q", b.String(), want)
	}

	// who --print and show in every mode: each row has two spaces or more
	// between its label and its value.
	row := regexp.MustCompile(`^  ([a-z]+(?: [a-z]+)*)( +)\S`)
	for _, mode := range []string{"sales", "job", "school", "personal"} {
		db := filepath.Join(t.TempDir(), mode+".db")
		args := []string{"--mode", mode, "log", "--who", "Hooli", "--said", "Not this year", "--reason", "other",
			"--reason-text", "Year-two renewal pricing", "--change", "A smaller plan", "--competitor", "Initrode",
			"--competitor-why", "cheaper", "--lesson", "Ask earlier", "--next", "Call in March", "--follow-up", "in 2 weeks"}
		if _, errOut, code := runCLI(t, progressNow, "", db, args...); code != 0 {
			t.Fatalf("%s: log: %s", mode, errOut)
		}
		for _, cmd := range [][]string{{"who", "Hooli", "--print"}, {"show", "1"}} {
			out, errOut, code := runCLI(t, progressNow, "", db, cmd...)
			if code != 0 {
				t.Fatalf("%s %v: %s", mode, cmd, errOut)
			}
			rows := 0
			for _, l := range strings.Split(out, "\n") {
				if m := row.FindStringSubmatch(l); m != nil {
					rows++
					if len(m[2]) < 2 {
						t.Errorf("%s %v: %q runs into its value: %q", mode, cmd, m[1], l)
					}
				}
			}
			if rows < 5 {
				t.Errorf("%s %v: %d rows found:\n%s", mode, cmd, rows, out)
			}
			if !strings.Contains(out, "Year-two renewal pricing") {
				t.Errorf("%s %v: the reason in their words is missing:\n%s", mode, cmd, out)
			}
		}
	}
}
