// Package textsafe makes untrusted text inert for a terminal.
//
// Everything the user typed, imported or pasted is stored exactly as given;
// every view passes it through this package on the way out, so no stored
// text can set the window title, clear the screen, move the cursor or
// overwrite a line, and wide characters keep columns aligned.
//
// The pipeline, in order:
//  1. invalid UTF-8 bytes become U+FFFD (so no stray byte can start a
//     sequence on a terminal that reads 8-bit controls), and C1 controls
//     encoded as runes (U+0080..U+009F) become their 7-bit ESC form, so the
//     next step removes a whole "U+009B 2 J", not just its first rune;
//  2. ansi.Strip removes escape sequences (CSI, OSC, DCS, SOS/PM/APC, ESC x);
//  3. a rune filter drops whatever control is left (a lone ESC, BEL, BS,
//     DEL, C1, bidi overrides), maps line breaks and tabs, and tidies spaces.
//
// Step 3 alone guarantees the invariants (no byte < 0x20 except '\n' in
// Block, no 0x7F, no C1 rune, valid UTF-8); steps 1 and 2 only decide how
// much of an escape sequence's payload disappears with it.
package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks text cut by Truncate.
const Ellipsis = "…"

// Inline renders s as a single line: escape sequences and control
// characters removed, line breaks and tabs as single spaces, runs of spaces
// (any Unicode space) collapsed to one, and no space at either end.
func Inline(s string) string {
	return clean(s, inline)
}

// Block renders s as lines: like Inline, but line breaks are kept (CR LF
// and lone CR become LF, so a CR cannot overwrite what came before), tabs
// become 4 spaces, and inner spacing is kept for indentation. Trailing
// spaces on each line and blank lines at either end are dropped.
func Block(s string) string {
	return clean(s, block)
}

// Width is the number of terminal cells s takes once made safe (East Asian
// wide characters and emoji count 2; escape sequences and controls 0; a
// tab or line break 1, as Inline shows it). Spaces are counted as they
// are, not collapsed, so Width(PadRight(s, n)) == n and a styled string
// measures what is visible.
func Width(s string) int {
	if printable(s) {
		return len(s)
	}
	return ansi.StringWidth(clean(s, line))
}

// Truncate renders s with Inline and cuts it to at most width cells,
// ending with "…" when something was cut. width <= 0 gives "".
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = Inline(s)
	if printable(s) && len(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, Ellipsis)
}

// AppendPadRight appends PadRight(s, width) to dst; plain text that fits
// (the usual table cell) is appended without building the string.
func AppendPadRight(dst []byte, s string, width int) []byte {
	if width > 0 && len(s) <= width && printable(s) && tidy(s) {
		dst = append(dst, s...)
		for n := width - len(s); n > 0; n-- {
			dst = append(dst, ' ')
		}
		return dst
	}
	return append(dst, PadRight(s, width)...)
}

// PadRight is Truncate padded with spaces to exactly width cells (a wide
// character that did not fit leaves a gap that the padding fills), so
// table columns line up. width <= 0 gives "".
func PadRight(s string, width int) string {
	t := Truncate(s, width)
	if printable(t) {
		return t + strings.Repeat(" ", max(0, width-len(t)))
	}
	// Measure again after padding: a trailing Prepend character (U+0600
	// ARABIC NUMBER SIGN...) joins the first space into its own grapheme
	// cluster, so that space adds no cell. Each round adds at least one.
	for w := ansi.StringWidth(t); w < width; w = ansi.StringWidth(t) {
		t += strings.Repeat(" ", width-w)
	}
	return t
}

// shape is what clean makes of its input.
type shape int

const (
	inline shape = iota // one line, spaces tidied
	block               // lines kept, tidied
	line                // one line, spacing untouched (for measuring)
)

// printable reports whether s is plain printable ASCII (no controls, no
// escapes, one cell per byte): most journal text, and the fast path.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// tidy reports whether plain ASCII s is already tidy for inline: no
// leading or trailing space and no run of two.
func tidy(s string) bool {
	return s == "" || (s[0] != ' ' && s[len(s)-1] != ' ' && !strings.Contains(s, "  "))
}

// clean runs the three steps described in the package comment.
func clean(s string, as shape) string {
	if printable(s) && (as == line || (as == inline && tidy(s))) {
		return s
	}
	s = ansi.Strip(normalise(s))

	var b strings.Builder
	b.Grow(len(s))
	prevCR := false
	// Strip can split a multi-byte rune when an escape sequence swallows
	// its lead byte; range decodes the leftovers as U+FFFD, written validly.
	for _, r := range s {
		if prevCR && r == '\n' { // CR LF is one line break
			prevCR = false
			continue
		}
		prevCR = r == '\r'
		switch {
		case isLineBreak(r):
			if as == block {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			if as == block {
				b.WriteString("    ")
			} else {
				b.WriteByte(' ')
			}
		case isControl(r) || isBidiControl(r):
			// dropped
		case as == inline && unicode.IsSpace(r):
			// NBSP, em space, ideographic space...: collapse and trim
			// like any space, or a "blank" note would not look blank.
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	switch as {
	case block:
		return tidyBlock(b.String())
	case inline:
		return tidyInline(b.String())
	}
	return b.String()
}

// normalise is step 1: valid UTF-8, with C1 runes in their ESC form.
func normalise(s string) string {
	if utf8.ValidString(s) && !hasC1(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s { // an invalid byte decodes as RuneError, one per byte
		switch {
		case r == 0x85: // NEL is a line break; keep it as one
			b.WriteByte('\n')
		case r >= 0x80 && r <= 0x9f:
			// C1 control = ESC + (r - 0x40): U+009B CSI -> "ESC [",
			// U+009D OSC -> "ESC ]", U+0090 DCS -> "ESC P"...
			b.WriteByte(0x1b)
			b.WriteByte(byte(r - 0x40))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasC1 reports a C1 rune (U+0080..U+009F).
func hasC1(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r <= 0x9f })
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// Hidden reports whether r is a rune the pipeline drops because a terminal
// acts on it instead of showing it: a C0 or C1 control, DEL, or a bidi
// control. Encoders that must keep text exact (JSON to a terminal) escape
// these runes rather than dropping them.
func Hidden(r rune) bool { return isControl(r) || isBidiControl(r) }

// isControl: C0, DEL and C1.
func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }

// isBidiControl: embeddings, overrides and isolates reorder what follows
// them on terminals that do bidi, so a note could display as something it
// does not say, and they throw column widths off.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// tidyInline collapses runs of spaces and trims both ends.
func tidyInline(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == ' ' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tidyBlock trims trailing spaces on each line and blank lines at both ends.
func tidyBlock(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
