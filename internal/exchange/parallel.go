package exchange

import (
	"bufio"
	"io"
	"runtime"
	"sync"

	"github.com/rebound-coach/rebound/internal/journal"
)

// What the reader hands on at a time: up to batchRecords records or about
// batchBytes of the file, whichever comes first. At most workers+inFlight
// batches are in flight, so reading ahead holds well under a MiB more than
// reading and writing in turn (a record larger than batchBytes goes
// alone). Larger batches cost more than they save: the import's heap is
// held to a few MiB, and every 100 KB more in flight showed as more
// collections.
const (
	batchRecords = 32
	batchBytes   = 64 << 10
)

// inFlight is how many batches beyond one per worker may be read ahead:
// with one (the reader, the worker and the writer each waiting on the
// next batch in turn) a 100k import took 2.0 s, with four 1.65 s.
const inFlight = 4

// item is one record of a batch: a No's bytes (decoded by a worker into n,
// or err), or any other record, decoded by the reader, as the call that
// hands it on.
type item struct {
	raw       []byte
	path      string
	line, col int
	n         journal.No
	prep      any // to.Prepare's
	err       error
	other     func() error
	decoded   bool // by the reader (a large record)
}

type batch struct {
	items []item
	arena []byte
	ready chan struct{} // closed when its No's are decoded
}

// StreamParallel is StreamAsOf on every core: one goroutine reads the file
// and cuts it into records, workers decode and check the No's (the bulk of
// the reading), and to's funcs run on the caller's goroutine, one record at
// a time in the file's order, while the next records are decoded. What is
// refused and how is as StreamAsOf says it: the first problem in the
// file's order wins, whether the file's or one of to's funcs.
func StreamParallel(r io.Reader, modes journal.Reasons, today journal.Day, to journal.Records) (journal.Export, journal.Size, error) {
	// The caller's funcs (an import's writes) are the slowest stage: they
	// keep a core, the workers share the rest.
	workers := runtime.GOMAXPROCS(0)
	if to.No != nil || to.NoPrepared != nil {
		workers--
	}
	workers = max(1, workers)
	var prepare func(*journal.No) any
	if to.NoPrepared != nil {
		prepare = to.Prepare
	}
	s := &scanner{r: bufio.NewReaderSize(r, 64<<10), line: 1, col: 1}
	batches := workers + inFlight
	free := make(chan *batch, batches)
	for range batches { // see alone below
		free <- &batch{}
	}
	work := make(chan *batch, batches)
	inOrder := make(chan *batch, batches)
	stop := make(chan struct{})
	var cur *batch
	take := func() error {
		if cur != nil {
			return nil
		}
		select {
		case cur = <-free:
		case <-stop:
			return errStopped
		}
		if cap(cur.arena) > 2*batchBytes {
			cur.arena = nil // a large record's: not kept for the next
		}
		cur.items, cur.arena, cur.ready = cur.items[:0], cur.arena[:0], make(chan struct{})
		return nil
	}
	flush := func() {
		if cur == nil {
			return
		}
		inOrder <- cur // never blocks: at most as many batches as the channel holds
		work <- cur
		cur = nil
	}
	// alone waits until every batch is back, so a large record (up to
	// maxRecord) is the only one in flight: reading ahead never holds two.
	alone := func() error {
		flush()
		held := make([]*batch, 0, batches)
		defer func() {
			for _, b := range held {
				free <- b
			}
		}()
		for len(held) < batches {
			select {
			case b := <-free:
				held = append(held, b)
			case <-stop:
				return errStopped
			}
		}
		return nil
	}
	add := func(it item) error {
		if err := take(); err != nil {
			return err
		}
		cur.items = append(cur.items, it)
		if len(cur.items) == batchRecords || len(cur.arena) >= batchBytes {
			flush()
		}
		return nil
	}
	s.ahead = func(raw []byte, path string, line, col int) error {
		if len(raw) > batchBytes {
			// Decoded here, from the scanner's buffer, as StreamAsOf
			// does: a copy would hold the record twice.
			if err := alone(); err != nil {
				return err
			}
			it := item{path: path, line: line, decoded: true}
			it.err = decodeNoBytes(raw, &it.n, path, line, col)
			if it.err == nil {
				it.err = checkNo(&it.n, modes, today, path, line)
			}
			if it.err == nil && prepare != nil {
				it.prep = prepare(&it.n)
			}
			if err := add(it); err != nil {
				return err
			}
			flush()
			return nil
		}
		if err := take(); err != nil {
			return err
		}
		at := len(cur.arena)
		cur.arena = append(cur.arena, raw...)
		// When the arena grows, the items before keep the old array, which
		// still holds their bytes.
		return add(item{raw: cur.arena[at:len(cur.arena):len(cur.arena)], path: path, line: line, col: col})
	}
	var e journal.Export
	var size journal.Size
	var readErr error
	go func() {
		defer close(work)
		defer close(inOrder)
		size, readErr = s.export(&e, modes, today, handOn(to, add))
		size.Bytes = s.off
		flush()
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				for i := range b.items {
					it := &b.items[i]
					if it.other != nil || it.decoded {
						continue
					}
					it.err = decodeNoBytes(it.raw, &it.n, it.path, it.line, it.col)
					if it.err == nil {
						it.err = checkNo(&it.n, modes, today, it.path, it.line)
					}
					if it.err == nil && prepare != nil {
						it.prep = prepare(&it.n)
					}
				}
				close(b.ready)
			}
		}()
	}
	var order journal.Order
	var err error
	for b := range inOrder {
		<-b.ready
		for i := range b.items {
			it := &b.items[i]
			if err == nil {
				switch {
				case it.other != nil:
					err = it.other()
				case it.err != nil:
					err = it.err
				default:
					order.Add(&it.n)
					if to.NoPrepared != nil {
						err = to.NoPrepared(&it.n, it.prep)
					} else {
						err = call(to.No, &it.n)
					}
				}
				if err != nil {
					close(stop) // the reader stops at its next record
				}
			}
			*it = item{} // let the record go
		}
		select {
		case free <- b:
		default:
		}
	}
	wg.Wait()
	order.Fill(&size)
	if err != nil {
		return e, size, err
	}
	return e, size, readErr
}

