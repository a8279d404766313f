package store

import (
	"bytes"
	"encoding/binary"
	"os"
)

// pagesHealthy reports whether the bbolt file at path is whole in every
// way the page checks look at, reading it with ReadAt as walkPages does
// (no map: nothing counts as the process's memory, no fault): both meta
// pages valid, the free list readable with each page once, every page of
// every bucket's tree reachable once, in bounds, of a data type, its keys
// in order within the page and within the range its parent gives it (as
// bbolt's check orders them), and every page below the high-water mark
// either reachable or free, not both. It is stricter than walkPages and
// than bbolt's check (tx.Check) together: when it says true, neither
// finds anything, so doctor need not start the child that runs bbolt's
// check (pagecheck.go), which maps and touches the whole file (its
// resident size is the file's) and costs a process. Any doubt says false,
// and doctor runs both checks as before.
func pagesHealthy(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	h := &healthWalk{f: f}
	return h.run(fi.Size())
}

type healthWalk struct {
	f                *os.File
	ps, hwm          uint64
	reachable, freed []uint64 // bit sets by page id
	bufs             [][]byte // a page buffer per depth of the walk
}

const (
	flagMeta     = 0x04
	flagFreelist = 0x10
	noFreelist   = ^uint64(0)
	maxTreeDepth = 64 // a b+tree of a journal is a few levels deep
)

func (h *healthWalk) run(size int64) bool {
	ne := binary.NativeEndian
	// Both meta pages valid, with the same page size: bbolt reads the
	// newest valid one, and walkPages the one with the highest txid.
	b0 := make([]byte, metaEnd)
	if n, _ := h.f.ReadAt(b0, 0); n < metaEnd {
		return false
	}
	m0 := parseMeta(b0)
	if !m0.valid {
		return false
	}
	b1 := make([]byte, metaEnd)
	if n, _ := h.f.ReadAt(b1, int64(m0.pageSize)); n < metaEnd {
		return false
	}
	m1 := parseMeta(b1)
	if !m1.valid || m1.pageSize != m0.pageSize ||
		ne.Uint64(b0) != 0 || ne.Uint16(b0[8:]) != flagMeta || ne.Uint64(b1) != 1 || ne.Uint16(b1[8:]) != flagMeta {
		return false
	}
	best := b0
	if m1.txid > m0.txid {
		best = b1
	}
	m := parseMeta(best)
	h.ps, h.hwm = uint64(m.pageSize), m.pgid
	if h.hwm < 2 || h.hwm > uint64(size)/h.ps {
		return false
	}
	root, freelist := ne.Uint64(best[metaOffset+16:]), ne.Uint64(best[metaOffset+32:])
	words := (h.hwm + 63) / 64
	h.reachable, h.freed = make([]uint64, words), make([]uint64, words)
	bitSet(h.reachable, 0)
	bitSet(h.reachable, 1)

	// The free list: one page (and its overflow) of ids, each once, each
	// in use by nothing else.
	if freelist == noFreelist || freelist < 2 || freelist >= h.hwm {
		return false
	}
	buf, flags, ok := h.page(freelist, 0)
	if !ok || flags != flagFreelist {
		return false
	}
	count, first := uint64(ne.Uint16(buf[10:])), uint64(0)
	if count == 0xFFFF {
		if len(buf) < pageHeader+8 {
			return false
		}
		count, first = ne.Uint64(buf[pageHeader:]), 1
	}
	if count > uint64(len(buf)) || pageHeader+(first+count)*8 > uint64(len(buf)) {
		return false
	}
	for i := first; i < first+count; i++ {
		id := ne.Uint64(buf[pageHeader+i*8:])
		if id < 2 || id >= h.hwm || bitHas(h.freed, id) || bitHas(h.reachable, id) {
			return false
		}
		bitSet(h.freed, id)
	}

	// Every bucket's tree, from the root bucket's.
	if _, ok := h.tree(root, nil, nil, 1); !ok {
		return false
	}
	for w := range h.reachable {
		all := h.reachable[w] | h.freed[w]
		if h.reachable[w]&h.freed[w] != 0 {
			return false // in use and free
		}
		want := ^uint64(0)
		if last := uint64(w+1) * 64; last > h.hwm {
			want = 1<<(h.hwm-uint64(w)*64) - 1
		}
		if all != want {
			return false // neither in use nor free
		}
	}
	return true
}

func bitSet(bits []uint64, id uint64)      { bits[id/64] |= 1 << (id % 64) }
func bitHas(bits []uint64, id uint64) bool { return bits[id/64]&(1<<(id%64)) != 0 }

