package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
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
	n.Thought, n.EvidenceFor, n.EvidenceAgainst, n.Balanced = txt(), txt(), txt(), txt()
	n.ReferralAsked, n.Referral, n.Stage, n.Prepared, n.Mistake = r.IntN(2) == 0, txt(), txt(), txt(), txt()
	n.Amount, n.Source = randomAmount(r), txt()
	for range r.IntN(3) {
		n.Traps = append(n.Traps, txt())
	}
	for range r.IntN(3) {
		n.SecondaryReasons = append(n.SecondaryReasons, txt())
	}
	if r.IntN(6) == 0 {
		n.Traps, n.SecondaryReasons = []string{}, []string{}
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
	fast, cases := 0, 30000
	if testing.Short() {
		cases = 6000 // the full suite encodes all 30,000
	}
	for i := range cases {
		n := randomExportNo(r)
		want, werr := encodeWithJSON(&n, "  ")
		got, gerr := exportNoJSON([]byte("x,\n    "), &n, "    ")
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
	if fast < cases*5/6 {
		t.Errorf("only %d of %d No's took the fast path", fast, cases)
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
	for _, n := range demoNos(t, 2000) {
		want, err := encodeWithJSON(&n, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := appendNoJSON(nil, &n, "    "); !ok {
			t.Fatalf("No %d did not take the fast path", n.ID)
		}
		if got, _ := exportNoJSON([]byte(",\n    "), &n, "    "); !bytes.Equal(got, want) {
			t.Fatalf("No %d:\nencoder: %s\njson:    %s", n.ID, got, want)
		}
	}
}

func BenchmarkExportNoEncoder(b *testing.B) {
	nos := demoNos(b, 256)
	b.Run("fast", func(b *testing.B) {
		var buf []byte
		for i := range b.N {
			buf, _ = exportNoJSON(buf[:0], &nos[i%len(nos)], "    ")
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

// slowExport is what the export writes for a stored No when it does not
// transcode it: decode, check its dates, encode. ok is false for a No the
// export leaves out.
func slowExport(t testing.TB, id uint64, v string) ([]byte, bool) {
	var n journal.No
	if err := decodeNoString(idKey(id), v, &n); err != nil {
		return nil, false
	}
	if !n.Date.Valid() || (n.FollowUp != "" && !n.FollowUp.Valid()) {
		return nil, false
	}
	out, err := exportNoJSON(nil, &n, "    ")
	if err != nil {
		return nil, false
	}
	return out, true
}

// TestTranscodeMatchesDecodeAndEncode: whatever a stored No holds, the
// export's bytes straight from it are the bytes of decoding and encoding
// it; and every No this build writes with valid dates goes straight.
func TestTranscodeMatchesDecodeAndEncode(t *testing.T) {
	var tc transcoder
	check := func(i int, n *journal.No) bool {
		v, err := encodeNo(n)
		if err != nil {
			return false // a time no journal can hold
		}
		got, ok := tc.transcode(nil, n.ID, string(v), "    ")
		want, wok := slowExport(t, n.ID, string(v))
		if ok && (!wok || !bytes.Equal(got, want)) {
			t.Fatalf("case %d: %s\ntranscoded: %s\ndecoded:    %s (exported: %v)", i, v, got, want, wok)
		}
		return ok
	}
	per := 30000 // random No's of each kind
	if testing.Short() {
		per = 6000 // the full suite checks all 90,000
	}
	r := rand.New(rand.NewPCG(20, 3))
	straight := 0
	for i := range per {
		n := randomExportNo(r)
		if r.IntN(2) == 0 {
			n.Date, n.FollowUp = "2026-01-02", journal.Day([]string{"", "2026-02-30", "2026-03-01"}[r.IntN(3)])
		}
		if check(i, &n) {
			straight++
		}
	}
	r2 := rand.New(rand.NewPCG(20, 4))
	for i := range per { // the decoder's No's: more of them well formed
		n := randomNo(r2)
		if check(i, &n) {
			straight++
		}
	}
	// And No's as a journal holds them (valid UTF-8, UTC times, valid
	// dates) but with every kind of text: nearly all go straight.
	valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	for i := range per {
		n := randomNo(r2)
		for _, p := range []*string{&n.Mode, &n.Who, &n.Contact, &n.Offer, &n.Channel, &n.Said, &n.Reason, &n.ReasonText,
			&n.Assumed, &n.Change, &n.Competitor, &n.CompetitorWhy, &n.Lesson, &n.Next, &n.Thought, &n.EvidenceFor,
			&n.EvidenceAgainst, &n.Balanced, &n.Referral, &n.Stage, &n.Prepared, &n.Mistake} {
			*p = valid(*p)
		}
		for _, list := range [][]string{n.Traps, n.SecondaryReasons} {
			for j := range list {
				list[j] = valid(list[j])
			}
		}
		n.Kind, n.Outcome = journal.Kind(valid(string(n.Kind))), journal.Outcome(valid(string(n.Outcome)))
		n.Date, n.FollowUp = "2026-01-02", ""
		n.CreatedAt, n.UpdatedAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC()
		for j := range n.OutcomeHistory {
			n.OutcomeHistory[j].At = n.OutcomeHistory[j].At.UTC()
			n.OutcomeHistory[j].Outcome = journal.Outcome(valid(string(n.OutcomeHistory[j].Outcome)))
		}
		for j := range n.Tags {
			n.Tags[j] = valid(n.Tags[j])
		}
		for j := range n.Debrief {
			n.Debrief[j] = journal.Answer{Prompt: valid(n.Debrief[j].Prompt), Answer: valid(n.Debrief[j].Answer)}
		}
		if n.ReframedAt != nil {
			*n.ReframedAt = n.ReframedAt.UTC()
		}
		if check(i, &n) {
			straight++
		}
	}
	t.Logf("%d of %d random No's went straight", straight, 3*per)
	if straight < per*5/6 {
		t.Errorf("only %d of %d random No's went straight", straight, 3*per)
	}
	for _, n := range demoNos(t, 3000) {
		if !check(0, &n) {
			t.Fatalf("demo No %d did not go straight", n.ID)
		}
	}
}

// TestTranscodeSteps aside for what encoding/json would write otherwise.
func TestTranscodeStepsAside(t *testing.T) {
	var tc transcoder
	base := `"date":"2026-01-02","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05.5Z","who":"A"`
	cases := []struct {
		in       string
		straight bool
	}{
		{`{` + base + `}`, true},
		{`{` + base + `,"said":"a \"b\" \\ \n \u001b \u003c\u003e\u0026 \u2028 é"}`, true},
		{`{` + base + `,"said":"<"}`, false},                                            // encoding/json escapes it
		{`{` + base + `,"said":"\u0041"}`, false},                                       // an escape it does not use
		{`{` + base + `,"said":"\u001B"}`, false},                                       // upper-case hex
		{`{` + base + `,"said":"\/"}`, false},                                           // \/ it does not use
		{`{` + base + `,"said":"\ufffd"}`, false},                                       // decodes to a rune written as is
		{"{" + base + ",\"said\":\"\u2028\"}", false},                                   // raw U+2028: escaped when written
		{`{"who":"A",` + base[:len(base)-10] + `}`, false},                              // out of order
		{`{` + base + `,"feeling":0}`, true},                                            // zero: left out
		{`{` + base + `,"feeling":-0}`, false},                                          // -0
		{`{` + base + `,"feeling":01}`, false},                                          // leading zero
		{`{"date":"2026-01-02","created_at":"2026-01-02T03:04:05+02:00"}`, false},       // not UTC
		{`{"date":"2026-01-02","created_at":"2026-01-02T03:04:05.50Z"}`, false},         // trailing zero
		{`{"date":"2026-01-02","created_at":"2026-01-02T24:04:05Z"}`, false},            // no such hour
		{`{"date":"2026-01-02","created_at":"2026-01-02T03:04:05.1234567891Z"}`, false}, // ten digits
		{`{"date":"2026-02-30"}`, false},                                                // left out by the export
		{`{"date":"2026-01-02","follow_up":"2026-13-01"}`, false},
		{`{"date":"2026-01-02","outcome_history":[{"at":"2026-01-02T03:04:05Z","outcome":"open"}]}`, false}, // keys swapped
		{`{"date":"2026-01-02","outcome_history":[{"outcome":"open","at":"2026-01-02T03:04:05Z"}]}`, true},
		{`{"date":"2026-01-02","outcome_history":[],"tags":[],"debrief":[]}`, true},
		{`{"date":"2026-01-02","who":null}`, false},
		{`{"date":"2026-01-02"} `, true},
		{`{"date":"2026-01-02"}x`, false},
	}
	for _, c := range cases {
		v := "\x02" + c.in
		got, ok := tc.transcode(nil, 7, v, "    ")
		if ok != c.straight {
			t.Errorf("%s: straight = %v, want %v", c.in, ok, c.straight)
			continue
		}
		if ok {
			if want, wok := slowExport(t, 7, v); !wok || !bytes.Equal(got, want) {
				t.Errorf("%s:\ntranscoded: %s\ndecoded:    %s", c.in, got, want)
			}
		}
	}
}

// FuzzTranscode: whatever the bytes, transcoding gives the decoded No's
// bytes or steps aside.
func FuzzTranscode(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 5))
	for range 20 {
		n := randomNo(r)
		n.Date = "2026-01-02"
		v, _ := encodeNo(&n)
		f.Add(v[1:])
	}
	var tc transcoder
	f.Fuzz(func(t *testing.T, b []byte) {
		v := "\x02" + string(b)
		got, ok := tc.transcode(nil, 9, v, "    ")
		if !ok {
			return
		}
		if want, wok := slowExport(t, 9, v); !wok || !bytes.Equal(got, want) {
			t.Fatalf("%q:\ntranscoded: %s\ndecoded:    %s (exported: %v)", b, got, want, wok)
		}
	})
}

// TestFastJSONKnowsEveryField: the export's fast paths (appendNoJSON,
// transcode) write every field of journal.No. A field added to No turns
// them off until it is added to them and to noJSONFields.
func TestFastJSONKnowsEveryField(t *testing.T) {
	if !fastJSON() {
		t.Fatalf("journal.No's fields are\n%q\nbut appendNoJSON and transcode write\n%q\nadd the new ones to both and to noJSONFields",
			noFieldsOf(reflect.TypeFor[journal.No]()), noJSONFields)
	}
}
