package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Values are versioned JSON: one version byte, then the JSON of the domain
// type. The byte is checked before decoding, so a value written by a later
// layout is reported instead of half-read, and a migration can tell old and
// new values apart without parsing them. JSON keeps the file readable with
// `bbolt get` and uses the same field names as the export format.
//
//   - valueV1: the JSON of the domain type as the export writes it (schema 1
//     No's; tallies, reflections, wins and settings in every schema).
//   - valueV2 (No's from schema 2): the same field names, but zero fields
//     are left out and the id is not repeated (it is the key). See noDisk.
const (
	valueV1 = 1
	valueV2 = 2
)

func encode(v any) ([]byte, error) {
	return encodeAs(valueV1, v)
}

func encodeAs(version byte, v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte(version)
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("encode value: %w", err)
	}
	out := buf.Bytes()
	return out[:len(out)-1], nil // Encoder adds a newline
}

func decode(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("empty value")
	}
	if b[0] != valueV1 {
		return fmt.Errorf("value version %d is unknown to this build", b[0])
	}
	return jsonUnmarshal(b[1:], v)
}

func jsonUnmarshal(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode value: %w", err)
	}
	return nil
}

// noDisk is journal.No as schema 2 stores it: the export's field names, zero
// fields omitted, no id. It has exactly No's fields, so the two convert into
// each other for free, and a field added to No without adding it here stops
// the build instead of being silently dropped.
type noDisk struct {
	ID             uint64                  `json:"-"`
	Date           journal.Day             `json:"date"`
	CreatedAt      time.Time               `json:"created_at"`
	UpdatedAt      time.Time               `json:"updated_at"`
	Mode           string                  `json:"mode,omitempty"`
	Who            string                  `json:"who"`
	Contact        string                  `json:"contact,omitempty"`
	Offer          string                  `json:"offer,omitempty"`
	Channel        string                  `json:"channel,omitempty"`
	Said           string                  `json:"said,omitempty"`
	Reason         string                  `json:"reason,omitempty"`
	ReasonText     string                  `json:"reason_text,omitempty"`
	Assumed        string                  `json:"assumed,omitempty"`
	Kind           journal.Kind            `json:"kind,omitempty"`
	Change         string                  `json:"change,omitempty"`
	Competitor     string                  `json:"competitor,omitempty"`
	CompetitorWhy  string                  `json:"competitor_why,omitempty"`
	Feeling        int                     `json:"feeling,omitempty"`
	FeelingAfter   int                     `json:"feeling_after,omitempty"`
	Lesson         string                  `json:"lesson,omitempty"`
	Next           string                  `json:"next,omitempty"`
	FollowUp       journal.Day             `json:"follow_up,omitempty"`
	FollowUpDone   bool                    `json:"follow_up_done,omitempty"`
	Outcome        journal.Outcome         `json:"outcome,omitempty"`
	OutcomeHistory []journal.OutcomeChange `json:"outcome_history,omitempty"`
	Tags           []string                `json:"tags,omitempty"`
	Debrief        []journal.Answer        `json:"debrief,omitempty"`
	ReframeStep    int                     `json:"reframe_step,omitempty"`
	ReframedAt     *time.Time              `json:"reframed_at,omitempty"`

	Thought          string   `json:"thought,omitempty"`
	Traps            []string `json:"traps,omitempty"`
	EvidenceFor      string   `json:"evidence_for,omitempty"`
	EvidenceAgainst  string   `json:"evidence_against,omitempty"`
	Balanced         string   `json:"balanced,omitempty"`
	ReferralAsked    bool     `json:"referral_asked,omitempty"`
	Referral         string   `json:"referral,omitempty"`
	Stage            string   `json:"stage,omitempty"`
	Prepared         string   `json:"prepared,omitempty"`
	Mistake          string   `json:"mistake,omitempty"`
	SecondaryReasons []string `json:"secondary_reasons,omitempty"`
	ConditionMet     bool     `json:"condition_met,omitempty"`
	Amount           float64  `json:"amount,omitempty"`
	Source           string   `json:"source,omitempty"`
}

// encodeNo is a No's value in nos (valueV2).
func encodeNo(n *journal.No) ([]byte, error) {
	if b, ok := appendNoDisk(make([]byte, 0, textWeight(n)), n); ok {
		return b, nil
	}
	return encodeAs(valueV2, noDisk(*n))
}

