// Command ansi2html turns a terminal capture with SGR colour codes (what
// `tmux capture-pane -e -p` prints) into a standalone HTML page that looks
// like a dark terminal window, for headless Chromium to screenshot. It is a
// tool for make.sh beside it (the README screenshots), not part of Rebound.
//
//	tmux capture-pane -e -p -t s | ansi2html -title "rebound" > home.html
//	ansi2html -size -cols 100 -rows 30   # prints the page size: 1003,640
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// Page geometry. DejaVu Sans Mono advances 1233/2048 em per cell.
const (
	fontSize   = 16.0
	cellWidth  = fontSize * 1233 / 2048
	lineHeight = 19.0
	pad        = 18.0
	titleBar   = 30.0
	defaultFG  = "#e8e6f0"
	defaultBG  = "#1b1a23"
)

func main() {
	cols := flag.Int("cols", 100, "terminal width in cells")
	rows := flag.Int("rows", 30, "terminal height in lines")
	title := flag.String("title", "rebound", "window title")
	size := flag.Bool("size", false, "print the page size as W,H (for chromium --window-size) and exit")
	flag.Parse()
	w := int(math.Ceil(float64(*cols)*cellWidth + 2*pad))
	h := int(math.Ceil(float64(*rows)*lineHeight + 2*pad + titleBar))
	if *size {
		fmt.Printf("%d,%d\n", w, h)
		return
	}
	in, err := io.ReadAll(bufio.NewReader(os.Stdin))
	if err != nil {
		fmt.Fprintln(os.Stderr, "ansi2html:", err)
		os.Exit(1)
	}
	lines := strings.Split(strings.TrimRight(string(in), "\n"), "\n")
	if len(lines) > *rows {
		lines = lines[:*rows]
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, page, w, h, defaultBG, defaultFG, fontSize, lineHeight, pad, titleBar, titleBar, html.EscapeString(*title))
	var st state
	for _, line := range lines {
		out.WriteString(convert(line, &st))
		out.WriteString("\n")
	}
	out.WriteString("</pre></div></body></html>\n")
}

const page = `<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; width: %dpx; height: %dpx; overflow: hidden; background: %s; }
.win { color: %s; font-family: "DejaVu Sans Mono", monospace; font-size: %.0fpx; line-height: %.0fpx;
       font-variant-ligatures: none; }
pre { margin: 0; padding: %.0fpx; font: inherit; white-space: pre; }
.bar { height: %.0fpx; background: #2a2935; display: flex; align-items: center; padding: 0 14px;
       font-family: "DejaVu Sans", sans-serif; font-size: 13px; color: #9a97ad; }
.bar i { width: 12px; height: 12px; border-radius: 6px; margin-right: 8px; display: inline-block; }
.bar span { flex: 1; text-align: center; margin-right: 60px; line-height: %.0fpx; }
</style></head><body><div class="win">
<div class="bar"><i style="background:#ff5f57"></i><i style="background:#febc2e"></i><i style="background:#28c840"></i><span>%s</span></div>
<pre>`

// state is the current SGR attributes.
type state struct {
	fg, bg                                  string
	bold, faint, italic, under, rev, strike bool
}

func (s state) css() string {
	fg, bg := s.fg, s.bg
	if s.rev {
		fg, bg = bg, fg
		if fg == "" {
			fg = defaultBG
		}
		if bg == "" {
			bg = defaultFG
		}
	}
	var b strings.Builder
	if fg != "" {
		b.WriteString("color:" + fg + ";")
	}
	if bg != "" {
		b.WriteString("background:" + bg + ";")
	}
	if s.bold {
		b.WriteString("font-weight:bold;")
	}
	if s.faint {
		b.WriteString("opacity:.6;")
	}
	if s.italic {
		b.WriteString("font-style:italic;")
	}
	switch {
	case s.under && s.strike:
		b.WriteString("text-decoration:underline line-through;")
	case s.under:
		b.WriteString("text-decoration:underline;")
	case s.strike:
		b.WriteString("text-decoration:line-through;")
	}
	return b.String()
}

