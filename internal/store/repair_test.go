package store

import (
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

func kinds(ps []Problem) string {
	var ks []string
	for _, p := range ps {
		ks = append(ks, p.Kind+": "+p.Detail)
	}
	return strings.Join(ks, "\n")
}

func TestCheckFindsDamageAndRepairFixesIt(t *testing.T) {
	s := newStore(t) // cleanup checks the repaired journal
	fill(t, s)
	var a journal.No
	latest, err := s.latest(1)
	must(t, err)
	a = latest[0]
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		must(t, tx.Bucket(bucketByDay).Delete(dayIDKey(a.Date, a.ID))) // missing entry
		must(t, tx.Bucket(bucketWords).Put(wordKey("zebra", uint32(a.ID>>blockBits)),
			encodePosting([]uint16{uint16(a.ID & blockMask)}))) // stale entry
		must(t, tx.Bucket(bucketTally).Put([]byte(tallyKey("sales", "2026-01-01")), []byte("\x01{\"nos\":3}"))) // tally without No's
		must(t, tx.Bucket(bucketMeta).Put(keyCount, []byte("99")))                                              // wrong counter
		must(t, tx.Bucket(bucketMonths).Delete([]byte(monthKey("", "2026-11-01"))))                             // missing month
		must(t, tx.Bucket(bucketReframedDays).Put([]byte("2026-11-01"), u32(5)))                                // wrong count
		must(t, tx.Bucket(bucketReflectionDays).Delete([]byte("2026-11-19")))                                   // missing count
		must(t, tx.Bucket(bucketNoDays).Delete(idKey(0)))                                                       // missing dates
		return tx.Bucket(bucketWinDays).Put([]byte("2026-11-18"), []byte("5"))
	})
	ps, err := s.Check()
	must(t, err)
	got := kinds(ps)
	for _, want := range []string{
		"index: No " + itoa(a.ID) + " is missing from by_day",
		"index: words has an entry for No " + itoa(a.ID) + " that does not match it",
		"tally: the tally of sales 2026-01-01 counts 3 No's but there are none",
		"counter: the No counter says 99 but there are 4",
		"counter: 2026-11-18 counts 5 wins but there are 1",
		"tally: the month tally of 2026-11 is missing",
		"counter: reframed_days counts 5 reframed No's on 2026-11-01 but there are 0",
		"counter: reflection_days does not count the 1 sessions on 2026-11-19", // the second session, a ritual alone, wrote nothing
		"index: no_days lacks the dates of No's 0 to 255",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Check did not report %q; got:\n%s", want, got)
		}
	}
	must(t, s.Repair())
	mustCheck(t, s)
	if found, _, _ := s.ListNos(Query{Text: "zebra"}); len(found) != 0 {
		t.Errorf("stale word survived repair")
	}
}

func TestRepairSetsAsideUnreadableNos(t *testing.T) {
	s := newStoreNoCheck(t)
	n := addNo(t, s, journal.No{Who: "Acme"})
	addNo(t, s, journal.No{Who: "Globex"})
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketNos).Put(idKey(n.ID), []byte("\x01{not json"))
	})
	ps, err := s.Check()
	must(t, err)
	if !strings.Contains(kinds(ps), "record: No 1 cannot be read") {
		t.Errorf("check: %s", kinds(ps))
	}
	must(t, s.Repair())
	ps, err = s.Check()
	must(t, err)
	if len(ps) != 1 || ps[0].Kind != "damaged" {
		t.Errorf("after repair: %s", kinds(ps))
	}
	if c, _ := s.Count(); c != 1 {
		t.Errorf("count %d", c)
	}
}

func itoa(id uint64) string { return strconv.FormatUint(id, 10) }

// The words bucket is checked by fingerprint; a posting moved from one No
// to another (same count) and a missing one must still be named.
func TestCheckNamesMovedAndMissingPostings(t *testing.T) {
	s := newStoreNoCheck(t)
	a := addNo(t, s, journal.No{Who: "Acme", Said: "walrus"})
	b := addNo(t, s, journal.No{Who: "Globex", Said: "narwhal"})
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		w := tx.Bucket(bucketWords)
		block := uint32(a.ID >> blockBits)
		// walrus now points at b instead of a; narwhal has no posting.
		must(t, w.Put(wordKey("walrus", block), encodePosting([]uint16{uint16(b.ID & blockMask)})))
		return w.Delete(wordKey("narwhal", block))
	})
	ps, err := s.Check()
	must(t, err)
	got := kinds(ps)
	for _, want := range []string{
		"index: No " + itoa(a.ID) + " is missing from words",
		"index: words has an entry for No " + itoa(b.ID) + " that does not match it",
		"index: No " + itoa(b.ID) + " is missing from words",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Check did not report %q; got:\n%s", want, got)
		}
	}
	must(t, s.Repair())
	if ps, _ := s.Check(); len(ps) != 0 {
		t.Errorf("after repair: %s", kinds(ps))
	}
}

// Tallies are checked by fingerprint: a count moved from one reason to
// another (the same number of No's) must still be named.
func TestCheckNamesATallyThatDoesNotAddUp(t *testing.T) {
	// Doctor compares fingerprints of the tallies; each of these must still show.
	for name, spoil := range map[string]func(*tally.Day){
		"another reason": func(d *tally.Day) { d.Reasons = map[string]int{"timing": 1} },
		"a zero kept":    func(d *tally.Day) { d.Kinds = map[string]int{"final": 0} },
		"days to a yes":  func(d *tally.Day) { d.YesDays = map[string]map[int]int{"": {3: 1}} },
		"a feeling":      func(d *tally.Day) { d.FeelingSum++ },
	} {
		t.Run(name, func(t *testing.T) {
			s := newStoreNoCheck(t)
			addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-02", Reason: "price", Feeling: 2, Mode: "sales"})
			raw(t, s.Path(), func(tx *bolt.Tx) error {
				for _, bk := range []struct {
					name []byte
					key  string
				}{{bucketTally, tallyKey("sales", "2026-11-02")}, {bucketMonths, monthKey("sales", "2026-11-02")}} {
					var d tally.Day
					must(t, decodeTally(tx.Bucket(bk.name).Get([]byte(bk.key)), &d))
					spoil(&d)
					must(t, tx.Bucket(bk.name).Put([]byte(bk.key), encodeTally(&d)))
				}
				return nil
			})
			ps, err := s.Check()
			must(t, err)
			got := kinds(ps)
			for _, want := range []string{
				"tally: the tally of sales 2026-11-02 does not match its No's",
				"tally: the month tally of sales 2026-11 does not match its No's",
			} {
				if !strings.Contains(got, want) {
					t.Errorf("Check did not report %q; got:\n%s", want, got)
				}
			}
			must(t, s.Repair())
			if ps, _ := s.Check(); len(ps) != 0 {
				t.Errorf("after repair: %s", kinds(ps))
			}
		})
	}
}
