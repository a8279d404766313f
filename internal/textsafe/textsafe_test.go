package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// attacks are the strings every test and every fuzz run starts from.
var attacks = []string{
	"\x1b]0;pwned\x07",       // OSC 0: set window title, BEL-terminated
	"\x1b]2;pwned\x1b\\rest", // OSC 2, ST-terminated
	"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", // hyperlink
	"\x1b]52;c;cHduZWQ=\x07",                                // OSC 52: write the clipboard
	"\x1b[2J",                                               // clear screen
	"\x1b[H",                                                // cursor home
	"\x1b[10;20H\x1b[5A\x1b[2C\x1b[K",                       // cursor moves, erase line
	"\x1b[?1049h\x1b[?25l",                                  // alt screen, hide cursor
	"\x1b[31mred\x1b[0m",                                    // colour
	"\x1bP1$r\x1b\\",                                        // DCS
	"\x1b_Gf=100;AAAA\x1b\\",                                // APC (kitty graphics)
	"\x1bc",                                                 // RIS: full reset
	"\x9b2J",                                                // raw 8-bit CSI byte (invalid UTF-8)
	"\u009b2J",                                              // C1 CSI as a rune
	"\u009d0;pwned\u009c",                                   // C1 OSC ... C1 ST
	"\u0090q\u009c",                                         // C1 DCS
	"\x1b",                                                  // bare ESC
	"a\x1b",                                                 // trailing ESC
	"\x1b\x1b[",                                             // ESC ESC [
	"\x1b]0;never terminated",                               // open OSC
	"Paid in full\rUNPAID      ",                            // CR overwrite
	"ok\b\b\bNO",                                            // backspace overwrite
	"ding\x07\x07",                                          // BEL
	"a\x7fb\x00c",                                           // DEL, NUL
	"\xff\xfe",                                              // invalid UTF-8
	"\xe6\x1b[2J",                                           // truncated rune then CSI
	"日本語",                                                   // wide
	"👍🏽",                                                    // emoji + skin tone
	"👨\u200d👩\u200d👧",                                       // ZWJ family
	"e\u0301",                                               // combining accent
	"abc\u202edef\u2066x\u2069",                             // bidi override / isolate
	"line1\r\nline2\n\tTabbed\u2028sep\u0085nel", // line breaks of every kind
	"  lots   of    space  ",
	"",
}

// checkInert fails when out could still do something to a terminal.
func checkInert(t *testing.T, fn, in, out string, newlines bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s(%q) = %q: invalid UTF-8", fn, in, out)
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		if (c < 0x20 && !(newlines && c == '\n')) || c == 0x7f {
			t.Errorf("%s(%q) = %q: control byte %#x at %d", fn, in, out, c, i)
		}
	}
	for _, r := range out {
		if r >= 0x80 && r <= 0x9f {
			t.Errorf("%s(%q) = %q: C1 control %U", fn, in, out, r)
		}
	}
}

