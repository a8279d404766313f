package formscreen

import (
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
)

// openEditor hands ctrl+e to the text area t once its editor is known:
// huh writes the field's text to a temp file (0600, os.CreateTemp), runs
// the editor through tea.ExecProcess (the terminal is the editor's until
// it exits) and puts the file's text back in the field through its own
// message, so every other field keeps what was typed. What huh cannot say
// is said here in one sentence: no editor, or no temp folder to write in
// (huh would crash on it).
func (f *Model) openEditor(t *huh.Text, k tea.KeyPressMsg) tea.Cmd {
	argv, err := common.Editor()
	if err != nil {
		f.editorErr = err.Error()
		return nil
	}
	probe, err := os.CreateTemp("", "rebound-*.txt")
	if err != nil {
		f.editorErr = "no editor: the temp folder cannot be written (" + os.TempDir() + "); set $TMPDIR to a folder you can write"
		return nil
	}
	probe.Close()
	os.Remove(probe.Name())
	t.Editor(argv...).EditorExtension("txt")
	_, cmd := f.form.Update(k)
	return cmd
}
