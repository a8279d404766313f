package store

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rebound-coach/rebound/internal/journal"
)

// decodeNoFast decodes the JSON of a valueV2 No (noDisk) into d exactly as
// encoding/json would, four to five times faster: decoding is most of the
// cost of an export and of doctor. It takes the values this build writes
// (compact JSON, known fields once each, valid UTF-8); anything else (an
// unknown or repeated field, null, a number with a fraction, a lone
// surrogate, a syntax error) returns false, and the caller decodes with
// encoding/json, which also words the error. d may be half filled then.
// The No's strings are cut from s: one allocation (s) instead of one per
// field.
func decodeNoFast(s string, d *noDisk) bool {
	p := jscan{s: s}
	if !p.lit('{') {
		return false
	}
	if p.lit('}') {
		return p.end()
	}
	var seen uint64
	for {
		key, ok := p.key()
		if !ok {
			return false
		}
		f := noField(key)
		if f < 0 || seen&(1<<f) != 0 {
			return false // unknown (encoding/json folds case) or repeated
		}
		seen |= 1 << f
		if !p.lit(':') || !p.noValue(f, d) {
			return false
		}
		if p.lit(',') {
			continue
		}
		return p.lit('}') && p.end()
	}
}

// The fields of noDisk, by their JSON names.
const (
	fDate = iota
	fCreatedAt
	fUpdatedAt
	fMode
	fWho
	fContact
	fOffer
	fChannel
	fSaid
	fReason
	fReasonText
	fAssumed
	fKind
	fChange
	fCompetitor
	fCompetitorWhy
	fFeeling
	fFeelingAfter
	fLesson
	fNext
	fFollowUp
	fFollowUpDone
	fOutcome
	fOutcomeHistory
	fTags
	fDebrief
	fReframeStep
	fReframedAt
	fThought
	fTraps
	fEvidenceFor
	fEvidenceAgainst
	fBalanced
	fReferralAsked
	fReferral
	fStage
	fPrepared
	fMistake
	fSecondaryReasons
	fConditionMet
	fAmount
	fSource
	noFieldCount
)

func noField(key string) int {
	switch key {
	case "date":
		return fDate
	case "created_at":
		return fCreatedAt
	case "updated_at":
		return fUpdatedAt
	case "mode":
		return fMode
	case "who":
		return fWho
	case "contact":
		return fContact
	case "offer":
		return fOffer
	case "channel":
		return fChannel
	case "said":
		return fSaid
	case "reason":
		return fReason
	case "reason_text":
		return fReasonText
	case "assumed":
		return fAssumed
	case "kind":
		return fKind
	case "change":
		return fChange
	case "competitor":
		return fCompetitor
	case "competitor_why":
		return fCompetitorWhy
	case "feeling":
		return fFeeling
	case "feeling_after":
		return fFeelingAfter
	case "lesson":
		return fLesson
	case "next":
		return fNext
	case "follow_up":
		return fFollowUp
	case "follow_up_done":
		return fFollowUpDone
	case "outcome":
		return fOutcome
	case "outcome_history":
		return fOutcomeHistory
	case "tags":
		return fTags
	case "debrief":
		return fDebrief
	case "reframe_step":
		return fReframeStep
	case "reframed_at":
		return fReframedAt
	case "thought":
		return fThought
	case "traps":
		return fTraps
	case "evidence_for":
		return fEvidenceFor
	case "evidence_against":
		return fEvidenceAgainst
	case "balanced":
		return fBalanced
	case "referral_asked":
		return fReferralAsked
	case "referral":
		return fReferral
	case "stage":
		return fStage
	case "prepared":
		return fPrepared
	case "mistake":
		return fMistake
	case "secondary_reasons":
		return fSecondaryReasons
	case "condition_met":
		return fConditionMet
	case "amount":
		return fAmount
	case "source":
		return fSource
	}
	return -1
}

