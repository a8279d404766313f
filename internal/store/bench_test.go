package store_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// Benchmarks run on demo journals (the same generator as `rebound demo`):
// 1k and 10k No's, and 100k with REBOUND_BENCH_100K=1. Each size is seeded
// once per process into a template file that every benchmark copies.

const benchToday = "2026-11-23"

func benchSizes() []int {
	sizes := []int{1000, 10000}
	if os.Getenv("REBOUND_BENCH_100K") == "1" {
		sizes = append(sizes, 100000)
	}
	return sizes
}

func sizeName(n int) string { return strconv.Itoa(n/1000) + "k" }

var (
	templatesMu sync.Mutex
	templates   = map[int]string{}
	templateDir string
)

// demoJournal is the path of a seeded demo journal of n No's (shared: copy
// it before writing).
func demoJournal(tb testing.TB, n int) string {
	templatesMu.Lock()
	defer templatesMu.Unlock()
	if p, ok := templates[n]; ok {
		return p
	}
	if templateDir == "" {
		d, err := os.MkdirTemp("", "rebound-bench-")
		if err != nil {
			tb.Fatal(err)
		}
		templateDir = d
	}
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: n, Days: 1825, Seed: 1, Today: benchToday})
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(templateDir, sizeName(n), "rebound.db")
	s, err := store.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Seed(j.Nos, j.Reflections, j.Wins, j.RestDays); err != nil {
		tb.Fatal(err)
	}
	templates[n] = p
	return p
}

func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

// openCopy opens a private copy of the demo journal of n No's.
func openCopy(b *testing.B, n int) *store.Store {
	src := demoJournal(b, n)
	dst := filepath.Join(b.TempDir(), "rebound.db")
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := store.Open(dst)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// openShared opens the demo journal of n No's for reading.
func openShared(b *testing.B, n int) *store.Store {
	s, err := store.Open(demoJournal(b, n))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func eachSize(b *testing.B, fn func(b *testing.B, n int)) {
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) { fn(b, n) })
	}
}

func BenchmarkAddNo(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openCopy(b, n)
		j, err := demo.Generate(coach.Default(), demo.Options{Nos: 500, Days: 30, Seed: 9, Today: benchToday})
		if err != nil {
			b.Fatal(err)
		}
		now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		_ = s.AutoBackup(now) // today's backup once, outside the loop
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			no := j.Nos[i%len(j.Nos)]
			no.OutcomeHistory, no.Outcome, no.ReframedAt = nil, "", nil
			if err := s.AddNo(&no, now); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkListLatest20(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			nos, _, err := s.ListNos(store.Query{Limit: 20})
			if err != nil || len(nos) != 20 {
				b.Fatal(err, len(nos))
			}
		}
	})
}

// BenchmarkSearchWord pages 20 results of a word in about a tenth of the
// No's ("pilot"), of a rare word ("gringotts": a company) and of a prefix.
func BenchmarkSearchWord(b *testing.B) {
	for _, w := range []string{"pilot", "gringotts", "bud"} {
		b.Run(w, func(b *testing.B) {
			eachSize(b, func(b *testing.B, n int) {
				s := openShared(b, n)
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					nos, _, err := s.ListNos(store.Query{Limit: 20, Text: w})
					if err != nil || len(nos) == 0 {
						b.Fatal(err, len(nos))
					}
				}
			})
		})
	}
}

// BenchmarkFilterOutcomeYes pages 20 No's that turned into a yes.
func BenchmarkFilterOutcomeYes(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			nos, _, err := s.ListNos(store.Query{Limit: 20, Outcome: string(journal.OutcomeYes)})
			if err != nil || len(nos) != 20 {
				b.Fatal(err, len(nos))
			}
		}
	})
}

func BenchmarkTalliesAll(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := s.Tallies("", "", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMonthTallies(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := s.MonthTallies("", "", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMonthTalliesMode reads one mode's months (the insights' "all"
// and the closer-to-yes meter): a seek into the mode's range, no other key.
func BenchmarkMonthTalliesMode(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := s.MonthTallies("sales", "", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReframedDays(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := s.ReframedDays("", ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestBucketSizes prints each bucket's size for a demo journal of
// REBOUND_STATS_NOS No's (skipped without it).
func TestBucketSizes(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("REBOUND_STATS_NOS"))
	if err != nil {
		t.Skip("set REBOUND_STATS_NOS to print bucket sizes")
	}
	path := demoJournal(t, n)
	fi, _ := os.Stat(path)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var inuse int
	_ = db.View(func(tx *bolt.Tx) error {
		t.Logf("high-water mark %d bytes (%d per No); free pages %d", tx.Size(), tx.Size()/int64(n), db.Stats().FreePageN)
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			st := bk.Stats()
			use := st.BranchInuse + st.LeafInuse
			alloc := st.BranchAlloc + st.LeafAlloc
			inuse += alloc
			t.Logf("%-16s keys %8d  alloc %10d  inuse %10d (%3.0f%%)  per No %6.1f", name, st.KeyN, alloc, use,
				100*float64(use)/float64(max(1, alloc)), float64(alloc)/float64(n))
			return nil
		})
	})
	t.Logf("file %d bytes, %d per No; buckets allocate %d", fi.Size(), fi.Size()/int64(n), inuse)
	_ = rand.IntN
	_ = fmt.Sprint
}

// BenchmarkSearchAllRows is `journal --print --search hidden`'s read: every
// No holding a word in about a seventh of the No's, as list rows.
func BenchmarkSearchAllRows(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			rows, _, err := s.ListRows(store.Query{Text: "hidden"})
			if err != nil || rows.Len() == 0 {
				b.Fatal(err, rows.Len())
			}
		}
	})
}

// BenchmarkListRows20 is `journal --print -n 20`'s read.
func BenchmarkListRows20(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			rows, _, err := s.ListRows(store.Query{Limit: 20})
			if err != nil || rows.Len() != 20 {
				b.Fatal(err, rows.Len())
			}
		}
	})
}

// BenchmarkFollowUpRows is `followups`' read: every open follow-up due
// within two weeks (thousands overdue in a demo journal).
func BenchmarkFollowUpRows(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := s.FollowUpRows("2026-12-07"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkHome is the home screen's read.
func BenchmarkHome(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		s := openShared(b, n)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := s.Home(benchToday); err != nil {
				b.Fatal(err)
			}
		}
	})
}
