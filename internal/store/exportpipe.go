package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// An export reads every No in date order, and a No's JSON costs more to
// decode and encode than to read: so one goroutine reads runs of No's
// (the raw values, copied out of the file a run per read), a worker per
// core decodes and encodes a run each, and the caller writes the runs in
// order as they complete. A few runs are in flight at once, so memory
// holds a few runs and the list of every No's date (4 bytes each, refList).

// exportRun is how many No's one read takes and one worker handles.
const exportRun = 512

// exportDepth is how many runs exist at once: one read, one per worker,
// one written.
const exportDepth = 4

// refList is every No's (date, id), read in export order. Most journals
// number their No's 1, 2, 3...: then it holds each id's date (yyyymmdd)
// in a list by id, 4 bytes a No, and reads them in order a window of
// dates at a time (each window sorted on its own). Else each (date, id)
// is packed into a uint64 (the date above the id) and the list sorted,
// or, for an id too large to pack, kept whole.
type refList struct {
	dense  []uint32 // by id: the No's date as yyyymmdd, 0: no such No
	packed []uint64
	wide   []exportRef
	n      int // No's in dense
}

const packedIDBits = 37 // ids below 137 billion; the date takes the 27 bits above

// refWindow is how many No's a window of dates holds at most (but for a
// single date holding more): 512 KiB of packed (date, id) at a time.
const refWindow = 1 << 16

// newRefList sizes the list for ids up to seq (the bucket's sequence):
// dense when the ids are that compact (count No's, a damaged counter
// bounded by the file's size), else packed.
func newRefList(seq uint64, count int, fileSize int64) refList {
	count = min(max(count, 0), int(fileSize/64), 1<<24)
	if seq < 1<<packedIDBits && seq <= uint64(2*count+4096) {
		return refList{dense: make([]uint32, seq+1)}
	}
	return refList{packed: make([]uint64, 0, count)}
}

func (l *refList) add(r exportRef) {
	if l.dense != nil {
		if r.id < uint64(len(l.dense)) && l.dense[r.id] == 0 {
			l.dense[r.id] = dayDigits(r.date)
			l.n++
			return
		}
		l.toPacked() // an id past the sequence (a damaged one): the general way
	}
	if l.wide == nil && r.id < 1<<packedIDBits {
		l.packed = append(l.packed, uint64(dayDigits(r.date))<<packedIDBits|r.id)
		return
	}
	if l.wide == nil {
		l.wide = make([]exportRef, 0, len(l.packed)+1)
		for _, p := range l.packed {
			l.wide = append(l.wide, exportRef{dayOfDigits(uint32(p >> packedIDBits)), p & (1<<packedIDBits - 1)})
		}
		l.packed = nil
	}
	l.wide = append(l.wide, r)
}

func (l *refList) toPacked() {
	l.packed = make([]uint64, 0, l.n+1)
	for id, d := range l.dense {
		if d != 0 {
			l.packed = append(l.packed, uint64(d)<<packedIDBits|uint64(id))
		}
	}
	l.dense, l.n = nil, 0
}

// each calls fn with every id in export order (newest first when asked)
// until fn returns false.
func (l *refList) each(newestFirst bool, fn func(id uint64) bool) {
	switch {
	case l.dense != nil:
		l.eachDense(newestFirst, fn)
	case l.wide != nil:
		slices.SortStableFunc(l.wide, func(a, b exportRef) int { return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.id, b.id)) })
		for i := range l.wide {
			k := i
			if newestFirst {
				k = len(l.wide) - 1 - i
			}
			if !fn(l.wide[k].id) {
				return
			}
		}
	default:
		slices.Sort(l.packed) // date then id, as the wide order
		for i := range l.packed {
			k := i
			if newestFirst {
				k = len(l.packed) - 1 - i
			}
			if !fn(l.packed[k] & (1<<packedIDBits - 1)) {
				return
			}
		}
	}
}

// eachDense reads the dense list a window of dates at a time: the ids of
// the window's dates gathered in one pass over the list, then sorted.
func (l *refList) eachDense(newestFirst bool, fn func(id uint64) bool) {
	perDay := map[uint32]int{}
	for _, d := range l.dense {
		if d != 0 {
			perDay[d]++
		}
	}
	days := slices.Sorted(maps.Keys(perDay))
	if newestFirst {
		slices.Reverse(days)
	}
	var window []uint64
	for i := 0; i < len(days); {
		n, j := 0, i
		for j < len(days) && (j == i || n+perDay[days[j]] <= refWindow) {
			n += perDay[days[j]]
			j++
		}
		lo, hi := min(days[i], days[j-1]), max(days[i], days[j-1])
		window = window[:0]
		for id, d := range l.dense {
			if d >= lo && d <= hi {
				window = append(window, uint64(d)<<packedIDBits|uint64(id))
			}
		}
		slices.Sort(window)
		for k := range window {
			if newestFirst {
				k = len(window) - 1 - k
			}
			if !fn(window[k] & (1<<packedIDBits - 1)) {
				return
			}
		}
		i = j
	}
}

