package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// bucketEvents indexes what the weekly review counts by the day it
// happened rather than the day of the No, so a week is read as a range of
// keys whatever the journal's size:
//
//	'f' follow-up date id -> done ('1' or '0') + outcome   every No with a follow-up, done or not
//	't' date id -> ""                                      a change of outcome to maybe or yes, by its UTC date
//
// Like the other per-No indexes it is kept by writeNo (entries), made
// when first written, remade by the rewrite (schema 7) and checked by
// doctor.
var bucketEvents = []byte("week_events")

const (
	eventFollowUp = 'f'
	eventTurned   = 't'
)

func eventKey(kind byte, d journal.Day, id uint64) []byte {
	k := make([]byte, 0, 1+len(d)+8)
	k = append(append(k, kind), d...)
	return binary.BigEndian.AppendUint64(k, id)
}

// eventEntries are n's keys in week_events.
func eventEntries(n *journal.No) []entry {
	var es []entry
	if n.FollowUp != "" {
		done := byte('0')
		if n.FollowUpDone {
			done = '1'
		}
		es = append(es, entry{bucketEvents, eventKey(eventFollowUp, n.FollowUp, n.ID), append([]byte{done}, n.Outcome...)})
	}
	var last journal.Day // one key a day, however often it changed that day
	for _, c := range n.OutcomeHistory {
		if c.Outcome != journal.OutcomeMaybe && c.Outcome != journal.OutcomeYes || c.At.IsZero() {
			continue
		}
		d := journal.Day(c.At.UTC().Format("2006-01-02"))
		if d == last || !d.Valid() {
			continue
		}
		last = d
		es = append(es, entry{bucketEvents, eventKey(eventTurned, d, n.ID), empty})
	}
	return es
}

// eventsBucket is week_events, made now in a write when it is missing
// (nil in a read).
func (b *buckets) eventsBucket() *bolt.Bucket {
	if b.events == nil && b.tx != nil && b.tx.Writable() {
		bk, err := b.tx.CreateBucketIfNotExists(bucketEvents)
		if err != nil {
			return nil
		}
		b.events = bk
	}
	return b.events
}

// eachEvent calls fn with the id and value of each kind key dated from to
// to (inclusive), in key order; a journal without the bucket has none.
func (b *buckets) eachEvent(kind byte, from, to journal.Day, fn func(d journal.Day, id uint64, v []byte) error) error {
	if b.events == nil {
		return nil
	}
	lo := append([]byte{kind}, from...)
	c := b.events.Cursor()
	for k, v := c.Seek(lo); k != nil && len(k) == 1+10+8 && k[0] == kind; k, v = c.Next() {
		d := journal.Day(k[1:11])
		if d > to {
			break
		}
		if err := fn(d, idOf(k), v); err != nil {
			return err
		}
	}
	return nil
}
