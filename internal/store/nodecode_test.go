package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
)

// trickyText is text that makes encoding/json escape or replace: quotes,
// backslashes, controls, HTML, U+2028, astral runes, invalid UTF-8.
var trickyText = []string{
	"", "plain", `say "no"`, `back\slash`, "tab\there", "line\nbreak\r\n", "\x00\x01\x1f\x7f",
	"<b>&amp;</b>", "\u2028\u2029", "emoji 😀 and 𝄞", "ünïcödé", "\xff\xfe bad", "a\u0085b\u009bc",
	"\u202e right-to-left", "trailing \\", "\ufffd", "/slash/",
}

func randomText(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return trickyText[r.IntN(len(trickyText))]
	}
	var b strings.Builder
	for range r.IntN(40) {
		switch r.IntN(10) {
		case 0:
			b.WriteString(trickyText[r.IntN(len(trickyText))])
		case 1:
			b.WriteRune(rune(r.IntN(0x10ffff)))
		default:
			b.WriteByte(byte(' ' + r.IntN(95)))
		}
	}
	return b.String()
}

func randomTime(r *rand.Rand) time.Time {
	t := time.Unix(r.Int64N(4e9), r.Int64N(2e9)%1e9)
	switch r.IntN(4) {
	case 0:
		return t.UTC()
	case 1:
		return t.In(time.FixedZone("", (r.IntN(48)-24)*1800))
	case 2:
		return t.Truncate(time.Second).UTC()
	}
	return t.Round(time.Millisecond).UTC()
}

// randomNo is a No with every field sometimes empty, sometimes tricky.
func randomNo(r *rand.Rand) journal.No {
	txt := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		return randomText(r)
	}
	n := journal.No{
		ID: r.Uint64N(1 << 40), Date: journal.Day(txt()), CreatedAt: randomTime(r), UpdatedAt: randomTime(r),
		Mode: txt(), Who: txt(), Contact: txt(), Offer: txt(), Channel: txt(), Said: txt(), Reason: txt(),
		ReasonText: txt(), Assumed: txt(), Kind: journal.Kind(txt()), Change: txt(), Competitor: txt(),
		CompetitorWhy: txt(), Feeling: r.IntN(7) - 1, FeelingAfter: r.IntN(6), Lesson: txt(), Next: txt(),
		FollowUp: journal.Day(txt()), FollowUpDone: r.IntN(2) == 0, Outcome: journal.Outcome(txt()),
		ReframeStep: r.IntN(4),
	}
	if r.IntN(2) == 0 {
		n.Date = "2026-03-04"
	}
	for range r.IntN(4) {
		n.OutcomeHistory = append(n.OutcomeHistory, journal.OutcomeChange{Outcome: journal.Outcome(txt()), At: randomTime(r)})
	}
	if r.IntN(5) == 0 {
		n.OutcomeHistory = []journal.OutcomeChange{}
	}
	for range r.IntN(4) {
		n.Tags = append(n.Tags, txt())
	}
	for range r.IntN(3) {
		n.Debrief = append(n.Debrief, journal.Answer{Prompt: txt(), Answer: txt()})
	}
	if r.IntN(2) == 0 {
		t := randomTime(r)
		n.ReframedAt = &t
	}
	n.Thought, n.EvidenceFor, n.EvidenceAgainst, n.Balanced = txt(), txt(), txt(), txt()
	n.ReferralAsked, n.Referral, n.Stage, n.Prepared, n.Mistake = r.IntN(2) == 0, txt(), txt(), txt(), txt()
	n.ConditionMet = r.IntN(2) == 0
	n.Amount, n.Source = randomAmount(r), txt()
	for range r.IntN(3) {
		n.Traps = append(n.Traps, txt())
	}
	for range r.IntN(3) {
		n.SecondaryReasons = append(n.SecondaryReasons, txt())
	}
	if r.IntN(2) == 0 { // times repeated, as a No's often are
		n.UpdatedAt = n.CreatedAt
		if len(n.OutcomeHistory) > 0 {
			n.OutcomeHistory[0].At = n.CreatedAt
		}
	}
	return n
}

// TestDecodeNoFastMatchesJSON: on every value this build writes, the fast
// decoder takes it and gets what encoding/json gets.
func TestDecodeNoFastMatchesJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 1))
	cases := 20000
	if testing.Short() {
		cases = 4000 // the full suite checks all 20,000
	}
	for i := range cases {
		n := randomNo(r)
		v, err := encodeNo(&n)
		if err != nil {
			t.Fatal(err)
		}
		var want, got noDisk
		if err := json.Unmarshal(v[1:], &want); err != nil {
			t.Fatal(err)
		}
		if !decodeNoFast(string(v[1:]), &got) {
			t.Fatalf("case %d: the fast decoder refused a value this build writes: %s", i, v[1:])
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: %s\nfast: %#v\njson: %#v", i, v[1:], got, want)
		}
	}
}

