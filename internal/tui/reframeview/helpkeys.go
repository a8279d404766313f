package reframeview

import "charm.land/bubbles/v2/help"

// HelpKeys are the reframe's keys as its ? help lists them, for the test
// that holds the README's keys table to the screens.
func HelpKeys() help.KeyMap { return newKeyMap() }
