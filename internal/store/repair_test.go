package store

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
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
	latest, err := s.Latest(1)
	must(t, err)
	a = latest[0]
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		must(t, tx.Bucket(bucketByDay).Delete(dayIDKey(a.Date, a.ID)))                       // missing entry
		must(t, tx.Bucket(bucketWords).Put(wordKey("zebra", a.ID), []byte(a.Date)))          // stale entry
		must(t, tx.Bucket(bucketTally).Put([]byte("2026-01-01"), []byte("\x01{\"nos\":3}"))) // tally without No's
		must(t, tx.Bucket(bucketMeta).Put(keyCount, []byte("99")))                           // wrong counter
		return tx.Bucket(bucketWinDays).Put([]byte("2026-11-18"), []byte("5"))
	})
	ps, err := s.Check()
	must(t, err)
	got := kinds(ps)
	for _, want := range []string{
		"index: No " + itoa(a.ID) + " is missing from by_day",
		"index: words has an entry for No " + itoa(a.ID) + " that does not match it",
		"tally: the tally of 2026-01-01 counts 3 No's but there are none",
		"counter: the No counter says 99 but there are 4",
		"counter: 2026-11-18 counts 5 wins but there are 1",
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

// seed fills a journal with n random No's in one import (one transaction),
// so benchmarks start from a realistic journal quickly.
func seed(tb testing.TB, s *Store, n int) {
	r := rand.New(rand.NewPCG(7, 7))
	e := journal.Export{Format: journal.ExportFormat}
	for i := range n {
		var no journal.No
		randomize(r, &no, t0)
		no.Date = journal.Day("2024-01-01").AddDays(r.IntN(1000))
		no.CreatedAt = t0.Add(time.Duration(i) * time.Second)
		e.Nos = append(e.Nos, no)
	}
	res, err := s.Import(e, t0)
	must(tb, err)
	if res.Nos != n {
		tb.Fatalf("seeded %d of %d", res.Nos, n)
	}
}

func BenchmarkAddNo(b *testing.B) {
	for _, size := range []int{1000, 10000} {
		b.Run(strconv.Itoa(size/1000)+"k", func(b *testing.B) {
			s := newStoreNoCheckB(b)
			seed(b, s, size)
			r := rand.New(rand.NewPCG(1, 1))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				var n journal.No
				randomize(r, &n, t0)
				if err := s.AddNo(&n, t0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkListLatest20(b *testing.B) {
	for _, size := range []int{1000, 10000} {
		b.Run(strconv.Itoa(size/1000)+"k", func(b *testing.B) {
			s := newStoreNoCheckB(b)
			seed(b, s, size)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				nos, _, err := s.ListNos(Query{Limit: 20})
				if err != nil || len(nos) != 20 {
					b.Fatal(err, len(nos))
				}
			}
		})
	}
}

func newStoreNoCheckB(b *testing.B) *Store {
	s, err := Open(b.TempDir() + "/rebound.db")
	must(b, err)
	return s
}
