package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Most of doctor's time is the checks of each No on its own: decoding it,
// the words it gives the search, its index keys looked up. They need
// nothing from one another, so a worker per core does them on runs of
// No's, each in a read transaction of its own on the same (private,
// read-only) copy, and check takes the results in key order: the problems
// come in the order, and with the words, of a check on one core.

// checkRun is how many No's a worker checks at a time.
const checkRun = 128

// checkedNo is what a worker found of one No.
type checkedNo struct {
	n     journal.No
	err   error    // the No does not decode
	owned [][]byte // the buckets of its own index keys
	probs []laterProblem
	h     uint64 // noTallyPrint
}

// laterProblem is a checker.add call made in order by check.
type laterProblem struct {
	kind, format string
	args         []any
}

type checkBatch struct {
	keys, vals [][]byte // in the copy's map: valid while check's transaction is
	res        []checkedNo
	print      postingPrint // the postings the batch's No's need
	fault      any          // a fault (a damaged page) at the No after res
	faulted    bool
	done       chan struct{}
}

// eachChecked checks every No of nos in tx, in key order, on every core,
// and calls fn with each result in key order; it returns the postings the
// No's need. A damaged page faults as it would on one core: in check's
// goroutine, after the No's before it (withDB turns it into ErrCorrupt).
func eachChecked(tx *bolt.Tx, nos *bolt.Bucket, fn func(*checkedNo)) postingPrint {
	var print postingPrint
	workers := max(1, runtime.GOMAXPROCS(0))
	work := make(chan *checkBatch, workers)
	quit := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			checkWorker(tx.DB(), work, quit)
		}()
	}
	// Stop and wait for the workers before returning or unwinding: their
	// transactions must end before withDB closes the file.
	defer wg.Wait()
	defer close(quit)

	var pending []*checkBatch // dispatched, in key order
	var fault any             // the first fault in key order
	faulted := false
	take := func() {
		b := pending[0]
		pending = pending[1:]
		<-b.done
		if faulted {
			return // past the fault: a check on one core would not get here
		}
		for i := range b.res {
			fn(&b.res[i])
		}
		print.n += b.print.n
		print.sum += b.print.sum
		if b.faulted {
			fault, faulted = b.fault, true
		}
	}
	cur := &checkBatch{}
	send := func() {
		cur.done = make(chan struct{})
		work <- cur
		pending = append(pending, cur)
		cur = &checkBatch{}
		for len(pending) > workers+1 {
			take()
		}
	}
	// The walk itself may fault (withDB has made faults panics in this
	// goroutine): the No's before it are checked first, as on one core.
	walkFault, walkFaulted := func() (r any, faulted bool) {
		defer func() {
			if r = recover(); r != nil {
				faulted = true
			}
		}()
		_ = forEach(nos, func(k, v []byte) error {
			cur.keys, cur.vals = append(cur.keys, k), append(cur.vals, v)
			if len(cur.keys) == checkRun {
				send()
			}
			for len(pending) > 0 && isDone(pending[0]) {
				take()
			}
			if faulted {
				return errStopWalk
			}
			return nil
		})
		return nil, false
	}()
	if len(cur.keys) > 0 {
		send()
	}
	for len(pending) > 0 {
		take()
	}
	if !faulted && walkFaulted {
		fault, faulted = walkFault, true
	}
	if faulted {
		panic(fault) // withDB turns it into ErrCorrupt, as on one core
	}
	return print
}

var errStopWalk = errors.New("stop")

func isDone(b *checkBatch) bool {
	select {
	case <-b.done:
		return true
	default:
		return false
	}
}

// checkWorker checks the batches it is given in a read transaction of its
// own. A fault (a damaged page) ends the batch and is handed to check.
func checkWorker(db *bolt.DB, work <-chan *checkBatch, quit <-chan struct{}) {
	tx, err := db.Begin(false)
	if err != nil {
		tx = nil
	}
	defer func() {
		if tx != nil {
			_ = tx.Rollback()
		}
	}()
	var idx *buckets
	if tx != nil {
		idx, _ = bind(tx)
	}
	var ws wordScratch
	for {
		select {
		case b, ok := <-work:
			if !ok {
				return
			}
			checkBatchNos(b, idx, &ws)
			trimNow(db) // the pages its lookups mapped: the ticker may be late on a busy machine
			close(b.done)
		case <-quit:
			return
		}
	}
}

