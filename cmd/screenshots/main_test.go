package main

import "testing"

func TestConvert(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain <b> & text", "plain &lt;b&gt; &amp; text"},
		{"\x1b[1m\x1b[38;2;255;138;91mrebound\x1b[0m ›", `<span style="color:#ff8a5b;font-weight:bold;">rebound</span> ›`},
		{"\x1b[38;5;238m┃\x1b[39m x", `<span style="color:#444444;">┃</span> x`},
		{"\x1b[31;44mred\x1b[49m", `<span style="color:#e0556b;background:#6aa9ff;">red</span>`},
		{"\x1b[38;2;1;2;3m██▏\x1b[0m", `<span style="color:#010203;background:#010203;">  </span><span style="color:#010203;">▏</span>`},
		{"a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
	} {
		var st state
		if got := convert(c.in, &st); got != c.want {
			t.Errorf("convert(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestAttributesCarryAcrossLines(t *testing.T) {
	var st state
	convert("\x1b[33mwarn", &st)
	if got := convert("still", &st); got != `<span style="color:#ffd43b;">still</span>` {
		t.Fatalf("second line: %s", got)
	}
}

func TestPalette(t *testing.T) {
	for i, want := range map[int]string{16: "#000000", 196: "#ff0000", 231: "#ffffff", 232: "#080808", 255: "#eeeeee", 300: ""} {
		if got := palette(i); got != want {
			t.Errorf("palette(%d) = %q, want %q", i, got, want)
		}
	}
}