// convert renders one line; attributes carry over to the next line like
// they do in a terminal.
func convert(line string, st *state) string {
	var out, text strings.Builder
	flush := func() {
		if text.Len() == 0 {
			return
		}
		// Runs of full blocks (bars, heatmap cells) become coloured
		// spaces: glyphs leave hairline seams between cells, a background
		// does not.
		for _, run := range splitBlocks(text.String()) {
			css := st.css()
			body := html.EscapeString(run)
			if strings.HasPrefix(run, fullBlock) {
				fg := st.fg
				if fg == "" {
					fg = defaultFG
				}
				css += "background:" + fg + ";"
				body = strings.Repeat(" ", strings.Count(run, fullBlock))
			}
			if css != "" {
				out.WriteString(`<span style="` + css + `">` + body + `</span>`)
			} else {
				out.WriteString(body)
			}
		}
		text.Reset()
	}
	for i := 0; i < len(line); {
		c := line[i]
		if c != 0x1b {
			if c >= 0x20 || c == '\t' {
				text.WriteByte(c)
			}
			i++
			continue
		}
		if i+1 < len(line) && line[i+1] == '[' { // CSI: parameters, then a final byte
			j := i + 2
			for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
				j++
			}
			if j < len(line) && line[j] == 'm' {
				flush()
				sgr(line[i+2:j], st)
			}
			i = j + 1
			continue
		}
		if i+1 < len(line) && line[i+1] == ']' { // OSC (e.g. hyperlinks): skip to ST or BEL
			j := i + 2
			for j < len(line) && line[j] != 0x07 && !(line[j] == 0x1b && j+1 < len(line) && line[j+1] == '\\') {
				j++
			}
			if j < len(line) && line[j] == 0x1b {
				j++
			}
			i = j + 1
			continue
		}
		i += 2
	}
	flush()
	return out.String()
}

func sgr(params string, st *state) {
	if params == "" {
		*st = state{}
		return
	}
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	n := func(k int) int {
		if k >= len(ps) {
			return -1
		}
		v, err := strconv.Atoi(ps[k])
		if err != nil {
			return -1
		}
		return v
	}
	for k := 0; k < len(ps); k++ {
		switch p := n(k); {
		case p == 0:
			*st = state{}
		case p == 1:
			st.bold = true
		case p == 2:
			st.faint = true
		case p == 3:
			st.italic = true
		case p == 4:
			st.under = true
		case p == 7:
			st.rev = true
		case p == 9:
			st.strike = true
		case p == 22:
			st.bold, st.faint = false, false
		case p == 23:
			st.italic = false
		case p == 24:
			st.under = false
		case p == 27:
			st.rev = false
		case p == 29:
			st.strike = false
		case p >= 30 && p <= 37:
			st.fg = palette(p - 30)
		case p >= 90 && p <= 97:
			st.fg = palette(p - 90 + 8)
		case p >= 40 && p <= 47:
			st.bg = palette(p - 40)
		case p >= 100 && p <= 107:
			st.bg = palette(p - 100 + 8)
		case p == 39:
			st.fg = ""
		case p == 49:
			st.bg = ""
		case p == 38 || p == 48:
			var col string
			switch n(k + 1) {
			case 5:
				col = palette(n(k + 2))
				k += 2
			case 2:
				col = fmt.Sprintf("#%02x%02x%02x", clamp(n(k+2)), clamp(n(k+3)), clamp(n(k+4)))
				k += 4
			}
			if p == 38 {
				st.fg = col
			} else {
				st.bg = col
			}
		}
	}
}

func clamp(v int) int { return max(0, min(255, v)) }

// palette is the xterm 256-colour palette.
func palette(i int) string {
	base := []string{"#1b1a23", "#e0556b", "#5fd68a", "#ffd43b", "#6aa9ff", "#b197fc", "#4fd1c5", "#d8d6e0",
		"#6c6a7d", "#ff7a8a", "#8ce8a8", "#ffe27a", "#93c0ff", "#cbb8ff", "#7fe3d8", "#ffffff"}
	switch {
	case i < 0 || i > 255:
		return ""
	case i < 16:
		return base[i]
	case i < 232:
		i -= 16
		step := func(v int) int {
			if v == 0 {
				return 0
			}
			return 55 + 40*v
		}
		return fmt.Sprintf("#%02x%02x%02x", step(i/36), step(i/6%6), step(i%6))
	}
	g := 8 + 10*(i-232)
	return fmt.Sprintf("#%02x%02x%02x", g, g, g)
}

const fullBlock = "█"

// splitBlocks cuts s into runs that are all full blocks or have none.
func splitBlocks(s string) []string {
	var runs []string
	for s != "" {
		i := strings.Index(s, fullBlock)
		switch {
		case i < 0:
			return append(runs, s)
		case i > 0:
			runs = append(runs, s[:i])
			s = s[i:]
		}
		j := 0
		for strings.HasPrefix(s[j:], fullBlock) {
			j += len(fullBlock)
		}
		runs = append(runs, s[:j])
		s = s[j:]
	}
	return runs
}