func TestInline(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"\x1b]0;pwned\x07Hello", "Hello"},
		{"\x1b]2;pwned\x1b\\Hi", "Hi"},
		{"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"a\x1b[2Jb", "ab"},
		{"\x1b[H\x1b[2J\x1b[3J", ""},
		{"x\x1b[10;20Hy\x1b[5A\x1b[2Cz", "xyz"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1bP1$r\x1b\\x", "x"},
		{"\x1b_Gf=100;AAAA\x1b\\img", "img"},
		{"\u009b2Jvisible", "visible"},                  // C1 CSI with its parameters
		{"\u009d0;pwned\u009cok", "ok"},                 // C1 OSC .. C1 ST
		{"\x9b2J", "\uFFFD2J"},                          // raw byte: invalid UTF-8, shown, inert
		{"a\x1b", "a"},                                  // bare ESC
		{"\x1b", ""},                                    //
		{"Paid in full\rUNPAID", "Paid in full UNPAID"}, // CR cannot overwrite
		{"ok\b\b\bNO", "okNO"},
		{"ding\x07", "ding"},
		{"a\x7fb\x00c", "abc"},
		{"\xff\xfe", "\uFFFD\uFFFD"},
		{"日本語", "日本語"},
		{"👍🏽", "👍🏽"},
		{"👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"}, // ZWJ kept: it joins the emoji
		{"abc\u202edef", "abcdef"},
		{"a\tb\n\nc   d ", "a b c d"},
		{"  lots   of    space  ", "lots of space"},
		{"one\u2028two\u0085three", "one two three"},
	}
	for _, tt := range tests {
		got := Inline(tt.in)
		if got != tt.want {
			t.Errorf("Inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkInert(t, "Inline", tt.in, got, false)
	}
	for _, a := range attacks {
		got := Inline(a)
		checkInert(t, "Inline", a, got, false)
		if strings.Contains(got, "\n") || strings.Contains(got, "pwned") {
			t.Errorf("Inline(%q) = %q", a, got)
		}
	}
}

func TestBlock(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"line1\r\nline2\rline3\nline4", "line1\nline2\nline3\nline4"},
		{"\tindented", "    indented"},
		{"\n\n  keep  inner  \n\n", "  keep  inner"},
		{"a\x1b[2J\nb\x1b]0;pwned\x07", "a\nb"},
		{"a\u0085b\u2029c", "a\nb\nc"},
		{"Paid in full\rUNPAID", "Paid in full\nUNPAID"},
		{"x\n\n\ny", "x\n\n\ny"}, // inner blank lines are the writer's
		{"\u009b2Ja\vb", "a\nb"},
	}
	for _, tt := range tests {
		got := Block(tt.in)
		if got != tt.want {
			t.Errorf("Block(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkInert(t, "Block", tt.in, got, true)
	}
	for _, a := range attacks {
		checkInert(t, "Block", a, Block(a), true)
	}
}

func TestWidth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"日本語", 6},
		{"👍🏽", 2},
		{"👨\u200d👩\u200d👧", 2},
		{"e\u0301", 1},
		{"\x1b[31mred\x1b[0m", 3},
		{"a\tb", 3},
		{"\x1b]0;pwned\x07", 0},
		{"\xff", 1},
	}
	for _, tt := range tests {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncatePad(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in        string
		width     int
		trunc     string
		truncCols int
	}{
		{"hello world", 5, "hell…", 5},
		{"hello", 5, "hello", 5},
		{"hello", 9, "hello", 5},
		{"hello", 1, "…", 1},
		{"hello", 0, "", 0},
		{"hello", -3, "", 0},
		{"日本語テキスト", 5, "日本…", 5},
		{"日本語", 4, "日…", 3}, // 本 would need a 4th and 5th cell
		{"👍🏽👍🏽👍🏽", 4, "👍🏽…", 3},
		{"a\x1b]0;x\x07b\r\nc", 10, "ab c", 4},
		{"\x1b[2J" + strings.Repeat("x", 20), 8, "xxxxxxx…", 8},
		{"\u0601", 6, "\u0601", 0}, // a Prepend mark joins the next space: PadRight must re-measure
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.width)
		if got != tt.trunc || Width(got) != tt.truncCols {
			t.Errorf("Truncate(%q, %d) = %q (%d cells), want %q (%d)", tt.in, tt.width, got, Width(got), tt.trunc, tt.truncCols)
		}
		pad := PadRight(tt.in, tt.width)
		if want := max(tt.width, 0); Width(pad) != want || !strings.HasPrefix(pad, got) {
			t.Errorf("PadRight(%q, %d) = %q (%d cells), want %d cells starting %q", tt.in, tt.width, pad, Width(pad), want, got)
		}
	}
}

func FuzzInline(f *testing.F) {
	for i, a := range attacks {
		f.Add(a, i%12)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		out := Inline(s)
		checkInert(t, "Inline", s, out, false)
		if strings.Contains(out, "  ") || strings.TrimSpace(out) != out {
			t.Errorf("Inline(%q) = %q: spaces not tidied", s, out)
		}
		if again := Inline(out); again != out {
			t.Errorf("Inline not idempotent: %q -> %q -> %q", s, out, again)
		}
		checkWidths(t, s, width%200)
	})
}

func FuzzBlock(f *testing.F) {
	for i, a := range attacks {
		f.Add(a, i%12)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		out := Block(s)
		checkInert(t, "Block", s, out, true)
		if strings.Contains(out, "\r") || strings.Contains(out, "\t") {
			t.Errorf("Block(%q) = %q", s, out)
		}
		if again := Block(out); again != out {
			t.Errorf("Block not idempotent: %q -> %q -> %q", s, out, again)
		}
		checkWidths(t, s, width%200)
	})
}

// checkWidths: Truncate never exceeds width, PadRight fills it exactly.
func checkWidths(t *testing.T, s string, width int) {
	t.Helper()
	tr := Truncate(s, width)
	checkInert(t, "Truncate", s, tr, false)
	if w := Width(tr); w > max(width, 0) {
		t.Errorf("Truncate(%q, %d) = %q is %d cells", s, width, tr, w)
	}
	if w, full := Width(tr), Width(Inline(s)); w < min(full, width) && !strings.HasSuffix(tr, Ellipsis) {
		t.Errorf("Truncate(%q, %d) = %q cut without %s", s, width, tr, Ellipsis)
	}
	pad := PadRight(s, width)
	if w := Width(pad); w != max(width, 0) {
		t.Errorf("PadRight(%q, %d) = %q is %d cells", s, width, pad, w)
	}
}

func TestAppendPadRightIsPadRight(t *testing.T) {
	for _, s := range []string{"", "a", "Acme Corp", "  two  spaces ", "tab\there", "株式会社", "\x1b[31mred\x1b[0m", "exactly ten", "longer than the width"} {
		for w := -1; w <= 14; w++ {
			if got, want := string(AppendPadRight([]byte("x"), s, w)), "x"+PadRight(s, w); got != want {
				t.Errorf("AppendPadRight(%q, %d) = %q, want %q", s, w, got, want)
			}
		}
	}
}