// TestDecodeNoFastEdges: hand-written values the fast decoder either takes
// exactly as encoding/json does or hands back to it (never a different No).
func TestDecodeNoFastEdges(t *testing.T) {
	cases := []struct {
		in   string
		fast bool // the fast path must take it
	}{
		{`{}`, true},
		{` { "date" : "2026-01-02" , "who" : "A" } `, true},
		{`{"tags":[],"debrief":[],"outcome_history":[]}`, true},
		{`{"outcome_history":[{"at":"2026-01-02T03:04:05+02:00","outcome":"yes"}]}`, true},
		{`{"who":"\u00e9\ud83d\ude00\n\"\\\/"}`, true},
		{`{"feeling":-0,"reframe_step":12}`, true},
		{`{"follow_up_done":true}`, true},
		{`{"reframed_at":"2026-01-02T03:04:05.123456789Z"}`, true},
		{`{"Date":"2026-01-02"}`, false},            // case-folded key
		{`{"who":"a","who":"b"}`, false},            // repeated
		{`{"who":null}`, false},                     // null
		{`{"feeling":1.0}`, false},                  // fraction
		{`{"feeling":1e1}`, false},                  // exponent
		{`{"feeling":01}`, false},                   // leading zero
		{`{"feeling":99999999999999999999}`, false}, // overflow
		{`{"who":"\ud83d"}`, false},                 // lone surrogate
		{"{\"who\":\"\xff\"}", false},               // invalid UTF-8
		{`{"who":"a"} x`, false},                    // trailing data
		{`{"who":"a",}`, false},                     // trailing comma
		{`{"extra":1}`, false},                      // unknown field
		{`{"created_at":"yesterday"}`, false},       // not a time
		{`{"follow_up_done":tru}`, false},
		{`{"tags":["a",]}`, false},
		{`{"outcome_history":[{"at":"2026-01-02T03:04:05Z","at":"2026-01-02T03:04:05Z"}]}`, false},
		{"{\"who\":\"a\tb\"}", false}, // raw control character
		{`{"who":"\x"}`, false},
		{`{"who"`, false},
	}
	for _, c := range cases {
		var got, want noDisk
		ok := decodeNoFast(c.in, &got)
		jerr := json.Unmarshal([]byte(c.in), &want)
		switch {
		case ok != c.fast:
			t.Errorf("%s: fast path took it = %v, want %v", c.in, ok, c.fast)
		case ok && jerr != nil:
			t.Errorf("%s: fast path took what encoding/json refuses (%v)", c.in, jerr)
		case ok && !reflect.DeepEqual(got, want):
			t.Errorf("%s:\nfast: %#v\njson: %#v", c.in, got, want)
		}
	}
}

// FuzzDecodeNoFast: whatever the bytes, the fast decoder agrees with
// encoding/json or steps aside.
func FuzzDecodeNoFast(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		n := randomNo(r)
		v, _ := encodeNo(&n)
		f.Add(v[1:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got, want noDisk
		if !decodeNoFast(string(b), &got) {
			return
		}
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("fast path took what encoding/json refuses (%v): %q", err, b)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nfast: %#v\njson: %#v", b, got, want)
		}
	})
}

// BenchmarkDecodeNo decodes demo No's (what a journal holds).
func BenchmarkDecodeNo(b *testing.B) {
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: 256, Days: 365, Seed: 1, Today: "2026-11-23"})
	if err != nil {
		b.Fatal(err)
	}
	var vals [][]byte
	for i := range j.Nos {
		v, _ := encodeNo(&j.Nos[i])
		vals = append(vals, v)
	}
	b.Run("fast", func(b *testing.B) {
		for i := range b.N {
			var d noDisk
			decodeNoFast(string(vals[i%len(vals)][1:]), &d)
		}
	})
	b.Run("json", func(b *testing.B) {
		for i := range b.N {
			var d noDisk
			_ = json.Unmarshal(vals[i%len(vals)][1:], &d)
		}
	})
}

// FuzzValidDay: validDay is journal.Day.Valid.
func FuzzValidDay(f *testing.F) {
	for _, d := range []string{"2026-02-28", "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "0000-01-01",
		"9999-12-31", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01", "+026-01-01", "2026-01-01 ", "2026/01/01", ""} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		if got, want := validDay(d), journal.Day(d).Valid(); got != want {
			t.Fatalf("validDay(%q) = %v, Valid %v", d, got, want)
		}
		if got, want := validDay([]byte(d)), journal.Day(d).Valid(); got != want {
			t.Fatalf("validDay([]byte(%q)) = %v, Valid %v", d, got, want)
		}
	})
}

// TestValidDayEveryDay: every day of four centuries, and each with its
// day one past the month's end.
func TestValidDayEveryDay(t *testing.T) {
	for d := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2301; d = d.AddDate(0, 0, 1) {
		s := d.Format("2006-01-02")
		if !validDay(s) {
			t.Fatalf("validDay(%s) = false", s)
		}
		if next := s[:8] + fmt.Sprintf("%02d", d.Day()+1); validDay(next) != journal.Day(next).Valid() {
			t.Fatalf("validDay(%s) disagrees with Valid", next)
		}
	}
}

// TestSpecial8: special8 finds any byte that is not plain, wherever it is.
func TestSpecial8(t *testing.T) {
	check := func(b [8]byte) {
		want := false
		for _, c := range b {
			want = want || !plainByte[c]
		}
		if got := special8(load8(string(b[:]))); got != want {
			t.Fatalf("special8(%q) = %v", b, got)
		}
	}
	for c := range 256 {
		for i := range 8 {
			b := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			b[i] = byte(c)
			check(b)
		}
	}
	r := rand.New(rand.NewPCG(8, 8))
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

// TestFoldASCII: fold's shortcut for ASCII is what NFD and lowercasing give.
func TestFoldASCII(t *testing.T) {
	slow := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		return b.String()
	}
	var all []byte
	for c := range 128 {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", string(all), "Hello WORLD", "Acme Corp", "a-b_c.d'e"} {
		if got, want := fold(s), slow(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}