// dayDigits is a valid day "2026-03-04" as 20260304, which orders as the
// text does.
func dayDigits(d journal.Day) uint32 {
	var n uint32
	for i := 0; i < len(d); i++ {
		if c := d[i]; c >= '0' && c <= '9' {
			n = n*10 + uint32(c-'0')
		}
	}
	return n
}

func dayOfDigits(n uint32) journal.Day {
	return journal.Day(fmt.Sprintf("%04d-%02d-%02d", n/10000, n/100%100, n%100))
}

// exportBatch is one run of No's on its way through the pipeline.
type exportBatch struct {
	ids  []uint64
	buf  []byte   // the raw values back to back (reused run after run)
	ends []int    // where each id's value ends in buf
	miss []string // per id: "" read; "-" deleted meanwhile; else why it could not be read

	// Filled by a worker.
	nos   []journal.No // decoded, for ExportNos
	out   []byte       // encoded, for ExportNosEncoded
	skips []skipNote   // in order
	n     int          // No's in nos or out
	err   error
	done  chan struct{}
}

type skipNote struct {
	id  uint64
	why string
}

// exportPipeline reads, decodes (and with encode, encodes) every No in
// export order, and calls each with every run, in order. What cannot be
// read is named in s.skipped, in order, as the runs reach each.
//
// With encode, the No's are encoded into the runs' out: encode (on every
// core; it must not share state between calls, nor keep n or its
// strings, which are reused) appends n's bytes to dst. raw, when given,
// makes for each run a function that appends a No's bytes straight from
// its stored value, or says it cannot (then it is decoded and encoded).
func (s *Store) exportPipeline(newestFirst bool, encode func([]byte, *journal.No) ([]byte, error),
	raw func() func(dst []byte, id uint64, v string) ([]byte, bool), each func(*exportBatch) error) (int, error) {
	refs, err := s.exportRefs()
	if err != nil {
		return 0, wrapOp("export", err)
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	// exportDepth runs exist, no more: the reader waits for a spent one.
	free := make(chan *exportBatch, exportDepth)
	for range exportDepth {
		free <- &exportBatch{}
	}
	quit := make(chan struct{})
	order := make(chan *exportBatch, exportDepth)
	work := make(chan *exportBatch, exportDepth)
	var wg sync.WaitGroup
	defer func() {
		close(quit)
		for range order { // let the reader finish
		}
		wg.Wait()
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(work)
		var b *exportBatch
		// read sends b, full or the last, to the workers; false to stop.
		read := func() bool {
			b.err = s.readRun(b)
			order <- b // never blocks: at most exportDepth runs exist
			if b.err != nil {
				close(b.done)
				return false
			}
			work <- b
			b = nil
			return true
		}
		refs.each(newestFirst, func(id uint64) bool {
			if b == nil {
				select {
				case b = <-free:
				case <-quit:
					return false
				}
				b.ids, b.buf, b.ends, b.miss = b.ids[:0], b.buf[:0], b.ends[:0], b.miss[:0]
				b.nos, b.out, b.skips, b.n, b.err = b.nos[:0], b.out[:0], b.skips[:0], 0, nil
				b.done = make(chan struct{})
			}
			b.ids = append(b.ids, id)
			return len(b.ids) < exportRun || read()
		})
		if b != nil && len(b.ids) > 0 {
			read()
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				decodeRun(b, encode, raw)
				close(b.done)
			}
		}()
	}
	count := 0
	for b := range order {
		<-b.done
		if b.err != nil {
			return count, b.err
		}
		for _, sk := range b.skips {
			s.skipped.no(sk.id, sk.why)
		}
		if err := each(b); err != nil {
			return count, err
		}
		count += b.n
		clear(b.nos) // the strings of spent No's can go
		free <- b
	}
	return count, nil
}

