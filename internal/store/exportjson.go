package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rebound-coach/rebound/internal/journal"
)

// appendNoJSON appends n as encoding/json writes it with an Encoder set
// to SetIndent(prefix, "  ") (HTML escaped, as Encoders are by default),
// without the final newline: the bytes jsonList writes for one No, made
// four times faster, since an export of a large journal is mostly this.
// ok is false for a No it cannot write exactly so (a time encoding/json
// refuses); the caller then uses encoding/json, which also words the error.
func appendNoJSON(dst []byte, n *journal.No, prefix string) (_ []byte, ok bool) {
	if !fastJSON() {
		return dst, false
	}
	e := noEncoder{b: dst, prefix: prefix, ok: true}
	e.b = append(e.b, '{')
	e.field("id")
	e.b = strconv.AppendUint(e.b, n.ID, 10)
	e.field("date")
	e.str(string(n.Date))
	e.field("created_at")
	e.time(n.CreatedAt)
	e.field("updated_at")
	e.time(n.UpdatedAt)
	e.field("mode")
	e.str(n.Mode)
	e.field("who")
	e.str(n.Who)
	e.middle(n)
	e.field("follow_up_done")
	e.b = strconv.AppendBool(e.b, n.FollowUpDone)
	e.field("outcome")
	e.str(string(n.Outcome))
	e.field("outcome_history")
	switch {
	case n.OutcomeHistory == nil:
		e.b = append(e.b, "null"...)
	case len(n.OutcomeHistory) == 0:
		e.b = append(e.b, "[]"...)
	default:
		e.history(n.OutcomeHistory)
	}
	e.tail(n)
	return e.b, e.ok
}

// middle writes the fields from contact to follow_up, as both the export
// and the stored value have them (left out when empty).
func (e *noEncoder) middle(n *journal.No) {
	e.opt("contact", n.Contact)
	e.opt("offer", n.Offer)
	e.opt("channel", n.Channel)
	e.opt("said", n.Said)
	e.opt("reason", n.Reason)
	e.opt("reason_text", n.ReasonText)
	e.opt("assumed", n.Assumed)
	e.opt("kind", string(n.Kind))
	e.opt("change", n.Change)
	e.opt("competitor", n.Competitor)
	e.opt("competitor_why", n.CompetitorWhy)
	e.optInt("feeling", n.Feeling)
	e.optInt("feeling_after", n.FeelingAfter)
	e.opt("lesson", n.Lesson)
	e.opt("next", n.Next)
	e.opt("follow_up", string(n.FollowUp))
}

// history writes an outcome history that has changes.
func (e *noEncoder) history(h []journal.OutcomeChange) {
	e.b = append(e.b, '[')
	for i, c := range h {
		e.item(i)
		e.b = append(e.b, '{')
		e.inner("outcome", true)
		e.str(string(c.Outcome))
		e.inner("at", false)
		e.time(c.At)
		e.close('}', 2)
	}
	e.close(']', 1)
}

// tail writes the fields from tags to the end, as both the export and the
// stored value have them, and closes the No.
func (e *noEncoder) tail(n *journal.No) {
	e.list("tags", n.Tags)
	if len(n.Debrief) > 0 {
		e.field("debrief")
		e.b = append(e.b, '[')
		for i, a := range n.Debrief {
			e.item(i)
			e.b = append(e.b, '{')
			e.inner("prompt", true)
			e.str(a.Prompt)
			e.inner("answer", false)
			e.str(a.Answer)
			e.close('}', 2)
		}
		e.close(']', 1)
	}
	e.optInt("reframe_step", n.ReframeStep)
	if n.ReframedAt != nil {
		e.field("reframed_at")
		e.time(*n.ReframedAt)
	}
	e.opt("thought", n.Thought)
	e.list("traps", n.Traps)
	e.opt("evidence_for", n.EvidenceFor)
	e.opt("evidence_against", n.EvidenceAgainst)
	e.opt("balanced", n.Balanced)
	e.optTrue("referral_asked", n.ReferralAsked)
	e.opt("referral", n.Referral)
	e.opt("stage", n.Stage)
	e.opt("prepared", n.Prepared)
	e.opt("mistake", n.Mistake)
	e.list("secondary_reasons", n.SecondaryReasons)
	e.optTrue("condition_met", n.ConditionMet)
	if n.Amount != 0 {
		e.field("amount")
		e.b = appendFloatJSON(e.b, n.Amount)
	}
	e.opt("source", n.Source)
	e.close('}', 0)
}

