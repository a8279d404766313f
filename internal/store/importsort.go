package store

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// extSorter sorts what an import writes by key (then by the order it was
// added) without holding it: an external merge sort. Runs of up to
// sortRunBytes are sorted in memory and appended to a temporary file next
// to the journal (unlinked at once, so a killed import leaves nothing
// behind), then merged sortFanIn runs at a time. An import sorts its No's
// by date with it, so that an export in any order dirties a few pages of
// each index per batch instead of one per No, and the search postings of
// a batch too large to write at once (text full of distinct words).
type extSorter struct {
	f    *os.File
	end  int64  // where the next run starts
	runs []run  // sorted runs in f
	buf  []item // the run being gathered
	size int    // its bytes
	seq  uint64 // order of the next item
	// runBytes, when set, is this sorter's run size instead of
	// sortRunBytes (one that runs beside another keeps less).
	runBytes int
}

var (
	sortRunBytes = 2 << 20
	sortFanIn    = 512
)

const sortReadBuf = 4 << 10 // per run being merged: 2 MiB at sortFanIn

type run struct{ off, len int64 }

// An item's value is held in the run when it is short; a longer one (a No
// with long texts) is written to the file when added and the run holds
// where: merging then holds a few KiB per run, whatever the values' size.
type item struct {
	key, val []byte
	seq      uint64
	ref      int64 // where in the file the value is, when out of the run
	vlen     int   // its length
}

const inlineMax = 4 << 10

func itemCmp(a, b *item) int {
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c
	}
	if a.seq < b.seq {
		return -1
	}
	return 1
}

func newExtSorter(journalPath, what string) (*extSorter, error) {
	dir, base := filepath.Split(journalPath)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+"."+what+"-*")
	if err != nil {
		return nil, fmt.Errorf("sort the import: %w", err)
	}
	// Unlinked while open: the space comes back when it closes, however
	// the process ends. (Where that is refused, close removes it.)
	_ = os.Remove(f.Name())
	return &extSorter{f: f}, nil
}

func (s *extSorter) close() {
	name := s.f.Name()
	s.f.Close()
	_ = os.Remove(name) // gone already where unlinking an open file works
}

// add takes key and val (a short val is kept: the caller must not reuse it).
func (s *extSorter) add(key, val []byte) error {
	it := item{key: key, val: val, seq: s.seq, ref: -1, vlen: len(val)}
	s.seq++
	if len(val) > inlineMax {
		if _, err := s.f.WriteAt(val, s.end); err != nil {
			return fmt.Errorf("sort the import: %w", err)
		}
		it.val, it.ref = nil, s.end
		s.end += int64(len(val))
	}
	s.buf = append(s.buf, it)
	limit := sortRunBytes
	if s.runBytes > 0 {
		limit = min(limit, s.runBytes)
	}
	if s.size += len(key) + len(it.val) + 64; s.size >= limit {
		return s.flush()
	}
	return nil
}

// value is it's value, read from the file into buf when it is not in the
// run.
func (s *extSorter) value(it *item, buf *[]byte) ([]byte, error) {
	if it.ref < 0 {
		return it.val, nil
	}
	*buf = slices.Grow((*buf)[:0], it.vlen)[:it.vlen]
	if _, err := s.f.ReadAt(*buf, it.ref); err != nil {
		return nil, fmt.Errorf("sort the import: %w", err)
	}
	v := *buf
	if cap(*buf) > 1<<20 {
		*buf = nil // one long No does not keep its size for the rest
	}
	return v, nil
}

func (s *extSorter) sortBuf() {
	slices.SortFunc(s.buf, func(a, b item) int { return itemCmp(&a, &b) })
}

// flush sorts what was gathered and appends it to the file as a run.
func (s *extSorter) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	s.sortBuf()
	w := bufio.NewWriterSize(io.NewOffsetWriter(s.f, s.end), 64<<10)
	var n int64
	for i := range s.buf {
		k, err := writeItem(w, &s.buf[i])
		if err != nil {
			return fmt.Errorf("sort the import: %w", err)
		}
		n += k
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("sort the import: %w", err)
	}
	s.runs = append(s.runs, run{off: s.end, len: n})
	s.end += n
	clear(s.buf)
	s.buf, s.size = s.buf[:0], 0
	return nil
}

