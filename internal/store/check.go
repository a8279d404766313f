package store

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Problem is one thing Check found wrong, in words. Kind is one of bbolt,
// schema, bucket, record, index, tally, counter, damaged.
type Problem struct{ Kind, Detail string }

// maxPerKind caps the details reported per bucket; one line says how many more.
const maxPerKind = 10

// Check reads the whole journal read-only and reports what is wrong: bbolt's
// own page checks, the schema, every No decoding, every index entry present
// and pointing at a No that agrees with it, tallies equal to a full
// recomputation, and the counters. No problems means a nil slice.
func (s *Store) Check() ([]Problem, error) {
	var ps []Problem
	err := s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			ps = check(tx)
			return nil
		})
	})
	return ps, wrapOp("check journal", err)
}

type checker struct {
	ps     []Problem
	counts map[string]int
}

func (c *checker) add(kind, format string, a ...any) {
	key := kind + ":" + format
	c.counts[key]++
	if n := c.counts[key]; n <= maxPerKind {
		c.ps = append(c.ps, Problem{kind, fmt.Sprintf(format, a...)})
	} else if n == maxPerKind+1 {
		c.ps = append(c.ps, Problem{kind, "(more problems like the one above are not listed)"})
	}
}

func check(tx *bolt.Tx) []Problem {
	c := &checker{counts: map[string]int{}}
	for err := range tx.Check() {
		c.add("bbolt", "%v", err)
	}
	st := readSchema(tx)
	switch {
	case st.fresh || st.foreign:
		c.add("schema", "the file has no Rebound meta bucket")
		return c.ps
	case st.bad != "":
		c.add("schema", "%s", st.bad)
	case st.version != currentSchema:
		c.add("schema", "the schema is %d; this build reads %d", st.version, currentSchema)
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			c.add("bucket", "bucket %s is missing", name)
		}
	}
	if d := tx.Bucket(bucketDamaged); d != nil && d.Stats().KeyN > 0 {
		c.add("damaged", "%d unreadable No's are kept aside in bucket %s", d.Stats().KeyN, bucketDamaged)
	}
	nos, meta := tx.Bucket(bucketNos), tx.Bucket(bucketMeta)
	if nos == nil || meta == nil {
		return c.ps
	}

	// Every No decodes and owns its index entries; count what should exist.
	expected := map[string]int{}
	sums := map[journal.Day]*tally.Day{}
	count, waiting := 0, 0
	var maxID uint64
	_ = nos.ForEach(func(k, v []byte) error {
		n, err := decodeNo(k, v)
		if err != nil {
			c.add("record", "%v", err)
			return nil
		}
		count++
		maxID = max(maxID, n.ID)
		if !n.Reframed() {
			waiting++
		}
		for _, e := range entries(&n) {
			expected[string(e.bucket)]++
			b := tx.Bucket(e.bucket)
			if b == nil {
				continue
			}
			if !has(b, e.key) {
				c.add("index", "No %d is missing from %s", n.ID, e.bucket)
			} else if got := b.Get(e.key); len(e.value) > 0 && !bytes.Equal(got, e.value) {
				c.add("index", "%s has date %q for No %d, which is dated %s", e.bucket, got, n.ID, n.Date)
			}
		}
		t := sums[n.Date]
		if t == nil {
			t = &tally.Day{}
			sums[n.Date] = t
		}
		t.Add(&n, +1)
		return nil
	})
	if seq := nos.Sequence(); seq < maxID {
		c.add("counter", "the id sequence is %d but the highest id is %d", seq, maxID)
	}

	// Entries beyond those expected are stale: find them.
	for _, name := range derivedBuckets {
		b := tx.Bucket(name)
		if b == nil || string(name) == string(bucketTally) || string(name) == string(bucketWinDays) {
			continue
		}
		if got := b.Stats().KeyN; got != expected[string(name)] {
			c.add("index", "%s has %d entries; the No's need %d", name, got, expected[string(name)])
			staleEntries(c, nos, b, name)
		}
	}

	// Tallies equal a full recomputation.
	if tb := tx.Bucket(bucketTally); tb != nil {
		_ = tb.ForEach(func(k, v []byte) error {
			d := journal.Day(k)
			var got tally.Day
			if err := decode(v, &got); err != nil {
				c.add("tally", "the tally of %s cannot be read: %v", d, err)
			} else if want := sums[d]; want == nil {
				c.add("tally", "the tally of %s counts %d No's but there are none", d, got.Nos)
			} else if !reflect.DeepEqual(&got, want) {
				c.add("tally", "the tally of %s does not match its No's", d)
			}
			delete(sums, d)
			return nil
		})
		for d := range sums {
			c.add("tally", "the tally of %s is missing", d)
		}
	}
	if got := getInt(meta, keyCount); got != count {
		c.add("counter", "the No counter says %d but there are %d", got, count)
	}
	if got := getInt(meta, keyWaiting); got != waiting {
		c.add("counter", "the waiting counter says %d but %d No's are not reframed", got, waiting)
	}
	checkOthers(c, tx)
	return c.ps
}