// readRun copies the raw values of b's No's out of the file, in one read;
// a read that faults is read again a No at a time, so that only the No's
// at fault are left out.
func (s *Store) readRun(b *exportBatch) error {
	err := s.view(func(_ *bolt.Tx, bk *buckets) error {
		b.buf, b.ends, b.miss = b.buf[:0], b.ends[:0], b.miss[:0]
		c := bk.nos.Cursor()
		var k, v []byte
		for _, id := range b.ids {
			s.decoded.Add(1)
			// In date order the ids mostly rise: the key wanted is often a
			// few steps on, and a step is cheaper than a seek from the root.
			for step := 0; k != nil && step < 4 && len(k) == 8 && idOf(k) < id; step++ {
				k, v = c.Next()
			}
			key := idKey(id)
			if k == nil || len(k) != 8 || idOf(k) != id {
				k, v = c.Seek(key)
			}
			if k == nil || string(k) != string(key) || v == nil { // v nil: a bucket, not a No
				b.ends = append(b.ends, len(b.buf))
				b.miss = append(b.miss, "-")
				continue
			}
			b.buf = append(b.buf, v...)
			b.ends = append(b.ends, len(b.buf))
			b.miss = append(b.miss, "")
		}
		return nil
	})
	if err == nil {
		return nil
	}
	if !errors.Is(err, ErrCorrupt) {
		return wrapOp("export", wrapOp("read No's", err))
	}
	b.buf, b.ends, b.miss = b.buf[:0], b.ends[:0], b.miss[:0]
	for _, id := range b.ids {
		var val []byte
		err := s.view(func(_ *bolt.Tx, bk *buckets) error {
			val = bytes.Clone(bk.nos.Get(idKey(id)))
			return nil
		})
		switch {
		case err == nil && val == nil:
			b.miss = append(b.miss, "-")
		case err == nil:
			b.buf = append(b.buf, val...)
			b.miss = append(b.miss, "")
		case errors.Is(err, ErrCorrupt):
			b.miss = append(b.miss, unreadableWhy(err))
		default:
			return wrapOp("export", wrapOp("read No's", err))
		}
		b.ends = append(b.ends, len(b.buf))
	}
	return nil
}

// unreadableWhy is why a No whose read failed with ErrCorrupt is left
// out: a damaged page, or the cause in plain words.
func unreadableWhy(err error) string { return causeWhy(causeOf(err)) }

func causeWhy(cause error) string {
	if isFault(cause) {
		return "it is on a damaged page"
	}
	return plainCause(cause)
}

// decodeRun decodes b's No's, and encodes them when encode is given,
// noting in order the ones that cannot be read.
func decodeRun(b *exportBatch, encode func([]byte, *journal.No) ([]byte, error), raw func() func([]byte, uint64, string) ([]byte, bool)) {
	var straight func([]byte, uint64, string) ([]byte, bool)
	if raw != nil {
		straight = raw()
	}
	// The No's strings are cut from one string of the run's values. No's
	// handed to encode go no further (it must not keep them), so their
	// strings may alias the run's buffer, which the next run overwrites;
	// No's handed to ExportNos's caller get a copy of their own.
	vals := unsafeString(b.buf)
	if encode == nil {
		vals = string(b.buf)
	}
	start := 0
	var n journal.No
	for i, id := range b.ids {
		v := vals[start:b.ends[i]]
		start = b.ends[i]
		switch b.miss[i] {
		case "":
		case "-":
			continue // deleted since the list was made
		default:
			b.skips = append(b.skips, skipNote{id, b.miss[i]})
			continue
		}
		if straight != nil {
			if out, ok := straight(b.out, id, v); ok {
				b.out = out
				b.n++
				continue
			}
		}
		k := idKey(id)
		n = journal.No{}
		if err := decodeNoString(k, v, &n); err != nil {
			// getNo's error (Store.corrupt) wraps this cause.
			b.skips = append(b.skips, skipNote{id, causeWhy(fmt.Errorf("No %d: %w", id, err))})
			continue
		}
		if !validDay(n.Date) || (n.FollowUp != "" && !validDay(n.FollowUp)) {
			b.skips = append(b.skips, skipNote{n.ID, "its date is malformed"})
			continue
		}
		if encode == nil {
			b.nos = append(b.nos, n)
		} else {
			out, err := encode(b.out, &n)
			if err != nil {
				b.err = err
				return
			}
			b.out = out
		}
		b.n++
	}
}

// validDay is journal.Day.Valid (time.Parse with "2006-01-02") without
// the parse: an export checks two dates of every No.
func validDay[T ~string | ~[]byte](d T) bool {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(d[i : i+n]) {
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, day := num(0, 4), num(5, 2), num(8, 2)
	if m < 1 || m > 12 || day < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return day <= days
}
