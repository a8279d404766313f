package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// An export is how a user gets their data out of a damaged journal, so it
// reads every No it can and leaves out, by name, the ones it cannot: a No
// whose value does not decode, and the No's on a damaged page. A damaged
// page faults (withDB turns the fault into ErrCorrupt and the read ends);
// the readers then look for the first key past the damage with fresh
// reads (skipDamaged) and go on from there, and the by_day index says
// which No's the damaged stretch held.

// unreadable is what the export readers left out because it could not be
// read (a damaged page, a record that does not decode).
type unreadable struct {
	mu    sync.Mutex
	ids   []uint64 // No's
	spans [][2]uint64
	other []string // reflections, wins, settings
	lines []string
}

func (u *unreadable) no(id uint64, why string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.ids = append(u.ids, id)
	u.lines = append(u.lines, fmt.Sprintf("No %d could not be read (%s) and was left out.", id, why))
}

func (u *unreadable) span(from, to uint64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.spans = append(u.spans, [2]uint64{from, to})
	u.lines = append(u.lines, fmt.Sprintf("The No's with ids %s are on a damaged page and were left out.", spanWords(from, to)))
}

func (u *unreadable) record(what, why string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.other = append(u.other, what)
	u.lines = append(u.lines, fmt.Sprintf("%s could not be read (%s) and %s left out.", upperFirst(what), why, wasWere(what)))
}

func spanWords(from, to uint64) string {
	if to == math.MaxUint64 {
		return fmt.Sprintf("%d and above", from)
	}
	return fmt.Sprintf("%d to %d", from, to)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func wasWere(what string) string {
	for _, p := range []string{"the reflections", "the wins", "the rest days", "the settings"} {
		if strings.HasPrefix(what, p) {
			return "were"
		}
	}
	return "was"
}

// Unreadable is what the exports run on this Store left out because it
// could not be read: one sentence per No, damaged stretch or record, and
// one sentence for them all ("" when nothing was left out).
func (s *Store) Unreadable() (lines []string, summary string) {
	u := &s.skipped
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.lines) == 0 {
		return nil, ""
	}
	var parts []string
	if len(u.ids) > 0 {
		ids := slices.Clone(u.ids)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		var list []string
		for _, id := range ids[:min(len(ids), 20)] {
			list = append(list, strconv.FormatUint(id, 10))
		}
		if len(ids) > 20 {
			list = append(list, fmt.Sprintf("and %d more", len(ids)-20))
		}
		noun := "No"
		if len(ids) > 1 {
			noun = "No's"
		}
		parts = append(parts, fmt.Sprintf("%s %s", noun, strings.Join(list, ", ")))
	}
	for _, sp := range u.spans {
		parts = append(parts, "the No's with ids "+spanWords(sp[0], sp[1]))
	}
	parts = append(parts, u.other...)
	return slices.Clone(u.lines), strings.Join(parts, "; ")
}

type exportRef struct {
	date journal.Day
	id   uint64
}

// refOf is the date and id of a stored No, read from the start of its
// value when it can be (valueDate), else by decoding it; false (and the No
// noted as unreadable) when neither works.
func (s *Store) refOf(k, v []byte) (exportRef, bool) {
	if len(k) != 8 {
		s.skipped.record(fmt.Sprintf("a No stored under the malformed key %x", k), "its key is not an id")
		return exportRef{}, false
	}
	if d, ok := valueDate(v); ok {
		return exportRef{d, idOf(k)}, true
	}
	n, err := readNo(k, v)
	if err != nil {
		s.skipped.no(idOf(k), plainCause(err))
		return exportRef{}, false
	}
	return exportRef{n.Date, idOf(k)}, true
}

// plainCause is err's text without the "No N cannot be read: " that the
// line about No N already says.
func plainCause(err error) string {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, "cannot be read: "); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(msg, "No "); ok {
		if _, after, ok := strings.Cut(rest, ": "); ok {
			return after
		}
	}
	if strings.Contains(msg, "malformed date") {
		return "its date is malformed"
	}
	return msg
}

