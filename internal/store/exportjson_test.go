package cli

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
)

// exportText is text encoding/json escapes or replaces: quotes,
// backslashes, controls, HTML, U+2028, astral runes, invalid UTF-8.
var exportText = []string{
	"", "plain", `say "no"`, `back\slash`, "tab\there", "line\nbreak\r\n", "\x00\x01\b\f\x1f\x7f",
	"<b>&amp;</b>", "\u2028\u2029", "emoji 😀 and 𝄞", "ünïcödé", "\xff\xfe bad", "a\u0085b\u009bc",
	"\u202e right-to-left", "trailing \\", "\ufffd", "/slash/", "\xed\xa0\x80 surrogate bytes",
}

func randomExportText(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return ""
	}
	if r.IntN(2) == 0 {
		return exportText[r.IntN(len(exportText))]
	}
	var b strings.Builder
	for range r.IntN(30) {
		switch r.IntN(8) {
		case 0:
			b.WriteString(exportText[r.IntN(len(exportText))])
		case 1:
			b.WriteRune(rune(r.IntN(0x10ffff)))
		case 2:
			b.WriteByte(byte(r.IntN(256)))
		default:
			b.WriteByte(byte(' ' + r.IntN(95)))
		}
	}
	return b.String()
}

func randomExportTime(r *rand.Rand) time.Time {
	t := time.Unix(r.Int64N(4e9), r.Int64N(1e9))
	switch r.IntN(6) {
	case 0:
		return t.UTC()
	case 5:
		return t.In(time.FixedZone("", (2*r.IntN(2)-1)*(24*3600-r.IntN(2)*60))) // ±24:00 refused, ±23:59 not
	case 1:
		return t.In(time.FixedZone("", (r.IntN(48)-24)*1800+r.IntN(2)*17))
	case 2:
		return t.Truncate(time.Second).UTC()
	case 3:
		return time.Date(10000+r.IntN(3), 1, 1, 0, 0, 0, 0, time.UTC) // refused by MarshalJSON
	}
	return t.In(time.FixedZone("far", 25*3600)) // refused by MarshalJSON
}

func randomExportNo(r *rand.Rand) journal.No {
	txt := func() string { return randomExportText(r) }
	tm := func() time.Time {
		if r.IntN(20) == 0 {
			return randomExportTime(r)
		}
		return time.Unix(r.Int64N(4e9), r.Int64N(1e9)).UTC()
	}
	n := journal.No{
		ID: r.Uint64(), Date: journal.Day(txt()), CreatedAt: tm(), UpdatedAt: tm(),
		Mode: txt(), Who: txt(), Contact: txt(), Offer: txt(), Channel: txt(), Said: txt(), Reason: txt(),
		ReasonText: txt(), Assumed: txt(), Kind: journal.Kind(txt()), Change: txt(), Competitor: txt(),
		CompetitorWhy: txt(), Feeling: r.IntN(9) - 3, FeelingAfter: r.IntN(6), Lesson: txt(), Next: txt(),
		FollowUp: journal.Day(txt()), FollowUpDone: r.IntN(2) == 0, Outcome: journal.Outcome(txt()),
		ReframeStep: r.IntN(4),
	}
	for range r.IntN(4) {
		n.OutcomeHistory = append(n.OutcomeHistory, journal.OutcomeChange{Outcome: journal.Outcome(txt()), At: tm()})
	}
	if r.IntN(5) == 0 {
		n.OutcomeHistory = []journal.OutcomeChange{}
	}
	for range r.IntN(4) {
		n.Tags = append(n.Tags, txt())
	}
	if r.IntN(6) == 0 {
		n.Tags = []string{}
	}
	for range r.IntN(3) {
		n.Debrief = append(n.Debrief, journal.Answer{Prompt: txt(), Answer: txt()})
	}
	if r.IntN(2) == 0 {
		t := tm()
		n.ReframedAt = &t
	}
	if r.IntN(2) == 0 { // times repeated, as a No's often are
		n.UpdatedAt = n.CreatedAt
		if len(n.OutcomeHistory) > 0 {
			n.OutcomeHistory[0].At = n.CreatedAt
		}
		if n.ReframedAt != nil && r.IntN(2) == 0 {
			*n.ReframedAt = n.CreatedAt.In(time.FixedZone("", 3600))
		}
	}
	return n
}

// encodeWithJSON is what jsonList writes for a No that is not the first.
func encodeWithJSON(n *journal.No, indent string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(",\n" + indent + "  ")
	enc := json.NewEncoder(&buf)
	enc.SetIndent(indent+"  ", "  ")
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// TestExportNoEncoderMatchesJSON: the export's No encoder writes byte for
// byte what encoding/json writes, and fails where it fails.
func TestExportNoEncoderMatchesJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 2))
	enc := exportNoEncoder("  ")
	fast := 0
	for i := range 30000 {
		n := randomExportNo(r)
		want, werr := encodeWithJSON(&n, "  ")
		got, gerr := enc([]byte("x"), &n)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("case %d: encoding/json error %v, encoder error %v", i, werr, gerr)
		}
		if werr != nil {
			continue
		}
		if !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("case %d: %#v\nencoder: %s\njson:    %s", i, n, got[1:], want)
		}
		if _, ok := appendNoJSON(nil, &n, "    "); ok {
			fast++
		}
	}
	if fast < 25000 {
		t.Errorf("only %d of 30000 No's took the fast path", fast)
	}
}

func demoNos(tb testing.TB, n int) []journal.No {
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: n, Days: 365, Seed: 1, Today: "2026-11-23"})
	if err != nil {
		tb.Fatal(err)
	}
	return j.Nos
}

// TestExportNoEncoderDemo: every demo No takes the fast path and matches.
func TestExportNoEncoderDemo(t *testing.T) {
	enc := exportNoEncoder("  ")
	for _, n := range demoNos(t, 2000) {
		want, err := encodeWithJSON(&n, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := appendNoJSON(nil, &n, "    "); !ok {
			t.Fatalf("No %d did not take the fast path", n.ID)
		}
		if got, _ := enc(nil, &n); !bytes.Equal(got, want) {
			t.Fatalf("No %d:\nencoder: %s\njson:    %s", n.ID, got, want)
		}
	}
}

func BenchmarkExportNoEncoder(b *testing.B) {
	nos := demoNos(b, 256)
	b.Run("fast", func(b *testing.B) {
		enc := exportNoEncoder("  ")
		var buf []byte
		for i := range b.N {
			buf, _ = enc(buf[:0], &nos[i%len(nos)])
		}
	})
	b.Run("json", func(b *testing.B) {
		for i := range b.N {
			_, _ = encodeWithJSON(&nos[i%len(nos)], "  ")
		}
	})
}

// TestNeedsEscape8: needsEscape8 finds any byte that is not htmlSafe ASCII.
func TestNeedsEscape8(t *testing.T) {
	check := func(b [8]byte) {
		want := false
		for _, c := range b {
			want = want || c >= utf8.RuneSelf || !htmlSafe[c]
		}
		if got := needsEscape8(string(b[:])); got != want {
			t.Fatalf("needsEscape8(%q) = %v", b, got)
		}
	}
	for c := range 256 {
		for i := range 8 {
			b := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			b[i] = byte(c)
			check(b)
		}
	}
	r := rand.New(rand.NewPCG(8, 9))
	for range 200000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(4) > 0 {
				b[i] = byte(0x20 + r.IntN(0x60))
			}
		}
		check(b)
	}
}