// noValue reads the value of field f into d.
func (p *jscan) noValue(f int, d *noDisk) bool {
	var ok bool
	switch f {
	case fDate:
		var s string
		s, ok = p.str()
		d.Date = journal.Day(s)
	case fCreatedAt:
		ok = p.time(&d.CreatedAt)
	case fUpdatedAt:
		ok = p.time(&d.UpdatedAt)
	case fMode:
		d.Mode, ok = p.str()
	case fWho:
		d.Who, ok = p.str()
	case fContact:
		d.Contact, ok = p.str()
	case fOffer:
		d.Offer, ok = p.str()
	case fChannel:
		d.Channel, ok = p.str()
	case fSaid:
		d.Said, ok = p.str()
	case fReason:
		d.Reason, ok = p.str()
	case fReasonText:
		d.ReasonText, ok = p.str()
	case fAssumed:
		d.Assumed, ok = p.str()
	case fKind:
		var s string
		s, ok = p.str()
		d.Kind = journal.Kind(s)
	case fChange:
		d.Change, ok = p.str()
	case fCompetitor:
		d.Competitor, ok = p.str()
	case fCompetitorWhy:
		d.CompetitorWhy, ok = p.str()
	case fFeeling:
		d.Feeling, ok = p.int()
	case fFeelingAfter:
		d.FeelingAfter, ok = p.int()
	case fLesson:
		d.Lesson, ok = p.str()
	case fNext:
		d.Next, ok = p.str()
	case fFollowUp:
		var s string
		s, ok = p.str()
		d.FollowUp = journal.Day(s)
	case fFollowUpDone:
		d.FollowUpDone, ok = p.bool()
	case fOutcome:
		var s string
		s, ok = p.str()
		d.Outcome = journal.Outcome(s)
	case fOutcomeHistory:
		d.OutcomeHistory = []journal.OutcomeChange{} // [] decodes to an empty slice, not nil
		ok = p.array(func() bool {
			var c journal.OutcomeChange
			if !p.object(func(key string) bool {
				switch key {
				case "outcome":
					s, ok := p.str()
					c.Outcome = journal.Outcome(s)
					return ok
				case "at":
					return p.time(&c.At)
				}
				return false
			}) {
				return false
			}
			d.OutcomeHistory = append(d.OutcomeHistory, c)
			return true
		})
	case fTags:
		d.Tags, ok = p.strs()
	case fTraps:
		d.Traps, ok = p.strs()
	case fSecondaryReasons:
		d.SecondaryReasons, ok = p.strs()
	case fThought:
		d.Thought, ok = p.str()
	case fEvidenceFor:
		d.EvidenceFor, ok = p.str()
	case fEvidenceAgainst:
		d.EvidenceAgainst, ok = p.str()
	case fBalanced:
		d.Balanced, ok = p.str()
	case fReferralAsked:
		d.ReferralAsked, ok = p.bool()
	case fConditionMet:
		d.ConditionMet, ok = p.bool()
	case fAmount:
		d.Amount, ok = p.float()
	case fSource:
		d.Source, ok = p.str()
	case fReferral:
		d.Referral, ok = p.str()
	case fStage:
		d.Stage, ok = p.str()
	case fPrepared:
		d.Prepared, ok = p.str()
	case fMistake:
		d.Mistake, ok = p.str()
	case fDebrief:
		d.Debrief = []journal.Answer{}
		ok = p.array(func() bool {
			var a journal.Answer
			if !p.object(func(key string) bool {
				var ok bool
				switch key {
				case "prompt":
					a.Prompt, ok = p.str()
				case "answer":
					a.Answer, ok = p.str()
				}
				return ok
			}) {
				return false
			}
			d.Debrief = append(d.Debrief, a)
			return true
		})
	case fReframeStep:
		d.ReframeStep, ok = p.int()
	case fReframedAt:
		t := new(time.Time)
		ok = p.time(t)
		d.ReframedAt = t
	}
	return ok
}

// jscan reads JSON values the way encoding/json accepts them, returning
// false where this fast path stops (the caller then uses encoding/json).
type jscan struct {
	s string
	i int

	lastTime string    // the last time token read,
	last     time.Time // and its time
}

