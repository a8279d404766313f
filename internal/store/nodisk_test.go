package store

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestNoDiskEncoderMatchesJSON: a No's stored value is byte for byte what
// encoding/json writes for noDisk, and where encoding/json refuses a No
// (a time it cannot write) the fast encoder says so and encodeNo gives the
// same error.
func TestNoDiskEncoderMatchesJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 3))
	fast, refused := 0, 0
	for i := range 30000 {
		n := randomExportNo(r)
		if i%3 == 0 { // also the No's a journal mostly holds: few fields
			n = journal.No{Date: n.Date, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt, Who: n.Who, Said: n.Said, Kind: n.Kind}
		}
		want, werr := encodeAs(valueV2, noDisk(n))
		got, ok := appendNoDisk([]byte("prefix"), &n)
		if !ok {
			if werr == nil {
				t.Fatalf("case %d: the fast encoder gave up on a No encoding/json writes:\n%s", i, want)
			}
			refused++
			if _, err := encodeNo(&n); err == nil || err.Error() != werr.Error() {
				t.Fatalf("case %d: encodeNo error %v, want %v", i, err, werr)
			}
			continue
		}
		if werr != nil {
			t.Fatalf("case %d: encoding/json refuses (%v) what the fast encoder wrote:\n%s", i, werr, got)
		}
		if !bytes.HasPrefix(got, []byte("prefix")) || !bytes.Equal(got[len("prefix"):], want) {
			t.Fatalf("case %d:\n got %q\nwant %q", i, got[len("prefix"):], want)
		}
		if enc, err := encodeNo(&n); err != nil || !bytes.Equal(enc, want) {
			t.Fatalf("case %d: encodeNo gave %q, %v", i, enc, err)
		}
		fast++
	}
	if fast < 20000 || refused == 0 {
		t.Fatalf("%d No's written fast and %d refused: the cases do not cover both", fast, refused)
	}
}

func BenchmarkEncodeNo(b *testing.B) {
	at := time.Date(2026, 3, 4, 10, 1, 2, 0, time.UTC)
	n := journal.No{Date: "2026-03-04", CreatedAt: at, UpdatedAt: at, Mode: "sales", Who: "Hooli", Offer: "Starter plan",
		Channel: "meeting", Said: "There's no budget left this quarter.", Reason: "budget", Assumed: "budget", Kind: "not-now",
		Change: "Once the new VP starts", Feeling: 4, FeelingAfter: 2, Lesson: "Show the ROI before the price",
		Next: "Send the case study", FollowUp: "2026-03-18", Outcome: "open", Tags: []string{"q1"},
		OutcomeHistory: []journal.OutcomeChange{{Outcome: "open", At: at}}}
	if !fastOK(&n) {
		b.Fatal("not written fast")
	}
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			_, _ = encodeAs(valueV2, noDisk(n))
		}
	})
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			_, _ = encodeNo(&n)
		}
	})
}

func fastOK(n *journal.No) bool {
	_, ok := appendNoDisk(nil, n)
	return ok
}

// TestPostingWordsAsTokens: the words an import's postings are gathered
// from (the ASCII ones cut without folding) are the distinct tokens of the
// No's text fields, as ix.add indexes them.
func TestPostingWordsAsTokens(t *testing.T) {
	r := rand.New(rand.NewPCG(22, 4))
	ascii := 0
	for i := range 20000 {
		n := randomExportNo(r)
		if i%2 == 0 { // mostly ASCII, with capitals, digits and long words
			var b strings.Builder
			for range r.IntN(40) {
				b.WriteByte(byte(' ' + r.IntN(95)))
				if r.IntN(50) == 0 {
					b.WriteString(strings.Repeat("Ab1", 30))
				}
			}
			n.Said, n.Who, n.Lesson = b.String(), "ACME Corp 42", "the IT team's CTO"
			ascii++
		}
		var want []string
		for _, part := range n.TextParts() {
			want = append(want, tokens(part)...)
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if got := postingWords(&n); !slices.Equal(got, want) {
			t.Fatalf("case %d: %q\n got %q\nwant %q", i, n.TextParts(), got, want)
		}
	}
	if ascii == 0 {
		t.Fatal("no ASCII case")
	}
}
