package cli

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// Whole-journal benchmarks: export and doctor, and the first write of a
// day (which starts the day's backup) beside a later write, in-process on
// demo journals of 10k No's, and 100k and 1M with REBOUND_BENCH_BIG=1
// (1M takes minutes to build). REBOUND_BENCH_DIR keeps the journals
// between runs (growth-<n>.db, as the store's growth benchmarks name
// them). .ci/bench-whole.sh times the same as whole processes against the
// binary of another commit.
//
//	REBOUND_BENCH_BIG=1 REBOUND_BENCH_DIR=/tmp/b20 go test ./internal/cli -run '^$' -bench 'Export|Doctor|Write' -benchtime 3x

func wholeSizes() []int {
	if os.Getenv("REBOUND_BENCH_BIG") == "1" {
		return []int{10_000, 100_000, 1_000_000}
	}
	return []int{10_000}
}

var (
	wholeMu       sync.Mutex
	wholeJournals = map[int]string{}
)

// wholeJournal is the path of the demo journal of n No's (read only: copy
// it before writing), made once.
func wholeJournal(b *testing.B, n int) string {
	wholeMu.Lock()
	defer wholeMu.Unlock()
	if p, ok := wholeJournals[n]; ok {
		return p
	}
	dir := os.Getenv("REBOUND_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir() // this benchmark's only: big sizes want REBOUND_BENCH_DIR
	}
	path := filepath.Join(dir, "growth-"+strconv.Itoa(n)+".db")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		g, err := demo.NewGenerator(coach.Default(), demo.Options{Nos: n, Days: 1825, Seed: 1, Today: "2026-11-23", Mode: "sales"})
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
	if os.Getenv("REBOUND_BENCH_DIR") != "" {
		wholeJournals[n] = path
	}
	return path
}

func eachWhole(b *testing.B, fn func(b *testing.B, db string)) {
	for _, n := range wholeSizes() {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			db := wholeJournal(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			fn(b, db)
		})
	}
}

// export --format json, to a discarded stdout.
func BenchmarkExportJSON(b *testing.B) {
	eachWhole(b, func(b *testing.B, db string) {
		for b.Loop() {
			runBench(b, db, "export", "--format", "json")
		}
	})
}

// doctor on a healthy journal: the copy, the page checks, every No.
func BenchmarkDoctor(b *testing.B) {
	eachWhole(b, func(b *testing.B, db string) {
		for b.Loop() {
			runBench(b, db, "doctor")
		}
	})
}

// The first write of a day (today's backup still to be made, as the
// program makes it: in a process of its own) and a later write, on a
// copy of the journal. The first waits only for the start of that process.
func BenchmarkFirstWriteOfDay(b *testing.B) {
	store.SetBackupInBackground(true)
	defer store.SetBackupInBackground(false)
	args := []string{"log", "--who", "Bench Corp", "--reason", "price", "--said", "Too expensive"}
	eachWhole(b, func(b *testing.B, src string) {
		b.StopTimer()
		db := copyJournal(b, src)
		bak := filepath.Join(filepath.Dir(db), "backups")
		today := filepath.Join(bak, "rebound-"+time.Now().Format("2006-01-02")+".db")
		b.StartTimer()
		for b.Loop() {
			b.StopTimer()
			if err := os.RemoveAll(bak); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			runBench(b, db, args...)
			b.StopTimer()
			waitBackup(b, today, bak)
			b.StartTimer()
		}
	})
}

func BenchmarkLaterWrite(b *testing.B) {
	args := []string{"log", "--who", "Bench Corp", "--reason", "price", "--said", "Too expensive"}
	eachWhole(b, func(b *testing.B, src string) {
		b.StopTimer()
		db := copyJournal(b, src)
		runBench(b, db, args...) // today's backup, outside the loop
		b.StartTimer()
		for b.Loop() {
			runBench(b, db, args...)
		}
	})
}

// copyJournal copies the journal at src into the benchmark's folder.
func copyJournal(b *testing.B, src string) string {
	dst := filepath.Join(b.TempDir(), "rebound.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

// waitBackup waits until the background backup is done: its file there,
// no temporary left.
func waitBackup(b *testing.B, today, bak string) {
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		temps, _ := filepath.Glob(filepath.Join(bak, ".rebound-backup-*"))
		if _, err := os.Stat(today); err == nil && len(temps) == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatal("the day's backup did not appear")
}