func (p *jscan) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// lit consumes c (after white space) when it is next.
func (p *jscan) lit(c byte) bool {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (p *jscan) end() bool {
	p.ws()
	return p.i == len(p.s)
}

// key reads an object key without escapes (every key this build writes).
func (p *jscan) key() (string, bool) {
	if !p.lit('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return p.s[start : p.i-1], true
		case c == '\\' || c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// object reads {"key": value, ...}, each key once, value read by field.
func (p *jscan) object(field func(key string) bool) bool {
	if !p.lit('{') {
		return false
	}
	if p.lit('}') {
		return true
	}
	var seen [4]string
	n := 0
	for {
		key, ok := p.key()
		if !ok {
			return false
		}
		for _, k := range seen[:n] {
			if k == key {
				return false // repeated
			}
		}
		if n < len(seen) {
			seen[n] = key
			n++
		}
		if !p.lit(':') || !field(key) {
			return false
		}
		if p.lit(',') {
			continue
		}
		return p.lit('}')
	}
}

// array reads [item, ...].
func (p *jscan) array(item func() bool) bool {
	if !p.lit('[') {
		return false
	}
	if p.lit(']') {
		return true
	}
	for {
		if !item() {
			return false
		}
		if p.lit(',') {
			continue
		}
		return p.lit(']')
	}
}

// raw reads a string token and returns where it starts (its opening
// quote), whether it holds escapes, and whether it is valid (well-formed,
// raw bytes valid UTF-8); the token is p.s[start:p.i].
func (p *jscan) raw() (start int, escaped, ok bool) {
	if !p.lit('"') {
		return 0, false, false
	}
	start, ascii := p.i-1, true
	for p.i < len(p.s) {
		for p.i+8 <= len(p.s) && !special8(load8(p.s[p.i:])) {
			p.i += 8
		}
		if p.i == len(p.s) {
			break
		}
		c := p.s[p.i]
		if plainByte[c] {
			p.i++
			continue
		}
		switch {
		case c == '"':
			p.i++
			if !ascii && !utf8.ValidString(p.s[start:p.i]) {
				return 0, false, false // encoding/json would replace the bytes with U+FFFD
			}
			return start, escaped, true
		case c == '\\':
			escaped = true
			p.i += 2
			continue
		case c < 0x20:
			return 0, false, false
		}
		ascii = false
		p.i++
	}
	return 0, false, false
}

// load8 is the first 8 bytes of s as a little-endian word.
func load8(s string) uint64 {
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// special8 reports whether any of the 8 bytes in x is not a plainByte
// (the classic "has a byte less than n" and "has a zero byte" tricks).
func special8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	less := (x - 0x20*ones) &^ x
	quote := x ^ '"'*ones
	slash := x ^ '\\'*ones
	return (less|(quote-ones)&^quote|(slash-ones)&^slash|x)&highs != 0
}

// plainByte is true for the bytes a string token holds as they are: ASCII
// but controls, the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// strs reads a list of strings ([] is an empty list, not nil).
func (p *jscan) strs() ([]string, bool) {
	list := []string{}
	ok := p.array(func() bool {
		s, ok := p.str()
		list = append(list, s)
		return ok
	})
	return list, ok
}

// str reads a string value.
func (p *jscan) str() (string, bool) {
	start, escaped, ok := p.raw()
	switch {
	case !ok:
		return "", false
	case escaped:
		return unescape(p.s[start+1 : p.i-1])
	}
	return p.s[start+1 : p.i-1], true
}

// unescape decodes the escapes of a JSON string body.
func unescape(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		switch s[i+1] {
		case '"', '\\', '/':
			out = append(out, s[i+1])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(s[i+2:])
			if !ok {
				return "", false
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if i+1 >= len(s) || s[i] != '\\' || s[i+1] != 'u' {
					return "", false // a lone surrogate: encoding/json writes U+FFFD
				}
				r2, ok := hex4(s[i+2:])
				if !ok {
					return "", false
				}
				r = utf16.DecodeRune(r, r2)
				if r == utf8.RuneError {
					return "", false
				}
				i += 6
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return "", false
		}
		i += 2
	}
	return string(out), true
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// time reads a time as encoding/json does: time.Time's UnmarshalJSON on
// the quoted token.
func (p *jscan) time(t *time.Time) bool {
	start, escaped, ok := p.raw()
	if !ok || escaped {
		return false
	}
	tok := p.s[start:p.i]
	if p.lastTime != "" && tok == p.lastTime {
		*t = p.last // created_at, updated_at and the first outcome's at are often one time
		return true
	}
	var buf [64]byte // a time is about 30 bytes: no allocation for it
	if len(tok) > len(buf) || t.UnmarshalJSON(append(buf[:0], tok...)) != nil {
		return false
	}
	p.lastTime, p.last = tok, *t
	return true
}

// int reads an integer without fraction or exponent (what encoding/json
// puts in an int).
func (p *jscan) int() (int, bool) {
	p.ws()
	start := p.i
	if p.i < len(p.s) && p.s[p.i] == '-' {
		p.i++
	}
	digits := p.i
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		p.i++
	}
	if p.i == digits || (p.s[digits] == '0' && p.i-digits > 1) {
		return 0, false
	}
	if p.i < len(p.s) {
		switch p.s[p.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	n, err := strconv.ParseInt(p.s[start:p.i], 10, strconv.IntSize)
	return int(n), err == nil
}

// float reads a JSON number as encoding/json reads it into a float64.
func (p *jscan) float() (float64, bool) {
	p.ws()
	start := p.i
	for p.i < len(p.s) && strings.IndexByte("+-.0123456789eE", p.s[p.i]) >= 0 {
		p.i++
	}
	tok := p.s[start:p.i]
	if !json.Valid([]byte(tok)) {
		return 0, false
	}
	v, err := strconv.ParseFloat(tok, 64)
	return v, err == nil
}

func (p *jscan) bool() (bool, bool) {
	p.ws()
	rest := p.s[p.i:]
	switch {
	case len(rest) >= 4 && rest[:4] == "true":
		p.i += 4
		return true, true
	case len(rest) >= 5 && rest[:5] == "false":
		p.i += 5
		return false, true
	}
	return false, false
}