// handOver hands a No's bytes to ahead; the bytes are copied there.
func (s *scanner) handOver(path string, line int) error {
	col := s.col
	raw, err := s.value(maxRecord, path)
	if err != nil {
		return err
	}
	err = s.ahead(raw, path, line, col)
	s.release()
	return err
}

// handOn wraps each of to's funcs but the No's so that it runs later, on
// the caller's goroutine, in the file's order (the record is decoded by
// then; the func holds it).
func handOn(to journal.Records, add func(item) error) journal.Records {
	later := func(f func() error) error { return add(item{other: f}) }
	var out journal.Records
	if to.Reflection != nil {
		out.Reflection = func(x *journal.Reflection) error { return later(func() error { return to.Reflection(x) }) }
	}
	if to.Win != nil {
		out.Win = func(w *journal.Win) error { return later(func() error { return to.Win(w) }) }
	}
	if to.RestDay != nil {
		out.RestDay = func(d journal.Day) error { return later(func() error { return to.RestDay(d) }) }
	}
	if to.Experiment != nil {
		out.Experiment = func(x *journal.Experiment) error { return later(func() error { return to.Experiment(x) }) }
	}
	if to.Review != nil {
		out.Review = func(x *journal.Review) error { return later(func() error { return to.Review(x) }) }
	}
	return out
}

// errStopped ends the reading when a record's func has failed.
var errStopped = stoppedError{}

type stoppedError struct{}

func (stoppedError) Error() string { return "stopped: writing a record failed" }