// decodeNoValue reads a No stored under key k, in either value version; a
// valueV2 No takes its id from the key.
func decodeNoValue(k, v []byte, n *journal.No) error {
	if len(v) > 0 && v[0] == valueV1 {
		return jsonUnmarshal(v[1:], n)
	}
	// One string for the value: the No's strings are cut from it.
	return decodeNoString(k, string(v), n)
}

// decodeNoString is decodeNoValue on the value as a string (an export
// reads a run of values into one string: one allocation for them all).
func decodeNoString(k []byte, v string, n *journal.No) error {
	if len(v) == 0 {
		return fmt.Errorf("empty value")
	}
	switch v[0] {
	case valueV1:
		return jsonUnmarshal([]byte(v[1:]), n)
	case valueV2:
		var d noDisk
		if !decodeNoFast(v[1:], &d) {
			d = noDisk{}
			if err := jsonUnmarshal([]byte(v[1:]), &d); err != nil {
				return err
			}
		}
		*n = journal.No(d)
		if len(k) == 8 {
			n.ID = idOf(k)
		}
		return nil
	}
	return fmt.Errorf("value version %d is unknown to this build", v[0])
}

// empty is the value of index keys; bbolt stores it as a zero-length value.
var empty = []byte{}

func idKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

func idOf(k []byte) uint64 { return binary.BigEndian.Uint64(k[len(k)-8:]) }

// dayIDKey is date + id: by_day and by_follow_up keys, so a reverse cursor
// yields newest first.
func dayIDKey(d journal.Day, id uint64) []byte {
	k := make([]byte, 0, len(d)+8)
	k = append(k, d...)
	return binary.BigEndian.AppendUint64(k, id)
}

// dayValue is a No's by_day value: what a list row shows, so a page of the
// journal, filtered or searched, is printed from by_day alone and never
// decodes a No:
//
//	outcome 0x00 reason 0x00 mode 0x00 follow-up 0x00 done 0x00 who
//
// follow-up is "" or a date, done is "1" when the follow-up is done (else
// ""), and who comes last, so whatever it holds cannot shift the fields.
func dayValue(n *journal.No) []byte {
	v := make([]byte, 0, len(n.Outcome)+len(n.Reason)+len(n.Mode)+len(n.FollowUp)+len(n.Who)+len(n.Kind)+7)
	v = append(append(v, n.Outcome...), 0)
	v = append(append(v, n.Reason...), 0)
	v = append(append(v, n.Mode...), 0)
	v = append(append(v, n.FollowUp...), 0)
	if n.FollowUpDone {
		v = append(v, '1')
	}
	v = append(v, 0)
	v = append(v, n.Who...)
	// The kind after who, behind a byte stored text never holds (it is
	// valid UTF-8), so a kind filter reads no No; a value without it
	// (schema 6, which the upgrade rewrites) has no kind.
	return append(append(v, kindMark), n.Kind...)
}

// kindMark ends who in a by_day value; the kind follows it.
const kindMark = 0xFF

// splitWhoKind splits a by_day value's last part into who and kind.
func splitWhoKind(v []byte) (who, kind []byte) {
	if i := bytes.LastIndexByte(v, kindMark); i >= 0 {
		return v[:i], v[i+1:]
	}
	return v, nil
}

// dayFields splits a by_day value into outcome, reason and mode.
func dayFields(v []byte) (outcome, reason, mode []byte) {
	outcome, rest, _ := bytes.Cut(v, []byte{0})
	reason, rest, _ = bytes.Cut(rest, []byte{0})
	mode, _, _ = bytes.Cut(rest, []byte{0})
	return outcome, reason, mode
}

// dayRowWith reads the list row of the No with id on day d from its by_day
// value, making its strings with str; ok is false for a value that does not
// have every field.
func dayRowWith(d journal.Day, id uint64, v []byte, str func([]byte) string) (r Row, ok bool) {
	var f [5][]byte
	for i := range f {
		j := bytes.IndexByte(v, 0)
		if j < 0 {
			return r, false
		}
		f[i], v = v[:j], v[j+1:]
	}
	who, _ := splitWhoKind(v)
	return Row{
		ID: id, Date: d, Who: str(who), Reason: str(f[1]), Mode: str(f[2]),
		Outcome: journal.Outcome(str(f[0])), FollowUp: journal.Day(str(f[3])), FollowUpDone: len(f[4]) > 0,
	}, true
}

