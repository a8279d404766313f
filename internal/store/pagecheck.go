package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bbolt's page check (tx.Check) runs in a goroutine of its own, where
// debug.SetPanicOnFault cannot reach: on a damaged page it can die with
// "fatal error: fault" and take the process with it, or loop for minutes
// on a page header claiming four billion overflow pages. So doctor runs
// it in a child process: this same executable, started with
// pageCheckEnv set, which the package's init below turns into the page
// check (before main runs, so it works in test binaries too). The child
// prints one line per problem and "done" at the end; a child that dies
// or outlives its time is killed, and walkPages (a read of the file that
// checks every bound before it follows it) then names the damaged pages.

const pageCheckEnv = "REBOUND_INTERNAL_PAGE_CHECK"

// maxPageProblems caps what the child reports; a damaged free list can
// make every page of the file a problem.
const maxPageProblems = 20000

func init() {
	if os.Getenv(pageCheckEnv) == "1" && len(os.Args) == 2 {
		os.Exit(pageCheckChild(os.Args[1], os.Stdout))
	}
}

// pageCheckChild runs bbolt's check of the file at path (a private copy:
// no lock is needed) and writes a line per problem to w.
func pageCheckChild(path string, w io.Writer) int {
	if fi, err := os.Stat(path); err == nil {
		limitMemory(fi.Size())
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		fmt.Fprintf(bw, "open: %s\n", oneLine(err.Error()))
		return 1
	}
	defer db.Close()
	defer trimMapped(db)() // stops before the close above unmaps
	n := 0
	_ = db.View(func(tx *bolt.Tx) error {
		drainTrimming(db, tx.Check(), func(err error) {
			if n++; n > maxPageProblems {
				return // drain: the check's goroutine must finish
			}
			fmt.Fprintln(bw, oneLine(err.Error()))
			if n%256 == 0 {
				bw.Flush() // a crash later still leaves these
			}
		})
		return nil
	})
	fmt.Fprintln(bw, "done")
	return 0
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// pageCheckTime is how long a child may take: bbolt checks a 100k
// journal (88 MB) in well under a second; a hang is a damaged page.
var pageCheckTime = func(size int64) time.Duration {
	return 15*time.Second + time.Duration(size/(8<<20))*time.Second
}

// pageProblems checks the pages of the bbolt file at path (a private
// copy, size bytes) and says what is wrong in words. A file pagesHealthy
// vouches for has nothing wrong with its pages and costs no child; any
// other is checked first with the bounded walk (pagewalk.go, 60 ms at
// 100k), then with bbolt's own check in a child, unless the walk found a
// page claiming more pages than the file holds, on which bbolt's check
// loops filling memory until it dies.
func pageProblems(path string, size int64) []Problem {
	if pagesHealthy(path) {
		// Whole in every way either check looks at (pageclean.go): both
		// would find nothing, so neither runs, and no child is started.
		return nil
	}
	var ps []Problem
	w, err := walkPages(path)
	if err != nil {
		ps = append(ps, Problem{"pages", fmt.Sprintf("the pages cannot be read: %v", err)})
	}
	var lines []string
	stopped := ""
	if w != nil && len(w.bad[overrunWords]) > 0 {
		stopped = "it was not run, since a page claims more pages than the file holds (it would loop on that)"
	} else if lines, stopped, err = runPageCheck(path, pageCheckTime(size)); err != nil {
		// No child to be had (no executable): the walk alone, which does
		// not read the free list.
		lines, stopped = nil, ""
	}
	if stopped != "" {
		ps = append(ps, Problem{"pages", "bbolt's page check did not finish: " + stopped})
	}
	found := describePages(lines, w)
	if stopped != "" && len(found) == 0 {
		found = append(found, Problem{"pages", "no page was found damaged by a bounded read of the tree; the damage may be in the free list"})
	}
	return append(ps, found...)
}

// runPageCheck runs the child; stopped says how it ended when it did not
// finish ("" when it did).
func runPageCheck(path string, limit time.Duration) (lines []string, stopped string, err error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, path)
	cmd.Env = append(os.Environ(), pageCheckEnv+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &capped{w: &errOut, n: 4 << 10}
	runErr := cmd.Run()
	text := strings.TrimSuffix(out.String(), "\n")
	if text != "" {
		lines = strings.Split(text, "\n")
	}
	if len(lines) > 0 && lines[len(lines)-1] == "done" && runErr == nil {
		return lines[:len(lines)-1], "", nil
	}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return lines, fmt.Sprintf("it ran for %v without finishing and was stopped", limit), nil
	case len(lines) == 1 && strings.HasPrefix(lines[0], "open: "):
		return nil, "bbolt could not open the file (" + strings.TrimPrefix(lines[0], "open: ") + ")", nil
	case errors.As(runErr, &ee):
		return lines, firstFatal(errOut.String()), nil
	case runErr != nil:
		return nil, "", runErr
	}
	return lines, "it ended early", nil
}

