package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The manual page keeps each paragraph whole: a help text wrapped for the
// terminal used to become one roff paragraph per line, breaking sentences
// ("…what would need to" / "change for them…"). Each command is described
// by its whole help.
func TestManPageParagraphsAreWhole(t *testing.T) {
	t.Parallel()
	out, errOut, code := runCLI(t, progressNow, "", filepath.Join(t.TempDir(), "j.db"), "man")
	if code != 0 {
		t.Fatalf("man: exit %d: %s", code, errOut)
	}
	desc := manSection(out, "DESCRIPTION")
	paras := regexp.MustCompile(`\n\.PP\n?`).Split(strings.TrimSpace(desc), -1)
	for _, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.HasSuffix(p, `\&.`) {
			t.Errorf("a paragraph ends mid-sentence: %q", p)
		}
	}
	if !strings.Contains(desc, "what would need to change for them to revisit it") {
		t.Errorf("the description is broken:\n%s", desc)
	}
	// A command's whole help, in one paragraph.
	if !strings.Contains(out, "Into a journal without No's (a restore), every No keeps its number from the file\\&.") {
		t.Errorf("import's help is not in the page:\n%s", manSection(out, "COMMANDS"))
	}
	if strings.Contains(out, "\n.B man") || strings.Contains(out, `\fBman\fP`) {
		t.Error("the hidden man command lists itself")
	}
}

// manSection is the roff text of a .SH section.
func manSection(page, name string) string {
	i := strings.Index(page, ".SH "+name)
	if i < 0 {
		return ""
	}
	rest := page[i+len(".SH "+name):]
	if j := strings.Index(rest, "\n.SH "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
