package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/ratio"
	"github.com/rebound-coach/rebound/internal/store"
)

// Growth benchmarks: what each screen or command reads for what it shows,
// on demo journals of 10k No's, and 100k and 1M with REBOUND_BENCH_BIG=1
// (1M takes about a minute to build). The ns/op of a size over the 10k's
// is the growth the README's table reports for whole processes; each
// should stay near 1.
//
// REBOUND_BENCH_DIR keeps the journals between runs (growth-<n>.db, made
// when missing); without it they are made in a temporary folder.
//
//	REBOUND_BENCH_BIG=1 REBOUND_BENCH_DIR=/tmp/b20 go test ./internal/store -run '^$' -bench Growth -benchtime 200x

func growthSizes() []int {
	if os.Getenv("REBOUND_BENCH_BIG") == "1" {
		return []int{10_000, 100_000, 1_000_000}
	}
	return []int{10_000}
}

var (
	growthMu       sync.Mutex
	growthJournals = map[int]*store.Store{}
)

// growthJournal opens the demo journal of n No's (read only by the
// benchmarks), making it once.
func growthJournal(b *testing.B, n int) *store.Store {
	growthMu.Lock()
	defer growthMu.Unlock()
	if s, ok := growthJournals[n]; ok {
		return s
	}
	dir := os.Getenv("REBOUND_BENCH_DIR")
	if dir == "" {
		templatesMu.Lock()
		if templateDir == "" { // removed by TestMain
			d, err := os.MkdirTemp("", "rebound-bench-")
			if err != nil {
				templatesMu.Unlock()
				b.Fatal(err)
			}
			templateDir = d
		}
		dir = templateDir
		templatesMu.Unlock()
	}
	path := filepath.Join(dir, "growth-"+strconv.Itoa(n)+".db")
	_, statErr := os.Stat(path)
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if os.IsNotExist(statErr) {
		// As `rebound demo` fills a file: a batch at a time.
		g, err := demo.NewGenerator(coach.Default(), demo.Options{Nos: n, Days: 1825, Seed: 1, Today: benchToday, Mode: "sales"})
		if err != nil {
			b.Fatal(err)
		}
		var buf []journal.No
		for buf = g.Next(buf, store.BatchSize); len(buf) > 0; buf = g.Next(buf, store.BatchSize) {
			if err := s.SeedNos(buf); err != nil {
				b.Fatal(err)
			}
		}
		j := g.Rest()
		if err := s.SeedRest(j.Reflections, j.Wins, j.RestDays); err != nil {
			b.Fatal(err)
		}
	}
	growthJournals[n] = s
	return s
}

func eachGrowth(b *testing.B, fn func(b *testing.B, s *store.Store)) {
	for _, n := range growthSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			s := growthJournal(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			fn(b, s)
		})
	}
}

// who "Acme Corp": the newest 20 of their No's, their counts, their wins.
func BenchmarkGrowthWho(b *testing.B) {
	eachGrowth(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			p, err := s.Prospect("Acme Corp", 20, nil)
			if err != nil || p.Total == 0 {
				b.Fatal(p.Total, err)
			}
			if _, err := s.WinsByWho("Acme Corp"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// journal --search hidden -n 20.
func BenchmarkGrowthSearchPage(b *testing.B) {
	eachGrowth(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			rows, _, err := s.ListRows(store.Query{Text: "hidden", Limit: 20})
			if err != nil || rows.Len() != 20 {
				b.Fatal(err)
			}
		}
	})
}

// insights --period all.
func BenchmarkGrowthInsightsAll(b *testing.B) {
	mode, _ := coach.Default().Mode("sales")
	all, _ := insights.ParsePeriod("all")
	eachGrowth(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			if r, err := progress.Insights(s, mode, all, benchToday); err != nil || r.Total == 0 {
				b.Fatal(err)
			}
		}
	})
}

// What home loads for its first frame (homeview's load): the counters,
// the streak, today's reflection, the meter and the week's reflections.
func BenchmarkGrowthHome(b *testing.B) {
	set := journal.Settings{Mode: "sales", WeekGoal: 5, Welcomed: true}
	eachGrowth(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			if _, err := s.Home(benchToday); err != nil {
				b.Fatal(err)
			}
			if _, _, err := progress.Streak(s, benchToday, set); err != nil {
				b.Fatal(err)
			}
			if _, _, err := s.Reflection(benchToday); err != nil {
				b.Fatal(err)
			}
			if _, err := ratio.Load(s, "sales"); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Reflections(journal.Day(benchToday).AddDays(-6), benchToday); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// followups --json -n 50 (the rows) and the counts the text heads its
// sections with.
func BenchmarkGrowthFollowUps(b *testing.B) {
	today := journal.Day(benchToday)
	eachGrowth(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			if _, err := s.FollowUpCounts(today, followup.UpcomingDays, followup.LongLate); err != nil {
				b.Fatal(err)
			}
			rows, _, err := s.FollowUpRowsPage(today.AddDays(followup.UpcomingDays), nil, 50)
			if err != nil || len(rows) == 0 {
				b.Fatal(fmt.Sprint(len(rows)), err)
			}
		}
	})
}