// readNo decodes a stored No and checks the dates its keys are built from.
func readNo(k, v []byte) (journal.No, error) {
	var n journal.No
	if len(k) != 8 {
		return n, fmt.Errorf("a No has a malformed key %x", k)
	}
	if err := decode(v, &n); err != nil {
		return n, fmt.Errorf("No %d cannot be read: %v", idOf(k), err)
	}
	if !n.Date.Valid() || (n.FollowUp != "" && !n.FollowUp.Valid()) {
		return n, fmt.Errorf("No %d has a malformed date", idOf(k))
	}
	return n, nil
}

// decodeNo is readNo plus: the No's id is its key.
func decodeNo(k, v []byte) (journal.No, error) {
	n, err := readNo(k, v)
	if err == nil && n.ID != idOf(k) {
		return n, fmt.Errorf("No %d is stored under id %d", n.ID, idOf(k))
	}
	return n, err
}

// staleEntries lists entries of b that no No owns (only run when the counts
// disagree, since it decodes a No per entry).
func staleEntries(c *checker, nos, b *bolt.Bucket, name []byte) {
	owned := map[uint64]map[string]bool{}
	_ = b.ForEach(func(k, _ []byte) error {
		if len(k) < 8 {
			c.add("index", "%s has a malformed key %q", name, k)
			return nil
		}
		id := idOf(k)
		keys, ok := owned[id]
		if !ok {
			keys = map[string]bool{}
			if n, err := decodeNo(idKey(id), nos.Get(idKey(id))); err == nil {
				for _, e := range entries(&n) {
					if bytes.Equal(e.bucket, name) {
						keys[string(e.key)] = true
					}
				}
			}
			if len(owned) > 4096 {
				clear(owned)
			}
			owned[id] = keys
		}
		if !keys[string(k)] {
			c.add("index", "%s has an entry for No %d that does not match it", name, id)
		}
		return nil
	})
}

// checkOthers reads reflections, wins, win counts and settings.
func checkOthers(c *checker, tx *bolt.Tx) {
	if b := tx.Bucket(bucketReflections); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			var r journal.Reflection
			if err := decode(v, &r); err != nil {
				c.add("record", "the reflection of %s cannot be read: %v", k, err)
			}
			return nil
		})
	}
	perDay := map[string]int{}
	if b := tx.Bucket(bucketWins); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			var w journal.Win
			if err := decode(v, &w); err != nil {
				c.add("record", "win %x cannot be read: %v", k, err)
				return nil
			}
			perDay[string(w.Date)]++
			return nil
		})
	}
	if b := tx.Bucket(bucketWinDays); b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			if n, _ := strconv.Atoi(string(v)); n != perDay[string(k)] {
				c.add("counter", "%s counts %s wins but there are %d", k, v, perDay[string(k)])
			}
			delete(perDay, string(k))
			return nil
		})
		for d, n := range perDay {
			c.add("counter", "the %d wins of %s are not counted", n, d)
		}
	}
	if b := tx.Bucket(bucketSettings); b != nil {
		if v := b.Get(keySettings); v != nil {
			var st journal.Settings
			if err := decode(v, &st); err != nil {
				c.add("record", "the settings cannot be read: %v", err)
			}
		}
	}
}

