package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// logEdit is `rebound log --edit`, as jrnl does it: the editor opens on
// what they said (with --said's text, if given); without --who, its first
// line is who. Lines starting with # are left out. The No is saved with
// every other flag as given; when it cannot be saved, the file is kept
// and its path said, so nothing written is lost.
func (a *app) logEdit(f *noFlags) error {
	argv, err := common.Editor()
	if err != nil {
		return usage("%v", err)
	}
	dir, err := os.MkdirTemp("", "rebound-edit-*") // 0700: the text is private
	if err != nil {
		return fmt.Errorf("log --edit: a folder for the text: %w", err)
	}
	path := filepath.Join(dir, "said.txt")
	needWho := !f.changed("who")
	head := "# What they said. Lines starting with # are left out; an empty file saves nothing.\n"
	if needWho {
		head = "# Who said no on the first line, what they said below it.\n" +
			"# Lines starting with # are left out; an empty file saves nothing.\n"
	}
	if err := os.WriteFile(path, []byte(head+f.said), 0o600); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("log --edit: %w", err)
	}
	cmd := exec.Command(argv[0], append(argv[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = a.stdin, a.stdout, a.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("log --edit: %s did not finish (%v); what you wrote is in %s", argv[0], err, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("log --edit: read %s: %w", path, err)
	}
	who, said := splitEdited(string(b), needWho)
	if strings.TrimSpace(who+said) == "" {
		os.RemoveAll(dir)
		fmt.Fprintln(a.stderr, "The file was empty, so nothing was saved.")
		return nil
	}
	if len(said) > journal.MaxField {
		return usage("what they said is %d KB; the limit is %d KB. Your text is in %s", len(said)>>10, journal.MaxField>>10, path)
	}
	if needWho {
		if err := f.fs.Set("who", who); err != nil {
			return err
		}
	}
	if err := f.fs.Set("said", said); err != nil {
		return err
	}
	if err := a.logWithFlags(f); err != nil {
		return fmt.Errorf("%w (what you wrote is kept in %s)", err, path)
	}
	os.RemoveAll(dir)
	return nil
}

// splitEdited drops the # lines and, when who is asked for, takes the
// first line that is left as who.
func splitEdited(text string, needWho bool) (who, said string) {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	body := strings.TrimSpace(strings.Join(lines, "\n"))
	if needWho {
		who, body, _ = strings.Cut(body, "\n")
	}
	return strings.TrimSpace(who), strings.TrimSpace(body)
}
