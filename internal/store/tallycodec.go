package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/rebound-coach/rebound/internal/tally"
)

// valueTally is the layout of the day and month tallies from schema 2: a
// month's tally holds a thousand or more counts (days to a yes by reason and
// kind, competitors' reasons...) and decoding them as JSON cost more than
// everything else `insights` does. Tallies are derived (Repair rebuilds
// them), so they trade readability for speed:
//
//	valueTally, then for each non-zero field of tally.Day:
//	  its JSON name (uvarint length + bytes), then its value:
//	  int:                      zigzag varint
//	  map[string]int:           uvarint n, n × (string, zigzag varint)
//	  map[string]map[string]int: uvarint n, n × (string, map[string]int)
//	  map[string]map[int]int:   uvarint n, n × (string, uvarint m, m × (varint, varint))
//
// Strings are a uvarint length and the bytes; map keys are sorted so equal
// tallies encode to equal bytes. A field name this build does not know is
// an error, not silently dropped. decodeTally still reads valueV1 (JSON).
const valueTally = 3

// tallyFields names every field of a tally.Day by its JSON name and shape;
// encodeTally and decodeTally share it, and TestTallyCodecEveryField fails
// when tally.Day gains a field missing here.
type tallyFields struct {
	ints   []namedInt
	maps   []namedMap
	nested []namedNested
	days   []namedDays
}

type (
	namedInt struct {
		name string
		p    *int
	}
	namedMap struct {
		name string
		p    *map[string]int
	}
	namedNested struct {
		name string
		p    *map[string]map[string]int
	}
	namedDays struct {
		name string
		p    *map[string]map[int]int
	}
)

func fieldsOf(t *tally.Day) tallyFields {
	return tallyFields{
		ints: []namedInt{{"nos", &t.Nos}, {"reframed", &t.Reframed}, {"assumed", &t.Assumed},
			{"no_reason_text", &t.NoReasonText}, {"feeling_sum", &t.FeelingSum}, {"feeling_n", &t.FeelingN},
			{"feeling_after_sum", &t.FeelingAfterSum}, {"feeling_after_n", &t.FeelingAfterN},
			{"follow_ups_open", &t.FollowUpsOpen}, {"guessed", &t.Guessed}, {"debriefed", &t.Debriefed},
			{"thought_records", &t.ThoughtRecords}, {"referral_asked", &t.ReferralAsked},
			{"referral_given", &t.ReferralGiven}, {"prepared_n", &t.PreparedN}},
		maps: []namedMap{{"reasons", &t.Reasons}, {"kinds", &t.Kinds}, {"outcomes", &t.Outcomes},
			{"assumed_by", &t.AssumedBy}, {"mismatches", &t.Mismatches}, {"competitors", &t.Competitors},
			{"turned", &t.Turned}, {"tags", &t.Tags}, {"debrief_reasons", &t.DebriefReasons},
			{"debrief_said", &t.DebriefSaid}, {"traps", &t.Traps}, {"sting_drops", &t.StingDrops},
			{"stages", &t.Stages}, {"mistakes", &t.Mistakes}, {"prepared", &t.Prepared},
			{"secondary_reasons", &t.SecondaryReasons}},
		nested: []namedNested{{"competitor_whys", &t.CompetitorWhys}},
		days:   []namedDays{{"yes_days", &t.YesDays}},
	}
}

func (f tallyFields) count() int { return len(f.ints) + len(f.maps) + len(f.nested) + len(f.days) }

func encodeTally(t *tally.Day) []byte {
	f := fieldsOf(t)
	v := make([]byte, 1, 256)
	v[0] = valueTally
	for _, x := range f.ints {
		if *x.p != 0 {
			v = binary.AppendVarint(appendString(v, x.name), int64(*x.p))
		}
	}
	for _, x := range f.maps {
		if len(*x.p) > 0 {
			v = appendCounts(appendString(v, x.name), *x.p)
		}
	}
	for _, x := range f.nested {
		if len(*x.p) > 0 {
			v = binary.AppendUvarint(appendString(v, x.name), uint64(len(*x.p)))
			for _, k := range slices.Sorted(maps.Keys(*x.p)) {
				v = appendCounts(appendString(v, k), (*x.p)[k])
			}
		}
	}
	for _, x := range f.days {
		if len(*x.p) > 0 {
			v = binary.AppendUvarint(appendString(v, x.name), uint64(len(*x.p)))
			for _, k := range slices.Sorted(maps.Keys(*x.p)) {
				m := (*x.p)[k]
				v = binary.AppendUvarint(appendString(v, k), uint64(len(m)))
				for _, d := range slices.Sorted(maps.Keys(m)) {
					v = binary.AppendVarint(binary.AppendVarint(v, int64(d)), int64(m[d]))
				}
			}
		}
	}
	return v
}

func appendString(v []byte, s string) []byte {
	return append(binary.AppendUvarint(v, uint64(len(s))), s...)
}

func appendCounts(v []byte, m map[string]int) []byte {
	v = binary.AppendUvarint(v, uint64(len(m)))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v = binary.AppendVarint(appendString(v, k), int64(m[k]))
	}
	return v
}

// decodeTally reads a tally in either layout into t (which must be zero).
func decodeTally(v []byte, t *tally.Day) error {
	if len(v) > 0 && v[0] == valueV1 {
		return decode(v, t)
	}
	if len(v) == 0 || v[0] != valueTally {
		return fmt.Errorf("tally layout %d is unknown to this build", v[0])
	}
	r := reader{b: v[1:]}
	f := fieldsOf(t)
fields:
	for len(r.b) > 0 && r.err == nil {
		name := r.string()
		for _, x := range f.ints {
			if x.name == name {
				*x.p = int(r.varint())
				continue fields
			}
		}
		for _, x := range f.maps {
			if x.name == name {
				*x.p = r.counts()
				continue fields
			}
		}
		for _, x := range f.nested {
			if x.name == name {
				n := r.len()
				*x.p = make(map[string]map[string]int, n)
				for range n {
					k := r.string()
					(*x.p)[k] = r.counts()
				}
				continue fields
			}
		}
		for _, x := range f.days {
			if x.name == name {
				n := r.len()
				*x.p = make(map[string]map[int]int, n)
				for range n {
					k := r.string()
					m := r.len()
					days := make(map[int]int, m)
					for range m {
						d := int(r.varint())
						days[d] = int(r.varint())
					}
					(*x.p)[k] = days
				}
				continue fields
			}
		}
		if r.err == nil {
			return fmt.Errorf("the tally field %q is unknown to this build", name)
		}
	}
	if r.err != nil {
		return fmt.Errorf("decode tally: %w", r.err)
	}
	return nil
}

var errShort = errors.New("the value ends early")

// reader decodes valueTally; the first error sticks and zeroes what follows.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errShort, nil
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errShort, nil
		return 0
	}
	r.b = r.b[n:]
	return x
}

// len reads a count, refusing one larger than the bytes left could hold.
func (r *reader) len() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errShort, nil
		return 0
	}
	return int(n)
}

func (r *reader) string() string {
	n := r.len()
	if r.err != nil {
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) counts() map[string]int {
	n := r.len()
	m := make(map[string]int, n)
	for range n {
		k := r.string()
		m[k] = int(r.varint())
	}
	return m
}
