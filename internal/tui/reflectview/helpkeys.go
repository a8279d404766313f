package reflectview

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// HelpKeys are every key the reflection's steps show in their help (each
// step shows its own), for the test that holds the README's keys table to
// the screens.
func HelpKeys() help.KeyMap {
	k := newKeys()
	return keyGroup{short: []key.Binding{k.Choose, k.Next, k.Save, k.Prev, k.Leave, k.NewLine, k.Exit},
		more: []key.Binding{k.Skip, k.SkipEsc, k.Pause, k.Continue, k.Finish, k.Quit, k.Editor}}
}