// exportRefs lists the date and id of every No that can be read, from the
// nos bucket itself (so a damaged index loses nothing), a few thousand
// keys per read of the file: the pages a read touches stay mapped (and
// count as the process's memory) until the file is closed, and the lock is
// held for one chunk at a time.
func (s *Store) exportRefs() (refList, error) {
	var refs refList
	var from []byte // the first key of the next chunk; nil: the first
	var seq uint64
	for skips := 0; ; {
		var last, next []byte
		err := s.view(func(tx *bolt.Tx, b *buckets) error {
			seq = max(seq, b.nos.Sequence())
			if refs.dense == nil && refs.packed == nil && refs.wide == nil {
				// Room for every No at once: growing the list would hold
				// two copies of it for a moment.
				refs = newRefList(seq, getInt(b.meta, keyCount), tx.Size())
			}
			c := b.nos.Cursor()
			var k, v []byte
			if from == nil {
				k, v = c.First()
			} else {
				k, v = c.Seek(from)
			}
			for i := 0; k != nil && i < 4*exportPage; k, v = c.Next() {
				if last != nil && !keyAfter(k, last) {
					return s.corrupt(errOutOfOrder) // a damaged page: never loop
				}
				if r, ok := s.refOf(k, v); ok {
					refs.add(r)
				}
				last = append(last[:0], k...)
				i++
			}
			next = bytes.Clone(k)
			return nil
		})
		switch {
		case err == nil && next == nil:
			return refs, nil
		case err == nil:
			from = next
			continue
		case !errors.Is(err, ErrCorrupt):
			return refList{}, err
		}
		// A damaged page: go on from the first key past it.
		start := uint64(1) // ids start at 1
		switch {
		case len(last) == 8:
			start = idOf(last) + 1
		case len(from) == 8:
			start = idOf(from)
		}
		resume, found := s.skipDamaged(start)
		if skips++; skips > maxSkips || (seq > 0 && resume > seq) {
			found = false // past every id ever given, or damage everywhere: the rest is lost
		}
		rescued, ok := s.rescue(start, resume, found, seq)
		for _, r := range rescued {
			refs.add(r)
		}
		if !ok {
			to := uint64(math.MaxUint64)
			if found {
				to = resume - 1
			} else if seq >= start {
				to = seq
			}
			s.skipped.span(start, to)
		}
		if !found {
			return refs, nil
		}
		from = idKey(resume)
	}
}

// keyAfter reports whether k sorts after last (ids compared as numbers).
func keyAfter(k, last []byte) bool {
	if len(k) == 8 && len(last) == 8 {
		return binary.BigEndian.Uint64(k) > binary.BigEndian.Uint64(last)
	}
	return bytes.Compare(k, last) > 0
}

// errOutOfOrder is a cursor going back: a damaged page points into the
// tree again.
var errOutOfOrder = errors.New("keys out of order")

// maxSkips bounds the damaged stretches one export steps over; past it the
// rest of the No's is named as one stretch.
const maxSkips = 1000

// skipDamaged finds the smallest id from start on at which a fresh read
// (seek, then read the key and value found) gets past the damage: it
// doubles its step until a read works, then halves back. found is false
// when no read past start works at all.
func (s *Store) skipDamaged(start uint64) (resume uint64, found bool) {
	var sink byte
	probe := func(id uint64) bool {
		err := s.view(func(_ *bolt.Tx, b *buckets) error {
			k, v := b.nos.Cursor().Seek(idKey(id))
			sink ^= touch(k) ^ touch(v) // a damaged page faults here
			return nil
		})
		return err == nil
	}
	lo, hi := start, uint64(0) // probe(lo) is unknown or fails; probe(hi) works
	for step := uint64(1); ; step *= 2 {
		if start > math.MaxUint64-step || step > 1<<62 {
			return 0, false
		}
		if probe(start + step) {
			hi = start + step
			break
		}
		lo = start + step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if probe(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	_ = sink
	return hi, true // > start: the next chunk starts past where this one failed
}

// touch reads every byte of b.
func touch(b []byte) (x byte) {
	for _, c := range b {
		x ^= c
	}
	return x
}

// rescue reads, one at a time, the No's that the by_day index lists with
// ids from start up to resume (or up to seq when nothing past the damage
// could be read): any it can read are returned, the others named. ok is
// false when the index itself could not be read whole, and so cannot
// vouch for which No's the damaged stretch held.
func (s *Store) rescue(start, resume uint64, found bool, seq uint64) (refs []exportRef, ok bool) {
	end := resume
	if !found {
		end = max(seq+1, start)
	}
	var ids []uint64
	var from []byte
	for {
		var next []byte
		err := s.view(func(_ *bolt.Tx, b *buckets) error {
			c := b.byDay.Cursor()
			var k []byte
			if from == nil {
				k, _ = c.First()
			} else {
				k, _ = c.Seek(from)
			}
			var prev []byte
			for i := 0; k != nil && i < 8*exportPage; k, _ = c.Next() {
				if prev != nil && bytes.Compare(k, prev) <= 0 {
					return s.corrupt(errOutOfOrder)
				}
				prev = append(prev[:0], k...)
				if len(k) >= 8 {
					if id := idOf(k); id >= start && id < end {
						ids = append(ids, id)
					}
				}
				i++
			}
			next = bytes.Clone(k)
			return nil
		})
		if err != nil {
			ok = false
			break
		}
		if next == nil {
			ok = true
			break
		}
		from = next
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		var r exportRef
		err := s.view(func(_ *bolt.Tx, b *buckets) error {
			k := idKey(id)
			v := b.nos.Get(k)
			if v == nil {
				return s.notFound(id)
			}
			n, err := readNo(k, v)
			if err != nil {
				return err
			}
			r = exportRef{n.Date, id}
			return nil
		})
		switch {
		case err == nil:
			refs = append(refs, r)
		case errors.Is(err, ErrNotFound):
		case errors.Is(err, ErrCorrupt):
			s.skipped.no(id, "it is on a damaged page")
		default:
			s.skipped.no(id, plainCause(err))
		}
	}
	return refs, ok
}

// isFault reports whether err is a recovered fault or panic (withDB),
// not a value that fails to decode.
func isFault(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "fault") || strings.Contains(msg, "runtime error") || strings.Contains(msg, "assertion failed") ||
		strings.Contains(msg, "invalid page") || strings.Contains(msg, "unexpected")
}
