package store

import (
	"bytes"
	"encoding/binary"
	"iter"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// bucketBySource indexes the No's an import brought from a CRM or a
// tracker: source 0x00 id -> "" (journal.No.Source: "hubspot:9012345601").
// It is made when the first such No is written; a journal without one
// has none. An import looks each row's source up here, so the same
// export imported twice adds nothing. Like the other per-No indexes it
// is kept by writeNo (entries), remade by the rewrite and checked by
// doctor. The key holds the id so that two No's may share a source (an
// old export imported beside a CRM import) without one hiding the other.
var bucketBySource = []byte("by_source")

func sourceKey(src string, id uint64) []byte {
	k := make([]byte, 0, len(src)+9)
	k = append(k, src...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// sourceBucket is by_source, made now in a write when it is missing (nil
// in a read).
func (b *buckets) sourceBucket() *bolt.Bucket {
	if b.bySource == nil && b.tx != nil && b.tx.Writable() {
		bk, err := b.tx.CreateBucketIfNotExists(bucketBySource)
		if err != nil {
			return nil
		}
		b.bySource = bk
	}
	return b.bySource
}

// hasSource reports whether a No of the journal came from src.
func (b *buckets) hasSource(src string) bool {
	if b.bySource == nil || src == "" {
		return false
	}
	prefix := append([]byte(src), 0)
	k, _ := b.bySource.Cursor().Seek(prefix)
	return k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8
}

// HaveSources reports which of srcs the journal already holds (a dry run
// says what an import would add without writing).
func (s *Store) HaveSources(srcs []string) (map[string]bool, error) {
	have := map[string]bool{}
	err := s.view(func(tx *bolt.Tx, b *buckets) error {
		for _, src := range srcs {
			if b.hasSource(src) {
				have[src] = true
			}
		}
		return nil
	})
	return have, wrapOp("read the journal", err)
}

// NoBySource is the No imported from src (ErrNotFound when none).
func (s *Store) NoBySource(src string) (journal.No, error) {
	var n journal.No
	err := s.view(func(tx *bolt.Tx, b *buckets) error {
		if b.bySource == nil {
			return ErrNotFound
		}
		prefix := append([]byte(src), 0)
		k, _ := b.bySource.Cursor().Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+8 {
			return ErrNotFound
		}
		var err error
		n, err = s.getNo(b, idOf(k[len(prefix):]))
		return err
	})
	return n, err
}

// ImportNos adds No's read from another tool's export (crm): each with a
// source, skipped when the journal holds a No of that source already, so
// importing the same export again adds nothing and a newer one only its
// new rows. All or nothing, as ImportStream (a large one through a copy).
// The No's come from nos, as often as the import asks (it may read them
// twice), each handed over as a copy.
func (s *Store) ImportNos(nos iter.Seq[*journal.No], now time.Time) (ImportResult, error) {
	size := journal.Size{InDateOrder: true}
	var last journal.Day
	for n := range nos {
		size.Nos++
		size.Bytes += int64(textWeight(n))
		// In date order (the caller sorted them), a large import writes
		// them as they come, without sorting them on disk first.
		size.InDateOrder = size.InDateOrder && n.ID == 0 && last <= n.Date
		last = n.Date
	}
	head := journal.Export{Format: journal.ExportFormat}
	return s.ImportStream(head, size, func(to journal.Records) error {
		for n := range nos {
			x := *n
			if err := callRecord(to.No, &x); err != nil {
				return err
			}
		}
		return nil
	}, now)
}

// NoSlice is the No's of a slice, for ImportNos.
func NoSlice(nos []journal.No) iter.Seq[*journal.No] {
	return func(yield func(*journal.No) bool) {
		for i := range nos {
			if !yield(&nos[i]) {
				return
			}
		}
	}
}
