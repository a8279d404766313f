package main

// A corruption fuzzer: damaged copies of a real journal (flipped bits,
// zeroed, randomised and swapped pages) through every read command of the
// built binary. Whatever the damage, no command may crash (a Go panic or
// fatal error, a death by signal), hang, or change the file it reads.

import (
	"bytes"
	"context"
	"crypto/sha256"
	bin "encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// damage makes one damaged copy of data (a bbolt file of pages of size
// page) and says what it did.
func damage(rng *rand.Rand, data []byte, page int) ([]byte, string) {
	out := bytes.Clone(data)
	pages := len(out) / page
	// Pages 0 and 1 are the metas: hit them now and then, the data mostly.
	pick := func() int {
		if rng.IntN(20) == 0 {
			return rng.IntN(2)
		}
		return 2 + rng.IntN(pages-2)
	}
	switch kind := rng.IntN(5); kind {
	case 4:
		// A page header's count or overflow, the bytes bbolt trusts most.
		p := pick()
		off := p*page + []int{10, 11, 14, 15}[rng.IntN(4)]
		out[off] ^= 1 << rng.IntN(8)
		return out, fmt.Sprintf("header flip %d@%d", p, off-p*page)
	case 0:
		n := 1 + rng.IntN(8)
		var where []string
		for range n {
			p := pick()
			off := p*page + rng.IntN(page)
			if rng.IntN(2) == 0 { // a page header: id, flags, count, overflow
				off = p*page + rng.IntN(16)
			}
			out[off] ^= 1 << rng.IntN(8)
			where = append(where, fmt.Sprintf("%d@%d", p, off-p*page))
		}
		return out, "flip bits " + strings.Join(where, ",")
	case 1:
		p := pick()
		clear(out[p*page : (p+1)*page])
		return out, fmt.Sprintf("zero page %d", p)
	case 2:
		p := pick()
		for i := p * page; i < (p+1)*page; i++ {
			out[i] = byte(rng.Uint32())
		}
		return out, fmt.Sprintf("randomise page %d", p)
	default:
		p, q := pick(), pick()
		tmp := bytes.Clone(out[p*page : (p+1)*page])
		copy(out[p*page:(p+1)*page], out[q*page:(q+1)*page])
		copy(out[q*page:(q+1)*page], tmp)
		return out, fmt.Sprintf("swap pages %d and %d", p, q)
	}
}

// crashed reports how a finished command crashed, or "".
func crashed(stderr string, err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return "killed by " + ws.Signal().String()
		}
	}
	for _, bad := range []string{"fatal error", "panic:", "goroutine ", "SIGSEGV", "runtime."} {
		if strings.Contains(stderr, bad) {
			return fmt.Sprintf("printed %q", bad)
		}
	}
	return ""
}

