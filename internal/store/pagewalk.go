package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
)

// walkPages reads a bbolt file's tree of pages with ReadAt, never through
// a memory map, and checks every count, offset and page number before it
// follows it, so no damage can make it fault or loop. It names the pages
// that are damaged, by what is wrong with them; it does not read the free
// list (bbolt's own check does, in the child).
//
// Layout (bbolt v1.5, internal/common; the machine's byte order): a page
// is a 16-byte header (id u64, flags u16, count u16, overflow u32) and
// count 16-byte elements. A branch element is (pos u32, ksize u32, pgid
// u64); a leaf element is (flags u32, pos u32, ksize u32, vsize u32), its
// key pos bytes after the element and its value right after the key. A
// leaf element with flag 1 is a bucket: its value starts with the bucket's
// root page number and sequence (u64 each); root 0 means the bucket's
// page follows inline in the value.
type pageWalk struct {
	f     *os.File
	size  int64
	ps    uint64 // page size
	hwm   uint64 // pages in use (the meta's high-water mark)
	seen  map[uint64]bool
	bad   map[string][]uint64
	order []string
}

const (
	pageHeader  = 16
	elementSize = 16
	flagBranch  = 0x01
	flagLeaf    = 0x02
)

func (w *pageWalk) damaged(id uint64, words string) {
	if _, ok := w.bad[words]; !ok {
		w.order = append(w.order, words)
	}
	w.bad[words] = append(w.bad[words], id)
}

// overrunWords is what the walk says of a page whose header claims more
// overflow pages than the file holds.
const overrunWords = "claiming to run past the end of the used pages"

func walkPages(path string) (*pageWalk, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	w := &pageWalk{f: f, size: fi.Size(), seen: map[uint64]bool{}, bad: map[string][]uint64{}}
	root, err := w.meta()
	if err != nil {
		return nil, err
	}
	w.walk(root)
	return w, nil
}

// meta reads the newest valid meta page: the page size, the high-water
// mark and the root bucket's page.
func (w *pageWalk) meta() (root uint64, err error) {
	var best metaPage
	var bestRoot uint64
	for _, off := range []int64{0, -1} {
		if off < 0 {
			if best.valid {
				off = int64(best.pageSize)
			} else {
				off = int64(os.Getpagesize())
			}
		}
		b := make([]byte, metaEnd)
		if n, _ := w.f.ReadAt(b, off); n < metaEnd {
			continue
		}
		if m := parseMeta(b); m.valid && (!best.valid || m.txid > best.txid) {
			best, bestRoot = m, binary.NativeEndian.Uint64(b[metaOffset+16:])
		}
	}
	if !best.valid {
		return 0, fmt.Errorf("neither meta page is valid")
	}
	w.ps, w.hwm = uint64(best.pageSize), best.pgid
	if maxPages := uint64(w.size) / w.ps; w.hwm > maxPages {
		w.damaged(0, fmt.Sprintf("the meta page counts %d pages but the file holds %d", best.pgid, maxPages))
		w.hwm = maxPages
	}
	return bestRoot, nil
}

type pageRef struct{ id, parent uint64 }

// walk visits every page reachable from root, depth first, with its own
// stack: a cycle is a page seen twice, never a loop.
func (w *pageWalk) walk(root uint64) {
	stack := []pageRef{{root, 0}}
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		buf, ok := w.read(r)
		if !ok {
			continue
		}
		stack = w.elements(r.id, buf, stack)
	}
}

// read checks and reads the page r names (with its overflow pages).
func (w *pageWalk) read(r pageRef) ([]byte, bool) {
	if r.id < 2 || r.id >= w.hwm {
		w.damaged(r.parent, "referring to pages that do not exist")
		return nil, false
	}
	if w.seen[r.id] {
		w.damaged(r.id, "used twice")
		return nil, false
	}
	hdr := make([]byte, pageHeader)
	if _, err := w.f.ReadAt(hdr, int64(r.id*w.ps)); err != nil {
		w.damaged(r.id, "unreadable")
		return nil, false
	}
	ne := binary.NativeEndian
	id, flags, overflow := ne.Uint64(hdr), ne.Uint16(hdr[8:]), uint64(ne.Uint32(hdr[12:]))
	switch {
	case id != r.id:
		w.damaged(r.id, "headed with another page's number")
		return nil, false
	case flags != flagBranch && flags != flagLeaf:
		w.damaged(r.id, "not data pages where data pages should be")
		return nil, false
	case r.id+overflow >= w.hwm:
		w.damaged(r.id, overrunWords)
		return nil, false
	}
	for i := uint64(0); i <= overflow; i++ {
		w.seen[r.id+i] = true
	}
	buf := make([]byte, (1+overflow)*w.ps)
	if _, err := w.f.ReadAt(buf, int64(r.id*w.ps)); err != nil {
		w.damaged(r.id, "unreadable")
		return nil, false
	}
	return buf, true
}

// elements checks the elements of page id (buf, or an inline bucket's
// page) and pushes the pages they refer to.
func (w *pageWalk) elements(id uint64, buf []byte, stack []pageRef) []pageRef {
	ne := binary.NativeEndian
	flags, count := ne.Uint16(buf[8:]), int(ne.Uint16(buf[10:]))
	if pageHeader+count*elementSize > len(buf) {
		w.damaged(id, "listing more entries than fit in them")
		return stack
	}
	if flags == flagBranch && count == 0 {
		w.damaged(id, "empty where entries should be")
		return stack
	}
	var prev []byte
	for i := range count {
		e := pageHeader + i*elementSize
		el := buf[e : e+elementSize]
		var pos, ksize, vsize uint64
		if flags == flagBranch {
			pos, ksize = uint64(ne.Uint32(el)), uint64(ne.Uint32(el[4:]))
		} else {
			pos, ksize, vsize = uint64(ne.Uint32(el[4:])), uint64(ne.Uint32(el[8:])), uint64(ne.Uint32(el[12:]))
		}
		start := uint64(e) + pos
		if start+ksize+vsize > uint64(len(buf)) {
			w.damaged(id, "with entries pointing outside them")
			return stack
		}
		key := buf[start : start+ksize]
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			w.damaged(id, "holding keys out of order")
			return stack
		}
		prev = key
		if flags == flagBranch {
			stack = append(stack, pageRef{ne.Uint64(el[8:]), id})
			continue
		}
		if ne.Uint32(el)&1 == 0 {
			continue // a key and its value
		}
		val := buf[start+ksize : start+ksize+vsize]
		if len(val) < 16 {
			w.damaged(id, "with a bucket entry too short to be one")
			continue
		}
		if root := ne.Uint64(val); root != 0 {
			stack = append(stack, pageRef{root, id})
		} else if inline := val[16:]; len(inline) < pageHeader || ne.Uint16(inline[8:]) != flagLeaf {
			w.damaged(id, "with a damaged inline bucket")
		} else {
			stack = w.elements(id, inline, stack)
		}
	}
	return stack
}