// An item in a run: uvarint seq, uvarint key length, key, uvarint value
// length<<1 | 1 and uvarint where the value is, or value length<<1 and
// the value.
func writeItem(w *bufio.Writer, it *item) (int64, error) {
	var hdr [3 * binary.MaxVarintLen64]byte
	b := binary.AppendUvarint(hdr[:0], it.seq)
	b = binary.AppendUvarint(b, uint64(len(it.key)))
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	if _, err := w.Write(it.key); err != nil {
		return 0, err
	}
	n := len(b) + len(it.key)
	if it.ref >= 0 {
		b = binary.AppendUvarint(hdr[:0], uint64(it.vlen)<<1|1)
		b = binary.AppendUvarint(b, uint64(it.ref))
		_, err := w.Write(b)
		return int64(n + len(b)), err
	}
	b = binary.AppendUvarint(hdr[:0], uint64(len(it.val))<<1)
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	_, err := w.Write(it.val)
	return int64(n + len(b) + len(it.val)), err
}

func readItem(r *bufio.Reader, it *item) error {
	seq, err := binary.ReadUvarint(r)
	if err != nil {
		return err // io.EOF at the end of a run
	}
	it.seq = seq
	if it.key, err = readBytes(r, it.key, 64<<10); err != nil {
		return noEOF(err)
	}
	lf, err := binary.ReadUvarint(r)
	if err != nil {
		return noEOF(err)
	}
	if it.vlen, it.ref = int(lf>>1), -1; lf&1 == 1 {
		ref, err := binary.ReadUvarint(r)
		it.ref, it.val = int64(ref), it.val[:0]
		return noEOF(err)
	}
	if it.vlen > inlineMax {
		return fmt.Errorf("an item of %d bytes", it.vlen)
	}
	it.val = slices.Grow(it.val[:0], it.vlen)[:it.vlen]
	_, err = io.ReadFull(r, it.val)
	return noEOF(err)
}

func readBytes(r *bufio.Reader, buf []byte, limit uint64) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return buf, err
	}
	if n > limit {
		return buf, fmt.Errorf("an item of %d bytes", n)
	}
	buf = slices.Grow(buf[:0], int(n))[:n]
	_, err = io.ReadFull(r, buf)
	return buf, err
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// each hands over every item added, by key, then in the order added. The
// key and value are valid only during the call.
func (s *extSorter) each(fn func(key, val []byte) error) error {
	var vbuf []byte
	emit := func(it *item) error {
		v, err := s.value(it, &vbuf)
		if err != nil {
			return err
		}
		return fn(it.key, v)
	}
	if len(s.runs) == 0 {
		// Everything fits in one run: no need to go through the file.
		s.sortBuf()
		for i := range s.buf {
			if err := emit(&s.buf[i]); err != nil {
				return err
			}
			s.buf[i] = item{}
		}
		s.buf = nil
		return nil
	}
	if err := s.flush(); err != nil {
		return err
	}
	// Merge sortFanIn runs at a time into longer ones until one pass will do.
	for len(s.runs) > sortFanIn {
		var next []run
		for i := 0; i < len(s.runs); i += sortFanIn {
			group := s.runs[i:min(len(s.runs), i+sortFanIn)]
			start := s.end
			w := bufio.NewWriterSize(io.NewOffsetWriter(s.f, start), 64<<10)
			var n int64
			err := s.merge(group, func(it *item) error {
				k, err := writeItem(w, it)
				n += k
				return err
			})
			if err == nil {
				err = w.Flush()
			}
			if err != nil {
				return fmt.Errorf("sort the import: %w", err)
			}
			next = append(next, run{off: start, len: n})
			s.end += n
		}
		s.runs = next
	}
	return s.merge(s.runs, emit)
}

// merge reads runs together and hands over their items in order.
func (s *extSorter) merge(runs []run, fn func(*item) error) error {
	h := &mergeHeap{}
	for _, r := range runs {
		c := &cursor{r: bufio.NewReaderSize(io.NewSectionReader(s.f, r.off, r.len), sortReadBuf)}
		if err := readItem(c.r, &c.it); err != nil {
			return fmt.Errorf("sort the import: %w", noEOF(err))
		}
		h.cs = append(h.cs, c)
	}
	heap.Init(h)
	for h.Len() > 0 {
		c := h.cs[0]
		if err := fn(&c.it); err != nil {
			return err
		}
		switch err := readItem(c.r, &c.it); err {
		case nil:
			heap.Fix(h, 0)
		case io.EOF:
			heap.Pop(h)
		default:
			return fmt.Errorf("sort the import: %w", err)
		}
	}
	return nil
}

type cursor struct {
	r  *bufio.Reader
	it item
}

type mergeHeap struct{ cs []*cursor }

func (h *mergeHeap) Len() int           { return len(h.cs) }
func (h *mergeHeap) Less(i, j int) bool { return itemCmp(&h.cs[i].it, &h.cs[j].it) < 0 }
func (h *mergeHeap) Swap(i, j int)      { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *mergeHeap) Push(x any)         { h.cs = append(h.cs, x.(*cursor)) }
func (h *mergeHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}
