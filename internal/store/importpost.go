package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// importPostings gathers the search postings of the No's an import writes
// (the import's ix has noWords set), so that what they cost stays bounded
// however many distinct words the No's hold. A batch's postings are
// written with the batch when they are few; more than postDirect keys
// would dirty a page each (a text of distinct words), so they go to an
// external sort instead, and are written in key order, a few pages at a
// time, once every No is written. The postings come out as ix.add makes
// them: tokens of No.Text, keyed by word and block.
type importPostings struct {
	path   string // the journal's, for the sort's temporary file
	m      map[string][]uint16
	sorter *extSorter
	// sortAll writes none with a batch: every posting goes through the
	// sort and is written in key order at the end. A rebuild's batches
	// would each dirty a page of words for most of their keys, and the
	// words bucket is made whole anyway.
	sortAll bool
	offs    int // offsets gathered since the last spill (sortAll)
	// runBytes, when set, is the sort's run size (see extSorter).
	runBytes int
}

const (
	postDirect = 1000 // at most this many keys written with a batch
	postSpill  = 4096 // keys gathered before they go to the sort
	// offsets gathered before they go to the sort (sortAll): 64 KiB of
	// them, a run of about 3,000 No's.
	postSpillOffsets = 32 << 10
)

func newImportPostings(journalPath string) *importPostings {
	return &importPostings{path: journalPath, m: map[string][]uint16{}}
}

// add gathers n's postings (n.ID is set). A key's offsets need not come in
// order (an import into an empty journal keeps the file's numbers, which
// need not follow the dates): putPosting puts each in its place. The words
// are those of n.Text, taken a field at a time: its parts are joined by
// spaces, which no word spans, so the words are the same, and a No with a
// megabyte of text does not make a megabyte of garbage at once.
func (p *importPostings) add(n *journal.No) error {
	for _, part := range n.TextParts() {
		if err := p.addWords(n.ID, tokens(part)); err != nil {
			return err
		}
	}
	return nil
}

// postingWords are the words add gathers for n, each once.
func postingWords(n *journal.No) []string {
	var ws []string
	for _, part := range n.TextParts() {
		if asciiText(part) {
			ws = appendASCIITokens(ws, part)
		} else {
			ws = append(ws, tokens(part)...)
		}
	}
	slices.Sort(ws)
	return slices.Compact(ws)
}

// appendASCIITokens appends the indexed words of ASCII text s as tokens
// finds them (repeats left in), cut from s itself when they hold no
// capital letter: most words of most No's.
func appendASCIITokens(ws []string, s string) []string {
	for i := 0; i < len(s); {
		if !asciiAlnum(s[i]) {
			i++
			continue
		}
		j, upper := i, false
		for ; j < len(s) && asciiAlnum(s[j]); j++ {
			upper = upper || 'A' <= s[j] && s[j] <= 'Z'
		}
		w := s[i:min(j, i+maxWordRunes)]
		if upper {
			w = strings.ToLower(w)
		}
		if indexed(w) {
			ws = append(ws, w)
		}
		i = j
	}
	return ws
}

func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// addWords gathers the postings of the No numbered id for words (a word
// given twice, as by two fields, counts once).
func (p *importPostings) addWords(id uint64, words []string) error {
	off := uint16(id & blockMask)
	block := uint32(id >> blockBits)
	for _, w := range words {
		key := string(wordKey(w, block))
		offs := p.m[key]
		if len(offs) > 0 && offs[len(offs)-1] == off {
			continue // a word of an earlier field
		}
		p.m[key] = append(offs, off)
		p.offs++
		// Gathered across batches (sortAll), a key's offsets grow
		// with the No's: bounded by their count too.
		if len(p.m) >= postSpill || p.sortAll && p.offs >= postSpillOffsets {
			if err := p.spill(); err != nil {
				return err
			}
		}
	}
	return nil
}

// spill moves what is gathered to the sort.
func (p *importPostings) spill() error {
	if len(p.m) == 0 {
		return nil
	}
	if p.sorter == nil {
		s, err := newExtSorter(p.path, "postings")
		if err != nil {
			return err
		}
		s.runBytes = p.runBytes
		p.sorter = s
	}
	for _, k := range slices.Sorted(maps.Keys(p.m)) {
		if err := p.sorter.add([]byte(k), appendOffsets(nil, p.m[k])); err != nil {
			return err
		}
	}
	clear(p.m)
	p.offs = 0
	return p.sorter.flush() // a run of its own: not held twice
}

// endBatch writes what is gathered with w's batch if it is little, else
// moves it to the sort.
func (p *importPostings) endBatch(w *batchWriter) error {
	if p.sortAll {
		return nil // gathered on until postSpill keys, then sorted
	}
	if len(p.m) > postDirect {
		return p.spill()
	}
	for i, k := range slices.Sorted(maps.Keys(p.m)) {
		if err := putPosting(w.b, []byte(k), p.m[k]); err != nil {
			return err
		}
		if i%trimWriteStride == trimWriteStride-1 {
			w.trim() // keys of scattered words: a page each
		}
	}
	clear(p.m)
	trimWrite(w.tx)
	return nil
}

// finish writes what went to the sort, in key order, through w (which may
// commit between keys).
func (p *importPostings) finish(w *batchWriter) error {
	if p.sortAll {
		if err := p.spill(); err != nil {
			return err
		}
	}
	if p.sorter == nil {
		return nil
	}
	defer p.sorter.close()
	var cur []byte
	var offs []uint16
	write := func() error {
		if cur == nil {
			return nil
		}
		if err := putPosting(w.b, cur, offs); err != nil {
			return err
		}
		return w.step(len(cur) + 2*len(offs))
	}
	err := p.sorter.each(func(key, val []byte) error {
		if !bytes.Equal(key, cur) {
			if err := write(); err != nil {
				return err
			}
			cur, offs = append(cur[:0], key...), offs[:0]
		}
		var err error
		offs, err = readOffsets(val, offs)
		return err
	})
	if err != nil {
		return err
	}
	return write()
}

func (p *importPostings) close() {
	if p.sorter != nil {
		p.sorter.close()
	}
}

// putPosting adds offs, in any order, to the posting stored under key.
func putPosting(b *buckets, key []byte, offs []uint16) error {
	var all []uint16
	if v := b.words.Get(key); v != nil {
		var err error
		if all, err = decodePosting(v, nil); err != nil {
			return fmt.Errorf("the posting %q: %w", key, err)
		}
	}
	for _, o := range offs {
		if i, found := slices.BinarySearch(all, o); !found {
			all = slices.Insert(all, i, o)
		}
	}
	return b.words.Put(key, encodePosting(all))
}

func appendOffsets(b []byte, offs []uint16) []byte {
	for _, o := range offs {
		b = binary.BigEndian.AppendUint16(b, o)
	}
	return b
}

func readOffsets(v []byte, offs []uint16) ([]uint16, error) {
	if len(v)%2 != 0 {
		return offs, fmt.Errorf("sort the import: a posting of %d bytes", len(v))
	}
	for i := 0; i < len(v); i += 2 {
		offs = append(offs, binary.BigEndian.Uint16(v[i:]))
	}
	return offs, nil
}