func checkBatchNos(b *checkBatch, idx *buckets, ws *wordScratch) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			b.fault, b.faulted = r, true
		}
	}()
	b.res = make([]checkedNo, 0, len(b.keys))
	for i, k := range b.keys {
		// A No's result joins b.res once whole: after a fault, b.res holds
		// the No's before it.
		var r checkedNo
		n, err := decodeNo(k, b.vals[i])
		if err != nil {
			r.err = err
			b.res = append(b.res, r)
			continue
		}
		r.n = n
		for _, e := range entries(&n) {
			r.owned = append(r.owned, e.bucket)
			var bk *bolt.Bucket
			if idx != nil {
				bk = idx.bucket(e.bucket)
			}
			if bk == nil {
				continue
			}
			// One seek: the key, and its value when it is there.
			got, val := bk.Cursor().Seek(e.key)
			if got == nil || !bytes.Equal(got, e.key) {
				r.probs = append(r.probs, laterProblem{"index", "No %d is missing from %s", []any{n.ID, e.bucket}})
			} else if !bytes.Equal(val, e.value) {
				r.probs = append(r.probs, laterProblem{"index", "%s has %q for No %d, which needs %q", []any{e.bucket, bytes.Clone(val), n.ID, e.value}})
			}
		}
		r.h = noTallyPrint(&n)
		var p postingPrint
		if !p.addNoASCII(&n, ws) {
			p.addNo(&n)
		}
		b.print.n, b.print.sum = b.print.n+p.n, b.print.sum+p.sum
		b.res = append(b.res, r)
	}
}

// wordScratch is a worker's reused memory for the words of one No.
type wordScratch struct {
	text  []byte   // the No's text, lowercased
	words []string // its indexed words (views of text)
	key   []byte
}

// addNoASCII is p.addNo(n) for a No whose text is ASCII (most), without
// allocating: for ASCII, tokens' fold is lowercasing and its words are
// runs of [a-z0-9]. false (nothing added) for any other text.
func (p *postingPrint) addNoASCII(n *journal.No, ws *wordScratch) bool {
	ws.text = ws.text[:0]
	for _, part := range n.TextParts() {
		if !asciiText(part) {
			return false
		}
		ws.text = append(append(ws.text, part...), ' ')
	}
	ws.words = asciiTokens(ws.text, ws.words[:0])
	off, block := uint16(n.ID&blockMask), uint32(n.ID>>blockBits)
	for _, w := range ws.words {
		ws.key = binary.BigEndian.AppendUint32(append(append(ws.key[:0], w...), 0), block)
		p.add(ws.key, off)
	}
	return true
}

// asciiTokens appends to dst tokens(text) for ASCII text, as views of
// text, which it lowercases in place.
func asciiTokens(text []byte, dst []string) []string {
	s := unsafeString(text) // the words are views of text until the next No
	for i := 0; i < len(text); {
		for i < len(text) && !asciiWordByte(text[i]) {
			i++
		}
		start := i
		for i < len(text) && asciiWordByte(text[i]) {
			if c := text[i]; c >= 'A' && c <= 'Z' {
				text[i] = c + 'a' - 'A'
			}
			i++
		}
		w := s[start:min(i, start+maxWordRunes)]
		if len(w) >= 2 && !stopWords[w] {
			dst = append(dst, w)
		}
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}

func asciiWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// bucketKeys is bk.Stats().KeyN (its keys, and the keys of the buckets in
// it) read with forEach, which trims the map as it goes: Stats maps every
// page of the bucket, 10 MiB of by_who at 100k, before the trim's ticker
// comes round on a busy machine.
func bucketKeys(bk *bolt.Bucket) int {
	n := 0
	_ = forEach(bk, func(k, v []byte) error {
		n++
		if v == nil && bk.RootPage() != 0 { // a bucket in it (Stats counts those of a bucket with pages)
			if sub := bk.Bucket(k); sub != nil {
				n += sub.Stats().KeyN
			}
		}
		return nil
	})
	return n
}
