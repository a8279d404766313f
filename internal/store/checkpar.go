package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/maphash"
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
	err   error // the No does not decode
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
	seek       bool     // look each index key up (else fingerprint them)
	res        []checkedNo
	print      postingPrint // the postings the batch's No's need
	index      indexPrints  // the index entries they need (not seek)
	fault      any          // a fault (a damaged page) at the No after res
	faulted    bool
	done       chan struct{}
}

// The per-No indexes: each No owns entries in them (entries). Check
// compares an order-free fingerprint of the entries the No's need with
// one of what each bucket holds, and looks every entry up (a seek each,
// all over the file) only when they differ, to say which.
var perNoIndexes = [...][]byte{bucketByDay, bucketByFollowUp, bucketWaiting, bucketByWho, bucketBySource, bucketEvents}

type indexPrints [len(perNoIndexes)]postingPrint

func indexOf(bucket []byte) int {
	for i, name := range perNoIndexes {
		if string(name) == string(bucket) {
			return i
		}
	}
	return -1
}

// addEntry adds a key and its value to p (a nil value, a bucket's, counts
// as an empty one, as bytes.Equal has it).
func (p *postingPrint) addEntry(k, v []byte) {
	p.n++
	p.sum += mix(maphash.Bytes(printSeed, k) ^ mix(maphash.Bytes(printSeed, v)+0x9e3779b97f4a7c15))
}

// runChecked checks every No of nos in tx, in key order, on every core,
// and calls fn with each result in key order; it returns the postings and
// the index entries the No's need. With seek each index entry is looked up
// (checkedNo.probs). A damaged page faults as it would on one core: in
// check's goroutine, after the No's before it (withDB turns it into
// ErrCorrupt).
func runChecked(tx *bolt.Tx, nos *bolt.Bucket, seek bool, fn func(*checkedNo)) (postingPrint, indexPrints) {
	var print postingPrint
	var index indexPrints
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
		for i := range index {
			index[i].n += b.index[i].n
			index[i].sum += b.index[i].sum
		}
		if b.faulted {
			fault, faulted = b.fault, true
		}
	}
	cur := &checkBatch{seek: seek}
	send := func() {
		cur.done = make(chan struct{})
		work <- cur
		pending = append(pending, cur)
		cur = &checkBatch{seek: seek}
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
	return print, index
}

// eachChecked runs the per-No part of check: each No decoded (each gets
// the ones that decode, in key order, with their tally fingerprint), its
// postings and index entries fingerprinted; it adds the problems found,
// as a check on one core adds them, and returns the postings the No's
// need and how many entries each per-No index has and needs (has is nil
// when check must count them itself). When the index fingerprints agree
// with the buckets, the only problems are the No's that do not decode;
// otherwise every No's entries are looked up again, as on one core, and
// the problems said in key order. A fault in the first pass runs the
// second, which meets it where a check on one core would.
func eachChecked(tx *bolt.Tx, b *buckets, each func(n *journal.No, h uint64), add func(kind, format string, a ...any)) (print postingPrint, need, has map[string]int) {
	need, has = map[string]int{}, map[string]int{}
	var records []error
	var index indexPrints
	var fault any
	agree := func() (agree bool) {
		defer func() {
			if r := recover(); r != nil {
				fault, agree = r, false
			}
		}()
		print, index = runChecked(tx, b.nos, false, func(r *checkedNo) {
			if r.err != nil {
				records = append(records, r.err)
				return
			}
			each(&r.n, r.h)
		})
		for i, name := range perNoIndexes {
			need[string(name)] = int(index[i].n) // entries only go to these
		}
		agree = true
		for i, name := range perNoIndexes {
			bk := tx.Bucket(name)
			if bk == nil {
				continue // the No's entries there are not looked up either
			}
			var got postingPrint
			n := 0
			_ = forEach(bk, func(k, v []byte) error {
				got.addEntry(k, v)
				n++
				if v == nil && bk.RootPage() != 0 {
					if sub := bk.Bucket(k); sub != nil {
						n += sub.Stats().KeyN // as bucketKeys counts
					}
				}
				return nil
			})
			has[string(name)] = n
			agree = agree && got == index[i]
		}
		return agree
	}()
	if agree {
		for _, err := range records {
			add("record", "%v", err)
		}
		return print, need, has
	}
	// The slow way, as on one core: every entry looked up, in key order.
	runChecked(tx, b.nos, true, func(r *checkedNo) {
		if r.err != nil {
			add("record", "%v", r.err)
			return
		}
		for _, p := range r.probs {
			add(p.kind, p.format, p.args...)
		}
	})
	if fault != nil {
		panic(fault) // the slow way did not meet it: it stands
	}
	return print, need, nil
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
			if !b.seek {
				if i := indexOf(e.bucket); i >= 0 {
					b.index[i].addEntry(e.key, e.value)
				}
				continue
			}
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
		p.addNoWords(&n, ws)
		b.print.n, b.print.sum = b.print.n+p.n, b.print.sum+p.sum
		b.res = append(b.res, r)
	}
}

// wordScratch is a worker's reused memory for the words of one No.
type wordScratch struct {
	text   []byte   // the No's text, lowercased
	words  []string // its indexed words (views of text)
	key    []byte
	hashes []uint64 // of its posting keys
}

// addNoWords is p.addNo(n) with little allocation: most text is ASCII,
// for which tokens' fold is lowercasing and its words are runs of
// [a-z0-9]; a part of the No's text that is not goes through words as
// tokens has it (words never run from one part into the next: Text joins
// them with spaces).
func (p *postingPrint) addNoWords(n *journal.No, ws *wordScratch) {
	ws.text, ws.words = ws.text[:0], ws.words[:0]
	for _, part := range n.TextParts() {
		if asciiText(part) {
			ws.text = append(append(ws.text, part...), ' ')
			continue
		}
		for _, w := range words(part) {
			if indexed(w) {
				ws.words = append(ws.words, w)
			}
		}
	}
	ws.words = asciiWords(ws.text, ws.words)
	// Each word once: the keys' hashes (which p.add sums) sorted and
	// compacted, cheaper than sorting the words (a tenth of doctor's
	// time). Two words of one No whose 64-bit hashes collide would count
	// once; the fingerprint then differs and every key is looked up.
	off, block := uint16(n.ID&blockMask), uint32(n.ID>>blockBits)
	ws.hashes = ws.hashes[:0]
	for _, w := range ws.words {
		ws.key = binary.BigEndian.AppendUint32(append(append(ws.key[:0], w...), 0), block)
		ws.hashes = append(ws.hashes, maphash.Bytes(printSeed, ws.key))
	}
	slices.Sort(ws.hashes)
	for i, h := range ws.hashes {
		if i > 0 && h == ws.hashes[i-1] {
			continue
		}
		p.n++
		p.sum += mix(h ^ uint64(off)*0x9e3779b97f4a7c15) // as add
	}
}

// asciiTokens appends to dst tokens(text) for ASCII text, as views of
// text, which it lowercases in place, and returns dst sorted without
// repeats.
func asciiTokens(text []byte, dst []string) []string {
	dst = asciiWords(text, dst)
	slices.Sort(dst)
	return slices.Compact(dst)
}

// asciiWords is asciiTokens in the text's order, with repeats.
func asciiWords(text []byte, dst []string) []string {
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
	return dst
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