// page reads page id (with its overflow) into the buffer of this depth,
// checks its header and marks its pages reachable; false when the page
// is out of bounds, already reached or free, or headed otherwise.
func (h *healthWalk) page(id uint64, depth int) (buf []byte, flags uint16, ok bool) {
	if id < 2 || id >= h.hwm {
		return nil, 0, false
	}
	for len(h.bufs) <= depth {
		h.bufs = append(h.bufs, nil)
	}
	buf = grow(h.bufs[depth], int(h.ps))
	if n, _ := h.f.ReadAt(buf, int64(id*h.ps)); n < len(buf) {
		return nil, 0, false
	}
	ne := binary.NativeEndian
	flags, overflow := ne.Uint16(buf[8:]), uint64(ne.Uint32(buf[12:]))
	if ne.Uint64(buf) != id || overflow >= h.hwm || id+overflow >= h.hwm {
		return nil, 0, false
	}
	for i := id; i <= id+overflow; i++ {
		if bitHas(h.reachable, i) || bitHas(h.freed, i) {
			return nil, 0, false
		}
		bitSet(h.reachable, i)
	}
	if overflow > 0 {
		buf = grow(buf, int((1+overflow)*h.ps))
		if n, _ := h.f.ReadAt(buf, int64(id*h.ps)); n < len(buf) {
			return nil, 0, false
		}
	}
	h.bufs[depth] = buf
	return buf, flags, true
}

func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// tree checks the tree of pages from id, whose keys must lie in [lo, hi)
// (nil: unbounded), as bbolt's check orders them, and the trees of the
// buckets its leaves hold; it returns the last key of its last leaf.
func (h *healthWalk) tree(id uint64, lo, hi []byte, depth int) (last []byte, ok bool) {
	if depth > maxTreeDepth {
		return nil, false
	}
	buf, flags, ok := h.page(id, depth)
	if !ok || (flags != flagBranch && flags != flagLeaf) {
		return nil, false
	}
	ne := binary.NativeEndian
	count := int(ne.Uint16(buf[10:]))
	if pageHeader+count*elementSize > len(buf) || (flags == flagBranch && count == 0) {
		return nil, false
	}
	key := func(i int) (k []byte, el []byte, ok bool) {
		e := pageHeader + i*elementSize
		el = buf[e : e+elementSize]
		var pos, ksize, vsize uint64
		if flags == flagBranch {
			pos, ksize = uint64(ne.Uint32(el)), uint64(ne.Uint32(el[4:]))
		} else {
			pos, ksize, vsize = uint64(ne.Uint32(el[4:])), uint64(ne.Uint32(el[8:])), uint64(ne.Uint32(el[12:]))
		}
		start := uint64(e) + pos
		if start+ksize+vsize > uint64(len(buf)) {
			return nil, nil, false
		}
		return buf[start : start+ksize], buf[start+ksize : start+ksize+vsize], true
	}
	var prev, running []byte
	running = lo
	for i := range count {
		k, val, ok := key(i)
		if !ok || (i > 0 && bytes.Compare(prev, k) >= 0) || (hi != nil && bytes.Compare(k, hi) >= 0) {
			return nil, false
		}
		if i == 0 && lo != nil && bytes.Compare(lo, k) > 0 || i > 0 && bytes.Compare(running, k) >= 0 {
			return nil, false
		}
		prev = k
		if flags == flagBranch {
			next := hi
			if i+1 < count {
				nk, _, ok := key(i + 1)
				if !ok {
					return nil, false
				}
				next = nk
			}
			e := pageHeader + i*elementSize
			sub, ok := h.tree(ne.Uint64(buf[e+8:]), k, next, depth+1)
			if !ok {
				return nil, false
			}
			running = sub
			continue
		}
		running = k
		if ne.Uint32(buf[pageHeader+i*elementSize:])&1 == 0 {
			continue // a key and its value
		}
		// A bucket: its tree, or its page inline in the value.
		if len(val) < 16 {
			return nil, false
		}
		if r := ne.Uint64(val); r != 0 {
			if _, ok := h.tree(r, nil, nil, depth+1); !ok {
				return nil, false
			}
			continue
		}
		if !inlineHealthy(val[16:]) {
			return nil, false
		}
	}
	if flags == flagLeaf {
		if count == 0 {
			return nil, true // as bbolt's check: an empty leaf has no last key
		}
		return prev, true
	}
	return running, true
}

// inlineHealthy checks an inline bucket's page: a leaf, its entries in
// bounds and in order, and no bucket in it (bbolt inlines only buckets
// without buckets, and its check does not look inside inline ones).
func inlineHealthy(p []byte) bool {
	ne := binary.NativeEndian
	if len(p) < pageHeader || ne.Uint16(p[8:]) != flagLeaf {
		return false
	}
	count := int(ne.Uint16(p[10:]))
	if pageHeader+count*elementSize > len(p) {
		return false
	}
	var prev []byte
	for i := range count {
		e := pageHeader + i*elementSize
		el := p[e : e+elementSize]
		if ne.Uint32(el)&1 != 0 {
			return false
		}
		pos, ksize, vsize := uint64(ne.Uint32(el[4:])), uint64(ne.Uint32(el[8:])), uint64(ne.Uint32(el[12:]))
		start := uint64(e) + pos
		if start+ksize+vsize > uint64(len(p)) {
			return false
		}
		k := p[start : start+ksize]
		if i > 0 && bytes.Compare(prev, k) >= 0 {
			return false
		}
		prev = k
	}
	return true
}
