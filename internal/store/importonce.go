package store

import (
	"errors"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// ErrTwoReads says an export cannot be imported in one read of it
// (ImportOnce): its No's are not in date order, or one of them needs a new
// number in a journal without No's (which comes after the file's largest,
// known only at its end). Nothing was imported; ImportStream, which reads
// the file twice, imports it.
var ErrTwoReads = errors.New("import: the export needs a second read")

var errTwoReads = ErrTwoReads

// ReadOnce says an export of size bytes is worth importing with
// ImportOnce: it is written in batches to a copy of the journal anyway, so
// a problem found late in the file throws the copy away, as a check before
// writing would have refused it.
func ReadOnce(size int64) bool { return size > importInOneTxBytes }

// ImportOnce adds a large export as it is read and checked, rather than
// checking all of it first and then reading it again to write it: read
// hands the file's records to the funcs it is given, in the file's order,
// and returns its head (format, settings) at the end. The No's are written
// as they come, as ImportStream writes an export in date order, with the
// same numbers, skips and result. When they do not come that way read is
// stopped and ErrTwoReads returned, with the journal as it was; any other
// problem, the file's or the journal's, leaves it as it was too.
func (s *Store) ImportOnce(read func(journal.Records) (journal.Export, error), now time.Time) (ImportResult, error) {
	_ = s.AutoBackup(now) // as ImportStream does
	var im *importer
	err := s.withDB(false, func(db *bolt.DB) error {
		return s.replaceWithCopy(db, func(copyPath string) error {
			var err error
			if im, err = s.importOnceIntoCopy(copyPath, read); err == nil && im.unchanged() {
				return errKeepJournal
			}
			return err
		})
	})
	if errors.Is(err, errTwoReads) {
		return ImportResult{}, ErrTwoReads
	}
	if err != nil {
		return ImportResult{}, wrapOp("import", err)
	}
	return im.res, nil
}

func (s *Store) importOnceIntoCopy(path string, read func(journal.Records) (journal.Export, error)) (im *importer, err error) {
	w := &batchWriter{s: s, path: path, post: newImportPostings(path)}
	w.post.sortAll = true // as importIntoCopy, for the same reason
	if err := w.open(); err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, w.close()) }()
	defer w.post.close()
	if err := w.begin(); err != nil {
		return nil, err
	}
	defer w.rollback()
	if _, err := w.tx.CreateBucketIfNotExists(importSeenBucket); err != nil {
		return nil, err
	}
	im = &importer{s: s, w: w, seen: &bucketSeen{w: w}, once: true}
	// numberAsInFile with no number yet: the sequence moves past the
	// file's largest once it is known, at the end.
	if err := im.numberAsInFile(0); err != nil {
		return nil, err
	}
	var order journal.Order
	to := im.records(nil)
	to.Prepare = prepareNo
	to.NoPrepared = func(n *journal.No, p any) error {
		if order.Add(n); order.Out() {
			return errTwoReads
		}
		return im.putPrepared(p.(*preparedNo))
	}
	head, err := read(to)
	if err != nil {
		return nil, err
	}
	var size journal.Size
	order.Fill(&size)
	if nos := im.w.b.nos; im.keep && size.TopID > nos.Sequence() {
		if err := nos.SetSequence(size.TopID); err != nil {
			return nil, err
		}
	}
	if err := im.settle(head); err != nil {
		return nil, err
	}
	if err := im.nosWritten(); err != nil {
		return nil, err
	}
	return im, im.finish()
}
