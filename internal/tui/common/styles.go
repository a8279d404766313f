package common

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles are the named roles every view uses; nothing renders a hex code directly.
// Built for the terminal's background so both light and dark themes read well.
type Styles struct {
	IsDark bool

	App       lipgloss.Style
	Header    lipgloss.Style
	Brand     lipgloss.Style
	Crumb     lipgloss.Style
	Title     lipgloss.Style
	Subtitle  lipgloss.Style
	Text      lipgloss.Style
	Muted     lipgloss.Style
	Faint     lipgloss.Style
	Accent    lipgloss.Style
	Good      lipgloss.Style
	Warn      lipgloss.Style
	Bad       lipgloss.Style
	Key       lipgloss.Style
	Label     lipgloss.Style
	Value     lipgloss.Style
	Card      lipgloss.Style
	CardTitle lipgloss.Style
	Selected  lipgloss.Style
	Quote     lipgloss.Style
	Status    lipgloss.Style
	Error     lipgloss.Style
	Bar       lipgloss.Style
	BarAlt    lipgloss.Style
	// Button is a focused button: light text on the accent.
	Button lipgloss.Style

	// Heat holds the five heatmap intensities, 0 (none) to 4.
	Heat [5]lipgloss.Style
	// AccentColor and friends are exposed for components that take colours.
	AccentColor, MutedColor, SubtleColor color.Color
}

// NewStyles builds the theme for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		fg      = ld(lipgloss.Color("#2B2A33"), lipgloss.Color("#E8E6F0"))
		muted   = ld(lipgloss.Color("#6B6880"), lipgloss.Color("#9A97AD"))
		faint   = ld(lipgloss.Color("#A3A1B3"), lipgloss.Color("#5E5B70"))
		accent  = ld(lipgloss.Color("#D9480F"), lipgloss.Color("#FF8A5B")) // the "rebound" coral
		accent2 = ld(lipgloss.Color("#5F3DC4"), lipgloss.Color("#B197FC"))
		good    = ld(lipgloss.Color("#2B8A3E"), lipgloss.Color("#69DB7C"))
		warn    = ld(lipgloss.Color("#B35C00"), lipgloss.Color("#FFD43B"))
		bad     = ld(lipgloss.Color("#C92A2A"), lipgloss.Color("#FF6B6B"))
		border  = ld(lipgloss.Color("#D5D3E0"), lipgloss.Color("#44415A"))
		selBg   = ld(lipgloss.Color("#FFE8DC"), lipgloss.Color("#3A2A33"))
		onAcc   = lipgloss.Color("#FFFFFF") // text on the accent, either theme
	)
	s := Styles{IsDark: isDark, AccentColor: accent, MutedColor: muted, SubtleColor: border}
	s.App = lipgloss.NewStyle().Padding(0, 1)
	s.Header = lipgloss.NewStyle().Foreground(fg)
	s.Brand = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Crumb = lipgloss.NewStyle().Foreground(muted)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.Subtitle = lipgloss.NewStyle().Bold(true).Foreground(accent2)
	s.Text = lipgloss.NewStyle().Foreground(fg)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Faint = lipgloss.NewStyle().Foreground(faint)
	s.Accent = lipgloss.NewStyle().Foreground(accent)
	s.Good = lipgloss.NewStyle().Foreground(good)
	s.Warn = lipgloss.NewStyle().Foreground(warn)
	s.Bad = lipgloss.NewStyle().Foreground(bad)
	s.Key = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Label = lipgloss.NewStyle().Foreground(muted)
	s.Value = lipgloss.NewStyle().Foreground(fg)
	s.Card = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1)
	s.CardTitle = lipgloss.NewStyle().Bold(true).Foreground(accent2)
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(accent).Background(selBg)
	s.Quote = lipgloss.NewStyle().Italic(true).Foreground(fg).BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).BorderForeground(accent).PaddingLeft(1)
	s.Status = lipgloss.NewStyle().Foreground(good)
	s.Error = lipgloss.NewStyle().Bold(true).Foreground(bad)
	s.Bar = lipgloss.NewStyle().Foreground(accent)
	s.BarAlt = lipgloss.NewStyle().Foreground(accent2)
	s.Button = lipgloss.NewStyle().Foreground(onAcc).Background(accent)
	heat := []color.Color{
		faint,
		ld(lipgloss.Color("#FFC9B0"), lipgloss.Color("#5C2E1F")),
		ld(lipgloss.Color("#FF9F75"), lipgloss.Color("#9C4221")),
		ld(lipgloss.Color("#F76707"), lipgloss.Color("#E8590C")),
		ld(lipgloss.Color("#C2410C"), lipgloss.Color("#FF8A5B")),
	}
	for i, c := range heat {
		s.Heat[i] = lipgloss.NewStyle().Foreground(c)
	}
	return s
}

// HelpStyles are the key-help styles in the app's roles: keys in the
// accent, descriptions muted but readable.
func HelpStyles(s *Styles) help.Styles {
	h := help.DefaultStyles(s.IsDark)
	h.ShortKey = s.Key
	h.FullKey = s.Key
	h.ShortDesc = s.Muted
	h.FullDesc = s.Muted
	h.ShortSeparator = s.Faint
	h.FullSeparator = s.Faint
	h.Ellipsis = s.Faint
	return h
}
