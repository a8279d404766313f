package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// growth times what each screen or command shows, as whole processes, on
// journals of growing size (made with `rebound demo --nos N --days 1825
// --seed 1`), and prints a Markdown table: the median wall time of runs
// (after a warm-up) and the peak RSS of the largest run, per size, and the
// largest size's time over the smallest's. A cost bounded by what is
// shown keeps that ratio near 1.
//
//	go build -o /tmp/rebound ./cmd/rebound
//	for n in 10000 100000 1000000; do /tmp/rebound --db /tmp/b20/j$n.db demo --nos $n --days 1825 --seed 1; done
//	go run ./cmd/rebound-bench -bin /tmp/rebound -runs 5 -growth /tmp/b20/j10000.db,/tmp/b20/j100000.db,/tmp/b20/j1000000.db
func growth(w io.Writer, bin string, dbs []string, runs int) error {
	type op struct {
		name string
		args []string
	}
	ops := []op{
		{"`who \"Acme Corp\" --print`", []string{"who", "Acme Corp", "--print"}},
		{"`who \"Acme Corp\" --json`", []string{"who", "Acme Corp", "--json"}},
		{"`journal --print --search hidden -n 20`", []string{"journal", "--print", "--search", "hidden", "-n", "20"}},
		{"`insights --period all --json`", []string{"insights", "--period", "all", "--json"}},
		{"`followups --print`", []string{"followups", "--print"}},
		{"`followups --json -n 50`", []string{"followups", "--json", "-n", "50"}},
		{"`followups --due --count`", []string{"followups", "--due", "--count"}},
		{"`prep \"Acme Corp\" --json`", []string{"prep", "Acme Corp", "--json"}},
		{"`review --print`", []string{"review", "--print"}},
		{"`--version` (process start)", []string{"--version"}},
	}
	names := make([]string, len(dbs))
	for i, db := range dbs {
		names[i] = strings.TrimSuffix(filepath.Base(db), ".db")
		if _, err := os.Stat(db); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "| operation | %s | %s/%s | peak RSS at %s |\n", strings.Join(names, " | "), names[len(names)-1], names[0], names[len(names)-1])
	fmt.Fprintf(w, "|---%s|---|---|\n", strings.Repeat("|---", len(dbs)))
	row := func(name string, times []time.Duration, rss float64) {
		cells := make([]string, len(times))
		for i, t := range times {
			cells[i] = ms(t)
		}
		ratio := "—"
		if times[0] > 0 {
			ratio = fmt.Sprintf("%.2f", float64(times[len(times)-1])/float64(times[0]))
		}
		rssCell := "—"
		if rss > 0 {
			rssCell = fmt.Sprintf("%.1f MiB", rss)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, strings.Join(cells, " | "), ratio, rssCell)
	}
	for _, o := range ops {
		var times []time.Duration
		var rss float64
		for _, db := range dbs {
			r, err := timeRuns(bin, db, o.args, runs, true)
			if err != nil {
				return fmt.Errorf("%s on %s: %w", o.name, db, err)
			}
			times, rss = append(times, r.med), r.rssMax
		}
		row(o.name, times, rss)
	}
	var times []time.Duration
	for _, db := range dbs {
		med, _, err := firstFrame(bin, db, runs)
		if err != nil {
			return fmt.Errorf("first frame on %s: %w", db, err)
		}
		times = append(times, med)
	}
	row("app start to first full frame (home)", times, 0)
	return nil
}
