package conflict

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// The footer offers "keep both" only where both can be kept (prose), and b
// does nothing elsewhere.
func TestKeepBothOnlyForText(t *testing.T) {
	st := common.NewStyles(true)
	base := journal.No{ID: 1, Who: "Acme", Lesson: "old"}
	mine, theirs := base, base
	mine.Who, theirs.Who = "Acme Corp", "Acme Inc"
	mine.Lesson, theirs.Lesson = "mine", "theirs"
	merged, cs := journal.Merge(base, mine, theirs)
	m := New(&st, &journal.ConflictError{Stored: theirs, Merged: merged, Conflicts: cs}, 80)
	has := func() bool {
		for _, b := range m.Help().ShortHelp() {
			if b.Help().Desc == "keep both" {
				return true
			}
		}
		return false
	}
	if cs[0].Field != "who" || has() {
		t.Fatalf("who (%s) offers keep both", cs[0].Field)
	}
	if cmd := m.Update(keyPress('b')); cmd != nil || m.at != 0 {
		t.Fatal("b chose something for who")
	}
	m.Update(keyPress('o'))
	if !has() {
		t.Fatal("the lesson does not offer keep both")
	}
}

func keyPress(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }
