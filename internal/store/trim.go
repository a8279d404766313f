package store

import (
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A read that walks a large journal (doctor, an export, a full listing)
// touches every page of bbolt's memory map, and every touched page counts
// in the process's resident size: 130 MiB for a check of a 100k journal.
// While such a read runs, trimMapped hands the map's pages back every few
// milliseconds; they stay in the page cache, so the cost is a minor fault
// when one is touched again. Reads shorter than one tick never see it.
const (
	trimEvery = 500 * time.Microsecond
	// Smaller journals fit in the budget whole. (At 16 MiB a doctor of a
	// 10k journal, 11 MiB, kept all of it and peaked at 32 MiB; now 25.)
	trimMinSize = 4 << 20
)

// trimmers are the running trims by database, so that long loops can trim
// on their own schedule too (see trimNow): a timer can fire late by 10 ms
// when both cores are busy, and a fast scan maps 30 MiB in that time.
var trimmers sync.Map // *bolt.DB -> func()

// trimNow drops db's mapped pages if a trim runs for it; loops over every
// No call it every trimStride keys.
func trimNow(db *bolt.DB) {
	if f, ok := trimmers.Load(db); ok {
		f.(func())()
	}
}

const trimStride = 256

// forEach is bk.ForEach for reads that walk a whole bucket: it trims the
// map every trimStride keys or trimBytes of keys and values, whichever
// comes first (a search posting of a common word spans pages).
func forEach(bk *bolt.Bucket, fn func(k, v []byte) error) error {
	db, keys, bytes := bk.Tx().DB(), 0, 0
	return bk.ForEach(func(k, v []byte) error {
		keys, bytes = keys+1, bytes+len(k)+len(v)
		if keys == trimStride || bytes >= trimBytes {
			trimNow(db)
			keys, bytes = 0, 0
		}
		return fn(k, v)
	})
}

const trimBytes = 1 << 20

// trimMapped starts trimming db's map (read-only: the map never moves)
// and returns the function that stops it, which must run before db closes.
func trimMapped(db *bolt.DB) (stop func()) { return trimMappedOver(db, 0) }

// trimMappedOver is trimMapped that lets the process's mapped file pages
// grow by budget bytes before it trims (0: trims every time): a read that
// looks up keys all over the file (doctor's check) maps the same pages
// again and again, and each trim costs a walk of the whole map and the
// faults that map them back.
func trimMappedOver(db *bolt.DB, budget int64) (stop func()) {
	var size int
	_ = db.View(func(tx *bolt.Tx) error {
		size = int(tx.Size()) // the used pages, never more than is mapped
		return nil
	})
	if !canTrim || size < trimMinSize {
		return func() {}
	}
	addr := db.Info().Data
	drop, release := func() { dropResident(addr, uintptr(size)) }, func() {}
	if budget > 0 {
		if over, done := residentOver(budget); over != nil {
			release = done
			drop = func() {
				if over() {
					dropResident(addr, uintptr(size))
				}
			}
		}
	}
	trimmers.Store(db, drop)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(trimEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				drop()
			}
		}
	}()
	return func() {
		trimmers.Delete(db)
		close(done)
		<-finished
		release()
	}
}
