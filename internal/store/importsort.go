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

	"github.com/rebound-coach/rebound/internal/journal"
)

// daySorter puts an import's No's in date order (then file order) before
// they are written: an export in any order then dirties a few pages of
// each index per batch instead of one per No, and a day's No's are
// matched against the journal's together. It is an external merge sort:
// runs of up to sortRunBytes sorted in memory and appended to a temporary
// file next to the journal (unlinked at once, so a killed import leaves
// nothing behind), then merged sortFanIn runs at a time.
type daySorter struct {
	f    *os.File
	end  int64  // where the next run starts
	runs []run  // sorted runs in f
	buf  []item // the run being gathered
	size int    // its bytes
	seq  uint64 // file order of the next No
}

const (
	sortRunBytes = 2 << 20
	sortFanIn    = 512
	sortReadBuf  = 4 << 10 // per run being merged: 2 MiB at sortFanIn
)

type run struct{ off, len int64 }

type item struct {
	day journal.Day
	seq uint64
	val []byte // encodeNo
}

func itemLess(a, b *item) bool {
	if a.day != b.day {
		return a.day < b.day
	}
	return a.seq < b.seq
}

func newDaySorter(journalPath string) (*daySorter, error) {
	dir, base := filepath.Split(journalPath)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".sort-*")
	if err != nil {
		return nil, fmt.Errorf("sort the import: %w", err)
	}
	// Unlinked while open: the space comes back when it closes, however
	// the process ends. (Where that is refused, close removes it.)
	_ = os.Remove(f.Name())
	return &daySorter{f: f}, nil
}

func (s *daySorter) close() {
	name := s.f.Name()
	s.f.Close()
	_ = os.Remove(name) // gone already where unlinking an open file works
}

func (s *daySorter) add(n *journal.No) error {
	v, err := encodeNo(n)
	if err != nil {
		return err
	}
	s.buf = append(s.buf, item{day: n.Date, seq: s.seq, val: v})
	s.seq++
	if s.size += len(v) + 64; s.size >= sortRunBytes {
		return s.flush()
	}
	return nil
}

// flush sorts the gathered No's and appends them to the file as a run.
func (s *daySorter) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	slices.SortFunc(s.buf, func(a, b item) int {
		if itemLess(&a, &b) {
			return -1
		}
		return 1
	})
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

// An item on disk: uvarint seq, the day (10 bytes), uvarint length, value.
func writeItem(w *bufio.Writer, it *item) (int64, error) {
	var hdr [2*binary.MaxVarintLen64 + 10]byte
	b := binary.AppendUvarint(hdr[:0], it.seq)
	var day [10]byte
	copy(day[:], it.day)
	b = append(b, day[:]...)
	b = binary.AppendUvarint(b, uint64(len(it.val)))
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	_, err := w.Write(it.val)
	return int64(len(b) + len(it.val)), err
}

func readItem(r *bufio.Reader, it *item) error {
	seq, err := binary.ReadUvarint(r)
	if err != nil {
		return err
	}
	var day [10]byte
	if _, err := io.ReadFull(r, day[:]); err != nil {
		return err
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return err
	}
	if n > 64<<20 {
		return fmt.Errorf("an item of %d bytes", n)
	}
	it.seq, it.day = seq, journal.Day(bytes.TrimRight(day[:], "\x00"))
	it.val = slices.Grow(it.val[:0], int(n))[:n]
	_, err = io.ReadFull(r, it.val)
	return err
}

// each hands over every No added, in date order, then file order.
func (s *daySorter) each(fn func(*journal.No) error) error {
	if len(s.runs) == 0 {
		// Everything fits in one run: no need to go through the file.
		if len(s.buf) > 0 {
			if err := s.flushTo(func(it *item) error { return decodeItem(it, fn) }); err != nil {
				return err
			}
		}
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
	return s.merge(s.runs, func(it *item) error { return decodeItem(it, fn) })
}

// flushTo hands the gathered No's over sorted, without the file.
func (s *daySorter) flushTo(fn func(*item) error) error {
	slices.SortFunc(s.buf, func(a, b item) int {
		if itemLess(&a, &b) {
			return -1
		}
		return 1
	})
	for i := range s.buf {
		if err := fn(&s.buf[i]); err != nil {
			return err
		}
		s.buf[i].val = nil
	}
	s.buf = nil
	return nil
}

func decodeItem(it *item, fn func(*journal.No) error) error {
	var n journal.No
	if err := decodeNoValue(nil, it.val, &n); err != nil {
		return fmt.Errorf("sort the import: %w", err)
	}
	return fn(&n)
}

// merge reads runs together and hands over their items in order.
func (s *daySorter) merge(runs []run, fn func(*item) error) error {
	h := &mergeHeap{}
	for _, r := range runs {
		c := &cursor{r: bufio.NewReaderSize(io.NewSectionReader(s.f, r.off, r.len), sortReadBuf)}
		if err := readItem(c.r, &c.it); err != nil {
			return fmt.Errorf("sort the import: %w", err)
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
func (h *mergeHeap) Less(i, j int) bool { return itemLess(&h.cs[i].it, &h.cs[j].it) }
func (h *mergeHeap) Swap(i, j int)      { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *mergeHeap) Push(x any)         { h.cs = append(h.cs, x.(*cursor)) }
func (h *mergeHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}
