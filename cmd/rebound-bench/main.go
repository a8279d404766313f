// Command rebound-bench times whole rebound processes against a journal
// (by default a 100,000-No demo journal it builds once) and prints a table:
// median wall time over several runs and the peak RSS of any run.
//
//	go build -o /tmp/rebound ./cmd/rebound
//	go run ./cmd/rebound-bench -bin /tmp/rebound -db /tmp/bench-100k.db -nos 100000
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/creack/pty"
	bolt "go.etcd.io/bbolt"
)

func main() {
	bin := flag.String("bin", "", "the rebound binary to time (required)")
	db := flag.String("db", filepath.Join(os.TempDir(), "rebound-bench-100k.db"), "the journal; made with rebound demo when missing")
	nos := flag.Int("nos", 100000, "No's in the demo journal when it has to be made")
	runs := flag.Int("runs", 15, "runs per operation")
	word := flag.String("word", "hidden", "the word to search for")
	childRuns := flag.Int("child", 0, "internal: run the arguments this many times and print time and peak RSS")
	noop := flag.Bool("noop", false, "internal: exit at once (the floor a start can reach)")
	floorDB := flag.String("floor", "", "internal: open this bbolt file, put one key, commit, exit (the floor a write can reach)")
	growthDBs := flag.String("growth", "", "journals of growing size, comma-separated: print the growth table of what screens show (growth.go)")
	flag.Parse()
	if *growthDBs != "" && *bin != "" {
		if err := growth(os.Stdout, *bin, strings.Split(*growthDBs, ","), *runs); err != nil {
			fmt.Fprintln(os.Stderr, "rebound-bench:", err)
			os.Exit(1)
		}
		return
	}
	if *childRuns > 0 {
		child(*childRuns, flag.Args())
		return
	}
	if *noop {
		return
	}
	if *floorDB != "" {
		floor(*floorDB)
		return
	}
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "rebound-bench: -bin is required (go build -o /tmp/rebound ./cmd/rebound)")
		os.Exit(2)
	}
	if _, err := os.Stat(*db); os.IsNotExist(err) {
		start := time.Now()
		cmd := exec.Command(*bin, "--db", *db, "demo", "--nos", fmt.Sprint(*nos), "--days", "1825", "--seed", "1")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "rebound-bench: demo:", err)
			os.Exit(1)
		}
		fmt.Printf("demo journal of %d No's made in %v\n", *nos, time.Since(start).Round(time.Millisecond))
	}
	fi, err := os.Stat(*db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rebound-bench:", err)
		os.Exit(1)
	}
	count := countNos(*bin, *db)

	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "rebound-bench:", err)
		os.Exit(1)
	}
	floorFile := filepath.Join(os.TempDir(), "rebound-bench-floor.db")
	defer os.Remove(floorFile)
	scratch, err := os.MkdirTemp("", "rebound-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "rebound-bench:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(scratch)
	exportFile := filepath.Join(scratch, "export.json")
	demoFile := filepath.Join(scratch, "demo.db")
	importFile := filepath.Join(scratch, "import.db")

	type op struct {
		name, target string
		args         []string
		bin          string // "" is rebound
		runs         int    // 0 is -runs
	}
	ops := []op{
		{"rebound log with flags", "≤ 3 ms", []string{"log", "--who", "Bench Corp", "--reason", "price", "--said", "Too expensive", "--follow-up", "in 2 weeks"}, "", 0},
		{"journal --print -n 20", "≤ 3 ms", []string{"journal", "--print", "-n", "20"}, "", 0},
		{"journal --print --search " + *word, "≤ 28 ms", []string{"journal", "--print", "--search", *word}, "", 0},
		{"streak --print", "≤ 10 ms", []string{"streak", "--print"}, "", 0},
		{"streak --json", "≤ 10 ms", []string{"streak", "--json"}, "", 0},
		{"insights --json --period all", "≤ 25 ms", []string{"insights", "--json", "--period", "all"}, "", 0},
		{"followups --json", "—", []string{"followups", "--json"}, "", 0},
		{"--version (process start)", "—", []string{"--version"}, "", 0},
		{"journal --print (all, peak RSS)", "≤ 30 MiB", []string{"journal", "--print"}, "", 5},
		{"export --format json (all, peak RSS)", "≤ 30 MiB", []string{"export", "--format", "json", "-o", exportFile}, "", 3},
		{"doctor (full check, peak RSS)", "≤ 30 MiB", []string{"doctor"}, "", 5},
		// Whole-journal writes, once each into a new file.
		{"demo --nos 100000 (new file, peak RSS)", "≤ 15 s, ≤ 30 MiB", []string{"--db", demoFile, "demo", "--nos", "100000", "--days", "1825"}, *bin, -1},
		{"import of that export (new file, peak RSS)", "≤ 30 MiB", []string{"--db", importFile, "import", exportFile}, *bin, -1},
		{"import again (all already there)", "≤ 30 MiB", []string{"--db", importFile, "import", exportFile}, *bin, -1},
		// The floors: this program, a small Go binary, doing the least a
		// write or a start can do, timed the same way.
		{"floor: Go process, bbolt open+put+commit", "—", []string{"-floor", floorFile}, self, 0},
		{"floor: Go process start", "—", []string{"-noop"}, self, 0},
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "operation\tmedian\tmin\tpeak RSS (median run)\ttarget\n")
	fmt.Fprintf(w, "---\t---\t---\t---\t---\n")
	for _, o := range ops {
		b, n := *bin, *runs
		if o.bin != "" {
			b = o.bin
		}
		if o.runs != 0 {
			n = max(0, o.runs)
		}
		r, err := timeRuns(b, *db, o.args, n, o.bin == "")
		if err != nil {
			fmt.Fprintf(w, "%s\tfailed: %v\t\t\t%s\n", o.name, err, o.target)
			continue
		}
		rss := fmt.Sprintf("%.1f MiB", r.rssMed)
		if r.rssMax-r.rssMed >= 0.5 {
			rss += fmt.Sprintf(" (max %.1f)", r.rssMax)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", o.name, ms(r.med), ms(r.lo), rss, o.target)
	}
	if med, lo, err := firstFrame(*bin, *db, *runs); err == nil {
		fmt.Fprintf(w, "app start to first full frame\t%s\t%s\t\t≤ 20 ms\n", ms(med), ms(lo))
	} else {
		fmt.Fprintf(w, "app start to first full frame\tfailed: %v\t\t\t≤ 20 ms\n", err)
	}
	w.Flush()
	fmt.Printf("\njournal: %s, %d No's, %.1f MiB, %d bytes per No (target ≤ 1024)\n",
		*db, count, float64(fi.Size())/(1<<20), fi.Size()/int64(max(1, count)))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func countNos(bin, db string) int {
	out, err := exec.Command(bin, "--db", db, "journal", "--print").Output()
	if err != nil {
		return 0
	}
	return bytes.Count(out, []byte("\n"))
}

// timeRuns runs the command n times (after one warm-up) and returns the
// median and fastest wall time and the peak RSS (MiB) of the median and the
// largest run; n 0 runs once, without a warm-up. The
// runs are made by a small child process (this program with -child): a
// process started with vfork+exec inherits its parent's peak RSS as its
// own starting point, so runs made from this process, which has read a
// whole journal listing, would all report at least its size.
func timeRuns(bin, db string, args []string, n int, rebound bool) (result, error) {
	self, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	if rebound {
		args = append([]string{"--db", db}, args...)
	}
	cmd := exec.Command(self, append([]string{"-child", fmt.Sprint(n + 1), bin}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, err
	}
	var times []time.Duration
	var rsss []int64
	for i, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var ns, rss int64
		if _, err := fmt.Sscan(line, &ns, &rss); err != nil {
			return result{}, fmt.Errorf("child: %q", line)
		}
		rsss = append(rsss, rss)
		if i > 0 || n == 0 { // the first run warms the cache, unless it is the only one
			times = append(times, time.Duration(ns))
		}
	}
	if len(times) == 0 {
		return result{}, fmt.Errorf("child: no runs")
	}
	slices.Sort(times)
	slices.Sort(rsss)
	return result{times[len(times)/2], times[0], float64(rsss[len(rsss)/2]) / 1024, float64(rsss[len(rsss)-1]) / 1024}, nil
}

// result is what timeRuns measured: wall times, and the peak RSS of the
// median run and of the largest (MiB).
type result struct {
	med, lo        time.Duration
	rssMed, rssMax float64
}

// floor opens path with bbolt, puts one key and commits (fsync), as the
// peers' "bbolt open+put+commit" floor.
func floor(path string) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err == nil {
		err = db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("floor"))
			if err != nil {
				return err
			}
			return b.Put([]byte(time.Now().Format(time.RFC3339Nano)), []byte("a No"))
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rebound-bench: floor:", err)
		os.Exit(1)
	}
}

