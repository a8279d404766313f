package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
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
		e.b = append(e.b, '[')
		for i, c := range n.OutcomeHistory {
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
	if len(n.Tags) > 0 {
		e.field("tags")
		e.b = append(e.b, '[')
		for i, t := range n.Tags {
			e.item(i)
			e.str(t)
		}
		e.close(']', 1)
	}
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
	e.close('}', 0)
	return e.b, e.ok
}

type noEncoder struct {
	b      []byte
	prefix string
	fields int
	ok     bool

	last               time.Time // the last time written,
	lastStart, lastEnd int       // at e.b[lastStart:lastEnd]
}

// line starts a new line indented depth levels.
func (e *noEncoder) line(depth int) {
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
	e.b = append(e.b, '"')
	e.b = append(e.b, name...)
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
	e.b = append(e.b, '"')
	e.b = append(e.b, name...)
	e.b = append(e.b, `": `...)
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
func needsEscape8(s string) bool {
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	m := (x - 0x20*ones) &^ x
	for _, c := range [...]uint64{'"', '\\', '<', '>', '&'} {
		y := x ^ c*ones
		m |= (y - ones) &^ y
	}
	return (m|x)&highs != 0
}

// htmlSafe is encoding/json's htmlSafeSet: the ASCII it writes as is.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// exportNoEncoder returns the encode function of an export's list of No's
// (jsonList's bytes for an item that is not the first: ",\n" and the
// indent, then the No); writeExportJSON turns the first item's comma into
// the list's "[".
func exportNoEncoder(indent string) func(dst []byte, n *journal.No) ([]byte, error) {
	prefix := indent + "  "
	return func(dst []byte, n *journal.No) ([]byte, error) {
		dst = append(dst, ",\n"...)
		dst = append(dst, prefix...)
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
}