func TestCorruptionFuzz(t *testing.T) {
	skipShort(t)
	t.Parallel()
	exe := rebound(t) // the workers below must not skip or fail the test
	files, perCmd := 40, 20*time.Second
	if os.Getenv("REBOUND_SOAK") != "" {
		files = 500
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if _, errOut, code := run(t, good, "demo", "--nos", "300", "--days", "200", "--seed", "3"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	var nos []listed
	out, _, _ := run(t, good, "journal", "--json")
	if err := json.Unmarshal([]byte(out), &nos); err != nil || len(nos) != 300 {
		t.Fatalf("journal --json: %v (%d No's)", err, len(nos))
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	page := int(bin.LittleEndian.Uint32(data[16+8:])) // page header, magic, version
	if page < 512 || len(data)%page != 0 {
		t.Fatalf("page size %d for a file of %d bytes", page, len(data))
	}
	commands := [][]string{
		{"doctor"},
		{"export", "--format", "json"},
		{"export", "--format", "csv"},
		{"export", "--format", "md"},
		{"journal", "--print"},
		{"journal", "--json"},
		{"show", fmt.Sprint(nos[len(nos)/2].ID)},
		{"insights", "--print"},
		{"streak", "--print"},
		{"followups", "--print"},
		{"who", nos[0].Who, "--print"},
		{"backup", "BACKUP"},
		{"prep", nos[0].Who, "--print"},
		{"review", "--print"},
		{"experiment", "list"},
		{"followups", "--due", "--count"},
		{"followups", "--ics", "-o", "BACKUP"},
		{"journal", "--kind", "not-now", "--reason", "price", "--print"},
	}

	type result struct{ crashes, hangs, changed, runs, failed int }
	var (
		mu    sync.Mutex
		total result
		kinds = map[string]int{}
		exits = map[string]map[int]int{}
	)
	seed := uint64(7)
	if v, err := strconv.ParseUint(os.Getenv("REBOUND_FUZZ_SEED"), 10, 64); err == nil {
		seed = v
	}
	rng := rand.New(rand.NewPCG(seed, 11))
	type job struct {
		n    int
		data []byte
		what string
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for j := range jobs {
				path := filepath.Join(dir, fmt.Sprintf("bad-%d", j.n), "rebound.db")
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					t.Error(err)
					return
				}
				if err := os.WriteFile(path, j.data, 0o600); err != nil {
					t.Error(err)
					return
				}
				sum := sha256.Sum256(j.data)
				for _, args := range commands {
					args = append([]string(nil), args...)
					for i, a := range args {
						if a == "BACKUP" {
							args[i] = filepath.Join(dir, fmt.Sprintf("bad-%d", j.n), "copy.db")
						}
					}
					ctx, cancel := context.WithTimeout(context.Background(), perCmd)
					cmd := exec.CommandContext(ctx, exe, append([]string{"--db", path}, args...)...)
					cmd.Env = append(os.Environ(), "NO_COLOR=1")
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					err := cmd.Run()
					hung := ctx.Err() != nil
					cancel()
					mu.Lock()
					total.runs++
					code := cmd.ProcessState.ExitCode()
					if exits[args[0]] == nil {
						exits[args[0]] = map[int]int{}
					}
					exits[args[0]][code]++
					if code != 0 {
						total.failed++
					}
					how := crashed(stderr.String(), err)
					if keep := os.Getenv("REBOUND_FUZZ_KEEP"); keep != "" && (hung || how != "") {
						_ = os.WriteFile(filepath.Join(keep, fmt.Sprintf("bad-%d.db", j.n)), j.data, 0o600)
					}
					switch {
					case hung:
						total.hangs++
						t.Errorf("file %d (%s): %v hung for %v", j.n, j.what, args, perCmd)
					case how != "":
						total.crashes++
						t.Errorf("file %d (%s): %v crashed (%s):\n%.600s", j.n, j.what, args, how, stderr.String())
					}
					mu.Unlock()
				}
				after, err := os.ReadFile(path)
				if err == nil && sha256.Sum256(after) != sum {
					mu.Lock()
					total.changed++
					mu.Unlock()
					t.Errorf("file %d (%s): a read command changed the file", j.n, j.what)
				}
				os.RemoveAll(filepath.Dir(path))
			}
		})
	}
	start := time.Now()
	for n := range files {
		d, what := damage(rng, data, page)
		kinds[strings.Fields(what)[0]]++
		jobs <- job{n, d, what}
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d damaged files (%v), %d runs of %d read commands in %v: %d crashes, %d hangs, %d files changed, %d runs exited non-zero",
		files, kinds, total.runs, len(commands), time.Since(start).Round(time.Second), total.crashes, total.hangs, total.changed, total.failed)
	t.Logf("exit codes by command: %v", exits)
}

// TestExportSalvagesADamagedJournal: with one page of No's zeroed, export
// writes every other No, names each lost one on stderr and exits 1; what
// it wrote imports into a new journal whole.
func TestExportSalvagesADamagedJournal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if _, errOut, code := run(t, src, "demo", "--nos", "400", "--days", "200", "--seed", "4"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	if _, errOut, code := run(t, src, "log", "--who", "Needle Corp", "--said", "the needle in the haystack"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	// A compacted copy has no free pages holding old copies of records:
	// the needle is on the one page that holds it.
	db := filepath.Join(dir, "rebound.db")
	from, err := bolt.Open(src, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	to, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bolt.Compact(to, from, 1<<20); err != nil {
		t.Fatal(err)
	}
	from.Close()
	to.Close()
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	page := int(bin.LittleEndian.Uint32(data[16+8:]))
	at := bytes.Index(data, []byte("the needle in the haystack"))
	if at < 0 || bytes.Contains(data[at+1:], []byte("the needle in the haystack")) {
		t.Fatal("the needle is not on exactly one page")
	}
	p := at / page
	clear(data[p*page : (p+1)*page])
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "saved.json")
	_, errOut, code := run(t, db, "export", "--format", "json", "-o", out)
	if code != 1 {
		t.Fatalf("export of a damaged journal: exit %d (want 1)\n%s", code, errOut)
	}
	lost := strings.Count(errOut, "could not be read (it is on a damaged page) and was left out.")
	if lost == 0 || !strings.Contains(errOut, "everything else was written") {
		t.Fatalf("the lost No's are not named:\n%s", errOut)
	}
	fresh := filepath.Join(dir, "fresh.db")
	if _, errOut, code := run(t, fresh, "import", out); code != 0 {
		t.Fatalf("import of the salvaged export: %s", errOut)
	}
	if got := len(journalJSON(t, fresh)); got != 401-lost {
		t.Fatalf("the salvaged export holds %d No's; want 401 - %d lost", got, lost)
	}
	t.Logf("a zeroed page lost %d of 401 No's; the other %d were exported and imported", lost, 401-lost)
}
