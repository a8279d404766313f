package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/store"
)

// Command benchmarks: each row of the performance table, run in-process
// (everything after the Go runtime's start: the command tree, fang, the
// store, the output) on demo journals of 1k and 10k No's, and 100k with
// REBOUND_BENCH_100K=1. cmd/rebound-bench times the whole process.

// benchNow is noon of the demo journals' today.
var benchNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)

func cliBenchSizes() []int {
	sizes := []int{1000, 10000}
	if os.Getenv("REBOUND_BENCH_100K") == "1" {
		sizes = append(sizes, 100000)
	}
	return sizes
}

var (
	cliTemplatesMu sync.Mutex
	cliTemplates   = map[int]string{}
)

// cliDemoJournal is a demo journal of n No's, seeded once per process.
func cliDemoJournal(b *testing.B, n int) string {
	cliTemplatesMu.Lock()
	defer cliTemplatesMu.Unlock()
	if p, ok := cliTemplates[n]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "rebound-cli-bench-")
	if err != nil {
		b.Fatal(err)
	}
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: n, Days: 1825, Seed: 1, Today: "2026-11-23"})
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, "rebound.db")
	s, err := store.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Seed(j.Nos, j.Reflections, j.Wins, j.RestDays); err != nil {
		b.Fatal(err)
	}
	cliTemplates[n] = p
	return p
}

// runBench runs one command line in-process with output discarded.
func runBench(b *testing.B, db string, args ...string) {
	a := &app{now: func() time.Time { return benchNow }, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	if code := a.main(context.Background(), append([]string{"--db", db}, args...)); code != 0 {
		b.Fatalf("rebound %s: exit %d", strings.Join(args, " "), code)
	}
}

func BenchmarkCommand(b *testing.B) {
	ops := []struct {
		name  string
		write bool
		args  []string
	}{
		{"log", true, []string{"log", "--who", "Bench Corp", "--reason", "price", "--said", "Too expensive", "--follow-up", "in 2 weeks"}},
		{"journal-n20", false, []string{"journal", "--print", "-n", "20"}},
		{"search-hidden", false, []string{"journal", "--print", "--search", "hidden"}},
		{"search-hidden-json", false, []string{"journal", "--json", "--search", "hidden"}},
		{"streak-print", false, []string{"streak", "--print"}},
		{"streak-json", false, []string{"streak", "--json"}},
		{"insights-all", false, []string{"insights", "--json", "--period", "all"}},
		{"followups-json", false, []string{"followups", "--json"}},
		{"followups-print", false, []string{"followups", "--print"}},
		{"version", false, []string{"--version"}},
	}
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			for _, n := range cliBenchSizes() {
				b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
					db := cliDemoJournal(b, n)
					if op.write {
						data, err := os.ReadFile(db)
						if err != nil {
							b.Fatal(err)
						}
						db = filepath.Join(b.TempDir(), "rebound.db")
						if err := os.WriteFile(db, data, 0o600); err != nil {
							b.Fatal(err)
						}
						runBench(b, db, op.args...) // today's automatic backup, outside the loop
					}
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						runBench(b, db, op.args...)
					}
				})
			}
		})
	}
}
