package common

import (
	"errors"
	"os"
	"os/exec"
	"strings"
)

// ErrNoEditor is the one sentence said when no editor can be found.
var ErrNoEditor = errors.New("no editor found: set $EDITOR (e.g. export EDITOR=nano) to write this in your editor")

// Editor is the command that edits a text file: $EDITOR, else $VISUAL
// (with its arguments: "code --wait"), else vi, else nano,
// whichever is on the PATH.
func Editor() ([]string, error) {
	for _, env := range []string{"EDITOR", "VISUAL"} {
		if f := strings.Fields(os.Getenv(env)); len(f) > 0 {
			if _, err := exec.LookPath(f[0]); err != nil {
				return nil, errors.New("$" + env + " is " + f[0] + ", which cannot be run: set $" + env + " to an editor on your PATH")
			}
			return f, nil
		}
	}
	for _, name := range []string{"vi", "nano"} {
		if p, err := exec.LookPath(name); err == nil {
			return []string{p}, nil
		}
	}
	return nil, ErrNoEditor
}