// completeRow reports whether a by_day value has every field of a row.
func completeRow(v []byte) bool {
	for range 5 {
		j := bytes.IndexByte(v, 0)
		if j < 0 {
			return false
		}
		v = v[j+1:]
	}
	return true
}

// followUpValue is a by_follow_up value: what the follow-up list shows, so
// it never decodes a No. A version byte, then outcome, kind, the No's date,
// who, next and change, each a uvarint length and the bytes.
func followUpValue(n *journal.No) []byte {
	fs := [...]string{string(n.Outcome), string(n.Kind), string(n.Date), n.Who, n.Next, n.Change, n.Mode}
	size := 1
	for _, f := range fs {
		size += binary.MaxVarintLen32 + len(f)
	}
	v := make([]byte, 1, size)
	v[0] = followUpV2
	for _, f := range fs {
		v = binary.AppendUvarint(v, uint64(len(f)))
		v = append(v, f...)
	}
	return v
}

// Layouts of a by_follow_up value: v1 (schema 6) without the mode, v2
// (schema 7, the upgrade rewrites every one) with it, so a page of
// follow-ups with their odds reads no list row.
const (
	followUpV1 = 1
	followUpV2 = 2
)

// followUpRow reads a by_follow_up entry; ok is false for a value that
// cannot be read (Check reports it). A v1 value leaves Mode empty.
func followUpRow(k, v []byte) (r FollowUpRow, ok bool) {
	if len(k) != 18 || len(v) == 0 || v[0] != followUpV1 && v[0] != followUpV2 {
		return r, false
	}
	var fs [7]string
	n := len(fs)
	if v[0] == followUpV1 {
		n--
	}
	v = v[1:]
	for i := range fs[:n] {
		n, w := binary.Uvarint(v)
		if w <= 0 || n > uint64(len(v)-w) {
			return r, false
		}
		fs[i] = string(v[w : w+int(n)])
		v = v[w+int(n):]
	}
	return FollowUpRow{
		ID: idOf(k), Due: journal.Day(k[:10]), Outcome: journal.Outcome(fs[0]), Kind: journal.Kind(fs[1]),
		Date: journal.Day(fs[2]), Who: fs[3], Next: fs[4], Change: fs[5], Mode: fs[6],
	}, true
}

// has reports whether key is present (many index values are empty, which
// Get cannot tell apart from a missing key).
func has(b *bolt.Bucket, key []byte) bool {
	k, _ := b.Cursor().Seek(key)
	return k != nil && bytes.Equal(k, key)
}

func getInt(b *bolt.Bucket, key []byte) int {
	n, _ := strconv.Atoi(string(b.Get(key)))
	return n
}

// getIntOK is getInt that tells a missing or unreadable value apart.
func getIntOK(b *bolt.Bucket, key []byte) (int, bool) {
	n, err := strconv.Atoi(string(b.Get(key)))
	return n, err == nil
}

func putInt(b *bolt.Bucket, key []byte, n int) error {
	return b.Put(key, []byte(strconv.Itoa(n)))
}

func addInt(b *bolt.Bucket, key []byte, delta int) error {
	if delta == 0 {
		return nil
	}
	return putInt(b, key, getInt(b, key)+delta)
}

// u32 values: counts per day in reframed_days and reflection_days.
func u32(n int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(n)) }

func readU32(v []byte) (int, error) {
	if len(v) != 4 {
		return 0, fmt.Errorf("a count of %d bytes, not 4", len(v))
	}
	return int(binary.BigEndian.Uint32(v)), nil
}

// Day numbers: no_days stores each No's date as a uint32, the days since
// 1970-01-01 plus dayBias (so every valid year is positive and 0 means "no
// No"), and search orders candidates by them without parsing strings.
const dayBias = 800_000

// dayNum is d's day number, 0 for a malformed day.
func dayNum(d journal.Day) uint32 {
	s := string(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	dd, e3 := strconv.Atoi(s[8:])
	if e1 != nil || e2 != nil || e3 != nil {
		return 0
	}
	return uint32(daysFromCivil(y, m, dd) + dayBias)
}

// dayOfNum is the inverse of dayNum.
func dayOfNum(n uint32) journal.Day {
	y, m, d := civilFromDays(int(n) - dayBias)
	b := make([]byte, 10)
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4], b[7] = '-', '-'
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return journal.Day(b)
}

// daysFromCivil and civilFromDays are H. Hinnant's algorithms (proleptic
// Gregorian calendar, day 0 = 1970-01-01).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