// child runs argv n times and prints each run's wall time (ns) and peak
// RSS (KiB), one run a line.
func child(n int, argv []string) {
	for range n {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "rebound-bench:", strings.Join(argv, " "), err)
			os.Exit(1)
		}
		took := time.Since(start)
		var rss int64
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss
		}
		fmt.Println(took.Nanoseconds(), rss)
	}
}

// firstFrame starts the app in a pseudo-terminal and times how long until
// the home screen's figures are on screen.
func firstFrame(bin, db string, n int) (time.Duration, time.Duration, error) {
	var times []time.Duration
	for range n {
		cmd := exec.Command(bin, "--db", db)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		start := time.Now()
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
		if err != nil {
			return 0, 0, err
		}
		var got bytes.Buffer
		buf := make([]byte, 64<<10)
		deadline := time.Now().Add(5 * time.Second)
		var took time.Duration
		for time.Now().Before(deadline) {
			f.SetReadDeadline(time.Now().Add(time.Second))
			k, err := f.Read(buf)
			got.Write(buf[:k])
			if strings.Contains(got.String(), "this week") {
				took = time.Since(start)
				break
			}
			if err != nil && !os.IsTimeout(err) {
				break
			}
		}
		f.Write([]byte("q"))
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		f.Close()
		if took == 0 {
			return 0, 0, fmt.Errorf("no home screen within 5 s")
		}
		times = append(times, took)
	}
	slices.Sort(times)
	return times[len(times)/2], times[0], nil
}