// Repair rebuilds every index, tally and counter from the No's and wins, in
// one transaction. A No that cannot be read is moved to bucket "damaged"
// (kept, not deleted) so the rest of the journal is consistent again.
func (s *Store) Repair() error {
	err := s.withDB(false, func(db *bolt.DB) error {
		return db.Update(func(tx *bolt.Tx) error {
			st := readSchema(tx)
			if err := s.schemaErr(st); err != nil {
				return err
			}
			if st.fresh {
				return initSchema(tx)
			}
			if st.version != currentSchema {
				return fmt.Errorf("%s has schema %d; open it with rebound first to upgrade it", s.path, st.version)
			}
			return rebuild(tx)
		})
	})
	return wrapOp("repair journal", err)
}

// rebuild recomputes all derived buckets and counters from nos and wins.
func rebuild(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	b := &buckets{meta: tx.Bucket(bucketMeta), nos: tx.Bucket(bucketNos), wins: tx.Bucket(bucketWins)}
	for _, name := range derivedBuckets {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
		nb, err := tx.CreateBucket(name)
		if err != nil {
			return err
		}
		switch string(name) {
		case string(bucketByDay):
			b.byDay = nb
		case string(bucketByFollowUp):
			b.byFollowUp = nb
		case string(bucketByOutcome):
			b.byOutcome = nb
		case string(bucketByReason):
			b.byReason = nb
		case string(bucketByMode):
			b.byMode = nb
		case string(bucketWaiting):
			b.waiting = nb
		case string(bucketWords):
			b.words = nb
		case string(bucketTally):
			b.tally = nb
		case string(bucketWinDays):
			b.winDays = nb
		}
	}
	type kv struct{ k, v []byte }
	var bad, fixed []kv
	sums := map[journal.Day]*tally.Day{}
	count, waiting := 0, 0
	var maxID uint64
	err := b.nos.ForEach(func(k, v []byte) error {
		n, err := readNo(k, v)
		if err != nil {
			bad = append(bad, kv{bytes.Clone(k), bytes.Clone(v)})
			return nil
		}
		if n.ID != idOf(k) {
			n.ID = idOf(k) // stored under another id: the key wins
			val, err := encode(&n)
			if err != nil {
				return err
			}
			fixed = append(fixed, kv{bytes.Clone(k), val})
		}
		for _, e := range entries(&n) {
			if err := b.bucket(e.bucket).Put(e.key, e.value); err != nil {
				return err
			}
		}
		t := sums[n.Date]
		if t == nil {
			t = &tally.Day{}
			sums[n.Date] = t
		}
		t.Add(&n, +1)
		count++
		if !n.Reframed() {
			waiting++
		}
		maxID = max(maxID, n.ID)
		return nil
	})
	if err != nil {
		return err
	}
	for _, x := range fixed {
		if err := b.nos.Put(x.k, x.v); err != nil {
			return err
		}
	}
	if len(bad) > 0 {
		damaged, err := tx.CreateBucketIfNotExists(bucketDamaged)
		if err != nil {
			return err
		}
		for _, x := range bad {
			if err := damaged.Put(x.k, x.v); err != nil {
				return err
			}
			if err := b.nos.Delete(x.k); err != nil {
				return err
			}
		}
	}
	for d, t := range sums {
		if err := putValue(b.tally, []byte(d), t); err != nil {
			return err
		}
	}
	if err := b.nos.SetSequence(max(b.nos.Sequence(), maxID)); err != nil {
		return err
	}
	if err := putInt(b.meta, keyCount, count); err != nil {
		return err
	}
	if err := putInt(b.meta, keyWaiting, waiting); err != nil {
		return err
	}
	var maxWin uint64
	err = b.wins.ForEach(func(k, v []byte) error {
		var w journal.Win
		if decode(v, &w) != nil || !w.Date.Valid() {
			return nil // kept as is; Check reports it
		}
		maxWin = max(maxWin, idOf(k))
		return addInt(b.winDays, []byte(w.Date), 1)
	})
	if err != nil {
		return err
	}
	return b.wins.SetSequence(max(b.wins.Sequence(), maxWin))
}
