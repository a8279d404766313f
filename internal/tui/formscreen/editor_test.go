package formscreen

import (
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// ctrl+e in a text area with no editor to run says so in one sentence
// and keeps the text; with one, it hands the key to huh, which runs it
// (a command: tea.ExecProcess); in a one-line input it is the input's.
func TestCtrlEWithoutAnEditorSaysSo(t *testing.T) {
	said, who := "typed first", "Acme"
	s := common.NewStyles(true)
	f := New(Config{
		Styles: &s,
		Fields: func() [][]huh.Field {
			return [][]huh.Field{{huh.NewText().Key("said").Title("Said").Value(&said), huh.NewInput().Key("who").Title("Who").Value(&who)}}
		},
		Leave: key.NewBinding(key.WithKeys("esc")),
		Keys:  confirm.Keys("discard", "keep editing"),
	})
	f.SetSize(80, 20)
	f.Open()
	ctrlE := tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}

	t.Setenv("TMPDIR", t.TempDir()) // huh's temp file, left by a command never run
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", filepath.Join(t.TempDir(), "no-such-editor"))
	if _, cmd := f.Update(ctrlE); cmd != nil {
		t.Error("ctrl+e with no editor returned a command")
	}
	if e := f.Error(); !strings.Contains(e, "no-such-editor, which cannot be run") {
		t.Errorf("the form says %q", e)
	}
	if said != "typed first" || who != "Acme" {
		t.Errorf("the values changed: %q %q", said, who)
	}
	f.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if f.Error() != "" {
		t.Errorf("the sentence outlives the next key: %q", f.Error())
	}

	t.Setenv("EDITOR", "true")
	if _, cmd := f.Update(ctrlE); cmd == nil || f.Error() != "" {
		t.Errorf("ctrl+e with an editor: command %v, error %q", cmd != nil, f.Error())
	}
}
