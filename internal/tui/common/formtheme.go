package common

import (
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// FormTheme is the huh theme every form uses, built from the app's roles.
// It starts from ThemeCharm for layout, then sets every colour from our
// palette: huh v2.0.3's ThemeCharm swaps light and dark for option text,
// descriptions and placeholders, which leaves unselected options nearly
// invisible on a dark terminal.
func FormTheme(s *Styles) huh.Theme {
	isDark := s.IsDark
	return huh.ThemeFunc(func(bool) *huh.Styles {
		t := huh.ThemeCharm(isDark)
		fg := s.Text.GetForeground()
		muted := s.MutedColor
		accent := s.AccentColor
		title := s.Subtitle.GetForeground()
		good := s.Good.GetForeground()
		bad := s.Error.GetForeground()
		for _, f := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
			f.Title = f.Title.Foreground(title)
			f.NoteTitle = f.NoteTitle.Foreground(title)
			f.Description = f.Description.Foreground(muted)
			f.ErrorIndicator = f.ErrorIndicator.Foreground(bad)
			f.ErrorMessage = f.ErrorMessage.Foreground(bad)
			f.SelectSelector = f.SelectSelector.Foreground(accent)
			f.NextIndicator = f.NextIndicator.Foreground(accent)
			f.PrevIndicator = f.PrevIndicator.Foreground(accent)
			f.Option = f.Option.Foreground(fg)
			f.UnselectedOption = f.UnselectedOption.Foreground(fg)
			f.SelectedOption = f.SelectedOption.Foreground(good)
			f.UnselectedPrefix = lipgloss.NewStyle().Foreground(muted).SetString("• ")
			f.SelectedPrefix = lipgloss.NewStyle().Foreground(good).SetString("✓ ")
			f.MultiSelectSelector = f.MultiSelectSelector.Foreground(accent)
			f.FocusedButton = f.FocusedButton.Foreground(s.Button.GetForeground()).Background(s.Button.GetBackground())
			f.Next = f.FocusedButton
			f.BlurredButton = f.BlurredButton.Foreground(fg).Background(s.SubtleColor)
			f.TextInput.Cursor = f.TextInput.Cursor.Foreground(accent)
			f.TextInput.Placeholder = f.TextInput.Placeholder.Foreground(s.Faint.GetForeground())
			f.TextInput.Prompt = f.TextInput.Prompt.Foreground(accent)
			f.TextInput.Text = f.TextInput.Text.Foreground(fg)
		}
		t.Focused.Base = t.Focused.Base.BorderForeground(accent)
		t.Focused.Card = t.Focused.Base
		t.Blurred.NextIndicator = lipgloss.NewStyle()
		t.Blurred.PrevIndicator = lipgloss.NewStyle()
		t.Group.Title = t.Focused.Title
		t.Group.Description = t.Focused.Description
		return t
	})
}