// firstFatal says why the child died, from the runtime's crash output.
func firstFatal(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "runtime: out of memory") || strings.Contains(l, "out of memory") {
			return "it ran out of memory on a damaged page"
		}
		if r, ok := strings.CutPrefix(l, "fatal error: "); ok {
			if r == "fault" {
				return "it crashed reading outside the file at a damaged page"
			}
			return "it crashed on a damaged page (" + r + ")"
		}
	}
	return "it was killed"
}

// capped keeps the first n bytes written to it.
type capped struct {
	w io.Writer
	n int
}

func (c *capped) Write(p []byte) (int, error) {
	if c.n > 0 {
		k := min(len(p), c.n)
		c.w.Write(p[:k])
		c.n -= k
	}
	return len(p), nil
}

// pageMessage is what bbolt's check says of a page, and our words for it.
type pageMessage struct {
	re    *regexp.Regexp
	words string
}

// What bbolt's check says, with the words for it. Page numbers are
// grouped by what is wrong with them. Compiled when first needed: every
// process start would pay for them.
var pageMessages = sync.OnceValue(func() []pageMessage {
	return []pageMessage{
		{regexp.MustCompile(`^page (\d+): already freed`), "listed twice in the free list"},
		{regexp.MustCompile(`^page (\d+): unreachable unfreed`), "neither in use nor free (space is lost, no data)"},
		{regexp.MustCompile(`^page (\d+): out of bounds`), "referred to beyond the end of the used pages"},
		{regexp.MustCompile(`^page (\d+): multiple references`), "used twice"},
		{regexp.MustCompile(`^page (\d+): reachable freed`), "in use but also listed as free (a later write could overwrite them)"},
		{regexp.MustCompile(`^page (\d+): invalid type`), "not data pages where data pages should be"},
		{regexp.MustCompile(`^unexpected page type \(flags: [0-9a-f]+\) for pgId:(\d+)`), "not data pages where data pages should be"},
		{regexp.MustCompile(`(?:leaf|branch) page\((\d+)\)`), "holding keys out of order"},
		{regexp.MustCompile(`Page expected to be: (\d+)`), "headed with another page's number"},
		{regexp.MustCompile(`^page (\d+): has unexpected type`), "of an unknown type"},
	}
})

// describePages turns what the walk found and bbolt's check lines into
// problems: one per kind of damage, naming its pages as ranges.
func describePages(lines []string, w *pageWalk) []Problem {
	byWords := map[string][]uint64{}
	var order []string
	if w != nil {
		for _, words := range w.order {
			order = append(order, words)
			byWords[words] = slices.Clone(w.bad[words])
		}
	}
	var other []Problem
	for _, l := range lines {
		matched := false
		for _, m := range pageMessages() {
			if sub := m.re.FindStringSubmatch(l); sub != nil {
				id, _ := strconv.ParseUint(sub[1], 10, 64)
				if _, ok := byWords[m.words]; !ok {
					order = append(order, m.words)
				}
				byWords[m.words] = append(byWords[m.words], id)
				matched = true
				break
			}
		}
		if !matched && len(other) < maxPerKind {
			other = append(other, Problem{"pages", "bbolt's page check: " + strings.TrimPrefix(l, "panic: ")})
		}
	}
	var ps []Problem
	for _, w := range order {
		ps = append(ps, Problem{"pages", pagesSentence(byWords[w], w)})
	}
	if len(lines) >= maxPageProblems {
		ps = append(ps, Problem{"pages", fmt.Sprintf("(the page check stopped listing after %d problems)", maxPageProblems)})
	}
	return append(ps, other...)
}

// pagesSentence says "pages 812–815 and 900 are damaged: words".
func pagesSentence(ids []uint64, words string) string {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.FormatUint(ids[i], 10))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", ids[i], ids[j]))
		}
		i = j + 1
	}
	const show = 8
	list := strings.Join(parts[:min(len(parts), show)], ", ")
	if len(parts) > show {
		list += fmt.Sprintf(" and %d more ranges", len(parts)-show)
	}
	noun, verb := "pages", "are"
	if len(ids) == 1 {
		noun, verb = "page", "is"
	}
	if len(parts) > 1 {
		list += fmt.Sprintf(" (%d in all)", len(ids))
	}
	return fmt.Sprintf("%s %s %s damaged: %s", noun, list, verb, words)
}

// drainTrimming receives every error of ch while keeping db's map trimmed.
// bbolt's check maps all of a 100k journal (88 MiB) in about 25 ms,
// faster than trimMapped's timer is served at process start, so while it
// runs the receiving goroutine trims between polls on the other core.
func drainTrimming(db *bolt.DB, ch <-chan error, f func(error)) {
	trim, ok := trimmers.Load(db)
	if !ok {
		for err := range ch {
			f(err)
		}
		return
	}
	for {
		select {
		case err, open := <-ch:
			if !open {
				return
			}
			f(err)
		default:
			trim.(func())()
			runtime.Gosched()
		}
	}
}