// appendFloatJSON appends f as encoding/json writes a float64 (ES6
// number formatting: 'f' from 1e-6 to 1e21, else 'e' without a leading
// zero in the exponent). NaN and ±Inf never get here: validation refuses
// them.
func appendFloatJSON(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// noJSONFields are journal.No's fields (JSON tag and type) as
// appendNoJSON and transcode write them, in order. A field added to No
// (or changed) and not to them turns both off (fastJSON): the export
// goes through encoding/json, slower but whole, and TestFastJSONKnows
// EveryField says what to add.
var noJSONFields = []string{
	"id uint64", "date journal.Day", "created_at time.Time", "updated_at time.Time", "mode string", "who string",
	"contact,omitempty string", "offer,omitempty string", "channel,omitempty string", "said,omitempty string",
	"reason,omitempty string", "reason_text,omitempty string", "assumed,omitempty string", "kind,omitempty journal.Kind",
	"change,omitempty string", "competitor,omitempty string", "competitor_why,omitempty string",
	"feeling,omitempty int", "feeling_after,omitempty int", "lesson,omitempty string", "next,omitempty string",
	"follow_up,omitempty journal.Day", "follow_up_done bool", "outcome journal.Outcome",
	"outcome_history []journal.OutcomeChange", "tags,omitempty []string", "debrief,omitempty []journal.Answer",
	"reframe_step,omitempty int", "reframed_at,omitempty *time.Time",
	"thought,omitempty string", "traps,omitempty []string", "evidence_for,omitempty string",
	"evidence_against,omitempty string", "balanced,omitempty string", "referral_asked,omitempty bool",
	"referral,omitempty string", "stage,omitempty string", "prepared,omitempty string", "mistake,omitempty string",
	"secondary_reasons,omitempty []string", "condition_met,omitempty bool",
	"amount,omitempty float64", "source,omitempty string",
}

// fastJSON reports whether journal.No has exactly the fields noJSONFields
// lists (checked once).
var fastJSON = sync.OnceValue(func() bool { return slices.Equal(noFieldsOf(reflect.TypeFor[journal.No]()), noJSONFields) })

func noFieldsOf(t reflect.Type) []string {
	var fs []string
	for i := range t.NumField() {
		f := t.Field(i)
		fs = append(fs, f.Tag.Get("json")+" "+f.Type.String())
	}
	return fs
}

type noEncoder struct {
	b       []byte
	prefix  string
	compact bool // as json.Marshal writes, without lines (appendNoDisk)
	fields  int
	ok      bool

	last               time.Time // the last time written,
	lastStart, lastEnd int       // at e.b[lastStart:lastEnd]
}

// line starts a new line indented depth levels (compact: nothing).
func (e *noEncoder) line(depth int) {
	if e.compact {
		return
	}
	e.b = append(e.b, '\n')
	e.b = append(e.b, e.prefix...)
	for range depth {
		e.b = append(e.b, "  "...)
	}
}

// field starts a field of the No.
func (e *noEncoder) field(name string) {
	if e.fields > 0 {
		e.b = append(e.b, ',')
	}
	e.fields++
	e.line(1)
	e.name(name)
}

// name writes a field's name and colon, with the space an indented
// Encoder puts after it.
func (e *noEncoder) name(name string) {
	e.b = append(e.b, '"')
	e.b = append(e.b, name...)
	if e.compact {
		e.b = append(e.b, `":`...)
		return
	}
	e.b = append(e.b, `": `...)
}

// item starts the i-th item of a list that is a field of the No.
func (e *noEncoder) item(i int) {
	if i > 0 {
		e.b = append(e.b, ',')
	}
	e.line(2)
}

// inner starts a field of an object in such a list.
func (e *noEncoder) inner(name string, first bool) {
	if !first {
		e.b = append(e.b, ',')
	}
	e.line(3)
	e.name(name)
}

func (e *noEncoder) close(c byte, depth int) {
	e.line(depth)
	e.b = append(e.b, c)
}

func (e *noEncoder) opt(name, v string) {
	if v != "" {
		e.field(name)
		e.str(v)
	}
}

// list writes a list of strings, left out when empty (omitempty).
func (e *noEncoder) list(name string, vs []string) {
	if len(vs) == 0 {
		return
	}
	e.field(name)
	e.b = append(e.b, '[')
	for i, v := range vs {
		e.item(i)
		e.str(v)
	}
	e.close(']', 1)
}

func (e *noEncoder) optInt(name string, v int) {
	if v != 0 {
		e.field(name)
		e.b = strconv.AppendInt(e.b, int64(v), 10)
	}
}

// time writes t as time.Time's MarshalJSON does; a time it refuses (a
// year outside 0-9999, an offset of a day or more) turns ok off.
func (e *noEncoder) time(t time.Time) {
	if e.lastEnd > 0 && t == e.last {
		// The same time as the last (created_at, updated_at and the
		// first outcome's at often are): the same bytes.
		e.b = append(e.b, e.b[e.lastStart:e.lastEnd]...)
		return
	}
	e.lastStart = len(e.b)
	defer func() { e.last, e.lastEnd = t, len(e.b) }()
	e.b = append(e.b, '"')
	n0 := len(e.b)
	e.b = t.AppendFormat(e.b, time.RFC3339Nano)
	b := e.b
	switch {
	case len(b)-n0 < len("2006-01-02T15:04:05Z") || b[n0+4] != '-':
		e.ok = false
	case b[len(b)-1] != 'Z':
		c := b[len(b)-len("Z07:00")]
		if ('0' <= c && c <= '9') || 10*(b[len(b)-5]-'0')+(b[len(b)-4]-'0') >= 24 {
			e.ok = false
		}
	}
	e.b = append(e.b, '"')
}

// str writes s as encoding/json's appendString does with HTML escaping.
func (e *noEncoder) str(s string) {
	const hex = "0123456789abcdef"
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && !needsEscape8(s[i:]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if htmlSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}

// needsEscape8 reports whether any of the first 8 bytes of s is not
// htmlSafe ASCII (the classic "has a byte less than n" and "has a zero
// byte" tricks, on the bytes as one word).
func needsEscape8(s string) bool { return escape8(load8(s)) }

// escape8 is needsEscape8 on the 8 bytes as one word (small enough to
// inline in the loops that call it).
func escape8(x uint64) bool {
	const ones = 0x0101010101010101
	q, bs, amp := x^'"'*ones, x^'\\'*ones, x^'&'*ones
	ang := x&^(2*ones) ^ '<'*ones // < and > (0x3c, 0x3e) differ in one bit
	return ((x-0x20*ones)&^x|(q-ones)&^q|(bs-ones)&^bs|(amp-ones)&^amp|(ang-ones)&^ang|x)&(0x80*ones) != 0
}

// htmlSafe is encoding/json's htmlSafeSet: the ASCII it writes as is.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// ExportNosJSON writes every No as the export's list of No's holds it:
// each No as ",\n", indent and two spaces, then the No as an Encoder set
// to SetIndent(indent+"  ", "  ") writes it (writeExportJSON turns the
// first comma into the list's "["). emit gets runs of whole No's in
// ExportNos's order; it returns how many No's. Most No's are written
// straight from their stored JSON (transcode); the others are decoded
// and encoded.
func (s *Store) ExportNosJSON(indent string, emit func([]byte) error) (int, error) {
	prefix := indent + "  "
	sep := ",\n" + prefix
	encode := func(dst []byte, n *journal.No) ([]byte, error) {
		return exportNoJSON(append(dst, sep...), n, prefix)
	}
	raw := func() func(dst []byte, id uint64, v string) ([]byte, bool) {
		var t transcoder // one per run: its lists are reused No after No
		return func(dst []byte, id uint64, v string) ([]byte, bool) {
			return t.transcode(append(dst, sep...), id, v, prefix)
		}
	}
	return s.exportPipeline(false, encode, raw, func(b *exportBatch) error {
		if len(b.out) == 0 {
			return nil
		}
		return emit(b.out)
	})
}

// exportNoJSON appends n as an Encoder set to SetIndent(prefix, "  ")
// writes it, without the final newline: appendNoJSON, or encoding/json
// for a No it cannot write.
func exportNoJSON(dst []byte, n *journal.No, prefix string) ([]byte, error) {
	start := len(dst)
	if out, ok := appendNoJSON(dst, n, prefix); ok {
		return out, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("write JSON: %w", err)
	}
	return append(dst[:start], bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}

// transcode appends the export JSON of the No stored as v (a valueV2
// value) under id, as appendNoJSON writes the decoded No, straight from
// the stored JSON: a value this build wrote holds every field in the
// No's order, each written as encoding/json writes it, so its tokens are
// copied as they are and the fields the stored form leaves out (zero)
// filled in. ok is false, and the caller decodes and encodes, for any
// value it cannot vouch for so: a field out of order or unknown, null, a
// string encoding/json would write otherwise (an escape it would not use,
// a raw < > & or U+2028), a time not in UTC or not as MarshalJSON writes
// it, or a date the export leaves out (malformed).
func (t *transcoder) transcode(dst []byte, id uint64, v, prefix string) (_ []byte, ok bool) {
	if len(v) == 0 || v[0] != valueV2 || !fastJSON() {
		return dst, false
	}
	if !t.parse(v[1:]) {
		return dst, false
	}
	date, follow := t.tok[fDate], t.tok[fFollowUp]
	if date == "" || !validDay(date[1:len(date)-1]) || (len(follow) > 2 && !validDay(follow[1:len(follow)-1])) {
		return dst, false
	}
	e := noEncoder{b: dst, prefix: prefix, ok: true}
	e.b = append(e.b, '{')
	e.field("id")
	e.b = strconv.AppendUint(e.b, id, 10)
	always := func(name string, f int, zero string) {
		e.field(name)
		if tok := t.tok[f]; tok != "" {
			e.b = append(e.b, tok...)
		} else {
			e.b = append(e.b, zero...)
		}
	}
	opt := func(name string, f int, zero string) {
		if tok := t.tok[f]; tok != "" && tok != zero {
			e.field(name)
			e.b = append(e.b, tok...)
		}
	}
	always("date", fDate, `""`)
	always("created_at", fCreatedAt, `"0001-01-01T00:00:00Z"`)
	always("updated_at", fUpdatedAt, `"0001-01-01T00:00:00Z"`)
	always("mode", fMode, `""`)
	always("who", fWho, `""`)
	for _, f := range [...]struct {
		name string
		f    int
	}{{"contact", fContact}, {"offer", fOffer}, {"channel", fChannel}, {"said", fSaid}, {"reason", fReason},
		{"reason_text", fReasonText}, {"assumed", fAssumed}, {"kind", fKind}, {"change", fChange},
		{"competitor", fCompetitor}, {"competitor_why", fCompetitorWhy}} {
		opt(f.name, f.f, `""`)
	}
	opt("feeling", fFeeling, "0")
	opt("feeling_after", fFeelingAfter, "0")
	opt("lesson", fLesson, `""`)
	opt("next", fNext, `""`)
	opt("follow_up", fFollowUp, `""`)
	always("follow_up_done", fFollowUpDone, "false")
	always("outcome", fOutcome, `""`)
	e.field("outcome_history")
	switch {
	case t.tok[fOutcomeHistory] == "":
		e.b = append(e.b, "null"...)
	case len(t.history) == 0:
		e.b = append(e.b, "[]"...)
	default:
		e.b = append(e.b, '[')
		for i := 0; i < len(t.history); i += 2 {
			e.item(i)
			e.b = append(e.b, '{')
			e.inner("outcome", true)
			e.b = append(e.b, t.history[i]...)
			e.inner("at", false)
			e.b = append(e.b, t.history[i+1]...)
			e.close('}', 2)
		}
		e.close(']', 1)
	}
	rawList := func(name string, f int) {
		if items := t.lists[f]; len(items) > 0 {
			e.field(name)
			e.b = append(e.b, '[')
			for i, item := range items {
				e.item(i)
				e.b = append(e.b, item...)
			}
			e.close(']', 1)
		}
	}
	rawList("tags", fTags)
	if len(t.debrief) > 0 {
		e.field("debrief")
		e.b = append(e.b, '[')
		for i := 0; i < len(t.debrief); i += 2 {
			e.item(i)
			e.b = append(e.b, '{')
			e.inner("prompt", true)
			e.b = append(e.b, t.debrief[i]...)
			e.inner("answer", false)
			e.b = append(e.b, t.debrief[i+1]...)
			e.close('}', 2)
		}
		e.close(']', 1)
	}
	opt("reframe_step", fReframeStep, "0")
	opt("reframed_at", fReframedAt, "")
	opt("thought", fThought, `""`)
	rawList("traps", fTraps)
	opt("evidence_for", fEvidenceFor, `""`)
	opt("evidence_against", fEvidenceAgainst, `""`)
	opt("balanced", fBalanced, `""`)
	opt("referral_asked", fReferralAsked, "false")
	opt("referral", fReferral, `""`)
	opt("stage", fStage, `""`)
	opt("prepared", fPrepared, `""`)
	opt("mistake", fMistake, `""`)
	rawList("secondary_reasons", fSecondaryReasons)
	opt("condition_met", fConditionMet, "false")
	opt("amount", fAmount, "0")
	opt("source", fSource, `""`)
	e.close('}', 0)
	return e.b, true
}

// transcoder holds the tokens of one stored No, as they are in it.
type transcoder struct {
	jscan
	tok     [noFieldCount]string   // by field; "" when the field is left out
	history []string               // outcome, at, outcome, at...
	debrief []string               // prompt, answer...
	lists   [noFieldCount][]string // the strings of tags, traps, secondary_reasons
}

// parse reads the stored JSON of a No, each field's value as encoding/json
// writes it, the fields in the No's order.
func (t *transcoder) parse(s string) bool {
	t.jscan = jscan{s: s}
	clear(t.tok[:])
	t.history, t.debrief = t.history[:0], t.debrief[:0]
	for _, f := range [...]int{fTags, fTraps, fSecondaryReasons} {
		t.lists[f] = t.lists[f][:0]
	}
	if !t.lit('{') {
		return false
	}
	if t.lit('}') {
		return t.end()
	}
	last := -1
	for {
		key, ok := t.key()
		if !ok {
			return false
		}
		f := noField(key)
		if f <= last || !t.lit(':') {
			return false // unknown, repeated, or not in the No's order
		}
		last = f
		t.ws()
		start := t.i
		switch f {
		case fCreatedAt, fUpdatedAt, fReframedAt:
			ok = t.canonTime()
		case fFeeling, fFeelingAfter, fReframeStep:
			ok = t.canonInt()
		case fFollowUpDone, fReferralAsked, fConditionMet:
			_, ok = t.bool()
		case fAmount:
			ok = t.canonFloat()
		case fOutcomeHistory:
			ok = t.array(func() bool { return t.pair("outcome", "at", &t.history, true) })
		case fTags, fTraps, fSecondaryReasons:
			ok = t.array(func() bool {
				start := t.i
				if !t.canonStr() {
					return false
				}
				t.lists[f] = append(t.lists[f], t.s[start:t.i])
				return true
			})
		case fDebrief:
			ok = t.array(func() bool { return t.pair("prompt", "answer", &t.debrief, false) })
		default:
			ok = t.canonStr()
		}
		if !ok {
			return false
		}
		t.tok[f] = t.s[start:t.i]
		if t.lit(',') {
			continue
		}
		return t.lit('}') && t.end()
	}
}

// pair reads {"a": string, "b": string or time} with both keys, in order.
func (t *transcoder) pair(a, b string, to *[]string, bTime bool) bool {
	if !t.lit('{') {
		return false
	}
	for i, want := range [2]string{a, b} {
		if i > 0 && !t.lit(',') {
			return false
		}
		if key, ok := t.key(); !ok || key != want || !t.lit(':') {
			return false
		}
		t.ws()
		start := t.i
		if i == 1 && bTime {
			if !t.canonTime() {
				return false
			}
		} else if !t.canonStr() {
			return false
		}
		*to = append(*to, t.s[start:t.i])
	}
	return t.lit('}')
}

// canonStr reads a string token that encoding/json would write as it is
// for the string it holds: HTML-safe ASCII and valid UTF-8 but U+2028 and
// U+2029 as they are, and only the escapes encoding/json uses.
func (t *transcoder) canonStr() bool {
	if t.i >= len(t.s) || t.s[t.i] != '"' {
		return false
	}
	t.i++
	for t.i < len(t.s) {
		for t.i+8 <= len(t.s) && !escape8(load8(t.s[t.i:])) {
			t.i += 8
		}
		if t.i == len(t.s) {
			return false
		}
		c := t.s[t.i]
		switch {
		case c == '"':
			t.i++
			return true
		case c == '\\':
			n := canonEscape(t.s[t.i:])
			if n == 0 {
				return false
			}
			t.i += n
		case c < utf8.RuneSelf:
			if !htmlSafe[c] {
				return false // a control (not JSON) or < > & (encoding/json escapes them)
			}
			t.i++
		default:
			r, size := utf8.DecodeRuneInString(t.s[t.i:])
			if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
				return false
			}
			t.i += size
		}
	}
	return false
}

// canonEscape is the length of the escape s starts with when it is one
// encoding/json writes (\" \\ \b \f \n \r \t, \u00xx for other controls,
// \u003c \u003e \u0026, \u2028 \u2029: lowercase hex), else 0.
func canonEscape(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '"', '\\', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
	default:
		return 0
	}
	if len(s) < 6 {
		return 0
	}
	const hex = "0123456789abcdef"
	var r rune
	for _, c := range []byte(s[2:6]) {
		i := strings.IndexByte(hex, c)
		if i < 0 {
			return 0
		}
		r = r<<4 | rune(i)
	}
	switch {
	case r < 0x20 && r != '\b' && r != '\f' && r != '\n' && r != '\r' && r != '\t',
		r == '<', r == '>', r == '&', r == '\u2028', r == '\u2029':
		return 6
	}
	return 0
}

// canonTime reads a time token as MarshalJSON writes a UTC time:
// 2006-01-02T15:04:05, a fraction without trailing zeros, Z.
func (t *transcoder) canonTime() bool {
	s := t.s[t.i:]
	const base = len(`"2006-01-02T15:04:05`)
	if len(s) < base+2 || s[0] != '"' || !validDay(s[1:11]) || s[11] != 'T' || s[14] != ':' || s[17] != ':' {
		return false
	}
	two := func(i int, most byte) bool {
		return s[i] >= '0' && s[i] <= most && s[i+1] >= '0' && s[i+1] <= '9' && (most != '2' || s[i] < '2' || s[i+1] <= '3')
	}
	if !two(12, '2') || !two(15, '5') || !two(18, '5') {
		return false
	}
	i := base
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && j-i <= 9 && s[j] >= '0' && s[j] <= '9' { // nine digits at most
			j++
		}
		if j == i+1 || s[j-1] == '0' {
			return false
		}
		i = j
	}
	if i+1 >= len(s) || s[i] != 'Z' || s[i+1] != '"' {
		return false
	}
	t.i += i + 2
	return true
}

// canonInt reads an integer as encoding/json writes an int.
// canonFloat reads a number that encoding/json writes as it is for the
// float64 it holds (appendFloatJSON gives it back byte for byte).
func (t *transcoder) canonFloat() bool {
	start := t.i
	v, ok := t.float()
	if !ok {
		return false
	}
	var buf [32]byte
	return string(appendFloatJSON(buf[:0], v)) == t.s[start:t.i]
}

func (t *transcoder) canonInt() bool {
	start := t.i
	if t.i < len(t.s) && t.s[t.i] == '-' {
		t.i++
	}
	digits := t.i
	for t.i < len(t.s) && t.s[t.i] >= '0' && t.s[t.i] <= '9' {
		t.i++
	}
	n := t.i - digits
	if n == 0 || n > 18 || (t.s[digits] == '0' && (n > 1 || digits > start)) {
		return false // none, too many to be sure of, a leading zero or -0
	}
	return t.i == len(t.s) || (t.s[t.i] != '.' && t.s[t.i] != 'e' && t.s[t.i] != 'E')
}
