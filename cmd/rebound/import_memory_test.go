//go:build linux

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// importRSSLimit is the most resident memory an import may take, as the
// kernel counts it (the peak, including the binary's own pages).
const importRSSLimit = 30 << 20

// runRSS runs the binary and returns its peak resident size in bytes: the
// kernel's ru_maxrss of the child (KiB on Linux). A child started by this
// process would report at least this process's own size (Go starts children
// sharing its memory until exec, and exec keeps the larger mark), so a fresh
// copy of this test binary, small, starts it instead (rssHelper).
func runRSS(t *testing.T, db string, args ...string) (stdout, stderr string, code int, rss int64) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "rusage")
	argv, err := json.Marshal(append([]string{rebound(t), "--db", db}, args...))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "REBOUND_RSS_REPORT="+report, "REBOUND_RSS_RUN="+string(argv))
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		t.Fatalf("run %v: %v: %s", args, err, e.String())
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Sscan(string(data), &code, &rss); err != nil {
		t.Fatalf("the helper's report %q: %v", data, err)
	}
	return o.String(), e.String(), code, rss
}

// rssHelper is the copy of the test binary runRSS starts: it runs the
// command and writes its exit code and peak resident bytes to a file,
// before any test runs.
func init() {
	run, report := os.Getenv("REBOUND_RSS_RUN"), os.Getenv("REBOUND_RSS_REPORT")
	if run == "" {
		return
	}
	var argv []string
	if err := json.Unmarshal([]byte(run), &argv); err != nil || len(argv) == 0 {
		fmt.Fprintln(os.Stderr, "REBOUND_RSS_RUN:", err)
		os.Exit(1)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if err := os.WriteFile(report, []byte(fmt.Sprint(code, " ", ru.Maxrss<<10)), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// shuffledExport makes a demo journal of n No's, exports it and writes the
// export with its No's in random order (an export is in date order; a
// hand-made or merged file need not be).
func shuffledExport(t *testing.T, dir string, n int) string {
	t.Helper()
	db := filepath.Join(dir, "src.db")
	if _, errOut, code := run(t, db, "demo", "--nos", fmt.Sprint(n), "--days", "1825", "--seed", "1"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	sorted := filepath.Join(dir, "sorted.json")
	if _, errOut, code := run(t, db, "export", "--format", "json", "-o", sorted); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	f, err := os.Open(sorted)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var e map[string]json.RawMessage
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&e); err != nil {
		t.Fatal(err)
	}
	var nos []json.RawMessage
	if err := json.Unmarshal(e["nos"], &nos); err != nil {
		t.Fatal(err)
	}
	rand.New(rand.NewSource(1)).Shuffle(len(nos), func(i, j int) { nos[i], nos[j] = nos[j], nos[i] })
	if e["nos"], err = json.Marshal(nos); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "shuffled.json")
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// importWithin imports file into db and fails when the import does not
// exit 0 or takes more than importRSSLimit.
func importWithin(t *testing.T, db, file, want string) {
	t.Helper()
	out, errOut, code, rss := runRSS(t, db, "import", file)
	t.Logf("import %s: peak RSS %.1f MiB", filepath.Base(file), float64(rss)/(1<<20))
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("import: exit %d, %s%s", code, out, errOut)
	}
	if rss >= importRSSLimit {
		t.Errorf("import took %.1f MiB at its peak; the limit is %d MiB", float64(rss)/(1<<20), importRSSLimit>>20)
	}
}

func checkWell(t *testing.T, db string, nos int) {
	t.Helper()
	out, _, code := run(t, db, "doctor")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("All is well: %d No's", nos)) {
		t.Fatalf("doctor after the import: exit %d\n%s", code, out)
	}
}

// A shuffled export imports in bounded memory, and again (every No already
// there) too. TestImportMemorySoak does the same with a million No's.
func TestImportMemory(t *testing.T) {
	skipShort(t)
	dir := t.TempDir()
	file := shuffledExport(t, dir, 20000)
	db := filepath.Join(dir, "dst.db")
	importWithin(t, db, file, "Imported 20000 No's")
	importWithin(t, db, file, "Imported 0 No's")
	checkWell(t, db, 20000)
}

// Files a few times larger than the journal could ever need, or hostile:
// each is refused or imported in bounded memory.
func TestImportMemoryOfHeavyFiles(t *testing.T) {
	skipShort(t)
	dir := t.TempDir()
	heavyFiles(t, dir, 8<<20)
}

func heavyFiles(t *testing.T, dir string, size int) {
	r := rand.New(rand.NewSource(2))
	words := func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			for range 3 + r.Intn(6) {
				b.WriteByte(byte('a' + r.Intn(26)))
			}
			b.WriteByte(' ')
		}
		return b.String()
	}
	day := func(i int) string { return fmt.Sprintf("20%02d-%02d-%02d", 20+i%6, 1+i/6%12, 1+i/72%28) }
	write := func(name string, fill func(w *bufio.Writer)) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		w.WriteString(`{"format":"rebound/v1","exported_at":"2026-11-20T10:00:00Z",` + "\n")
		fill(w)
		w.WriteString("}\n")
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	t.Run("one tag the size of the file", func(t *testing.T) {
		// Refused without being held.
		big := write("big-field.json", func(w *bufio.Writer) {
			w.WriteString(`"nos":[{"date":"2026-01-02","mode":"sales","who":"A","tags":["a","b","`)
			w.WriteString(strings.Repeat("x", size))
			w.WriteString(`"]}]`)
		})
		_, errOut, code, rss := runRSS(t, filepath.Join(dir, "a.db"), "import", big)
		t.Logf("big field: peak RSS %.1f MiB", float64(rss)/(1<<20))
		if code != 2 || !strings.Contains(errOut, fmt.Sprintf("nos[0] (line 2): tag 3 is %s bytes; a tag is at most 100 bytes", commas(size))) || rss >= importRSSLimit {
			t.Errorf("big field: exit %d, %.1f MiB: %s", code, float64(rss)/(1<<20), errOut)
		}
	})
	t.Run("reflections and wins", func(t *testing.T) { manyReflectionsAndWins(t, dir, size, write, words, day) })
	t.Run("No's of distinct words", func(t *testing.T) { fullNos(t, dir, size, write, words, day) })
}

// fullNos: No's with nine fields near their limit, of words never seen
// twice, so that every word is a new search key.
func fullNos(t *testing.T, dir string, size int, write func(string, func(*bufio.Writer)) string, words func(int) string, day func(int) string) {
	n := 0
	full := write("full-nos.json", func(w *bufio.Writer) {
		w.WriteString(`"nos":[`)
		for total := 0; total < size; n++ {
			if n > 0 {
				w.WriteString(",\n")
			}
			rec := fmt.Sprintf(`{"date":%q,"mode":"sales","who":"Who %d","said":%q,"change":%q,"lesson":%q,"next":%q,"competitor_why":%q,"reason_text":%q,"offer":%q,"channel":%q,"contact":%q}`,
				day(n), n, words(60000), words(60000), words(60000), words(60000), words(60000), words(60000), words(60000), words(60000), words(60000))
			w.WriteString(rec)
			total += len(rec)
		}
		w.WriteString("]")
	})
	db := filepath.Join(dir, "b.db")
	importWithin(t, db, full, fmt.Sprintf("Imported %d No's", n))
	checkWell(t, db, n)
}

// manyReflectionsAndWins: a file of reflections and wins by the thousand.
func manyReflectionsAndWins(t *testing.T, dir string, size int, write func(string, func(*bufio.Writer)) string, words func(int) string, day func(int) string) {
	refl, wins := 0, 0
	many := write("many.json", func(w *bufio.Writer) {
		w.WriteString(`"reflections":[`)
		for total := 0; total < size/2; refl++ {
			if refl > 0 {
				w.WriteString(",\n")
			}
			rec := fmt.Sprintf(`{"date":"%04d-%02d-%02d","mood":3,"answers":[{"prompt":"What went well?","answer":%q}],"completed_at":"2026-01-01T10:00:00Z"}`,
				1900+refl/336, 1+refl%336/28, 1+refl%28, words(1500))
			w.WriteString(rec)
			total += len(rec)
		}
		w.WriteString("],\n" + `"wins":[`)
		for total := 0; total < size/2; wins++ {
			if wins > 0 {
				w.WriteString(",\n")
			}
			rec := fmt.Sprintf(`{"date":%q,"who":"Winner %d","what":%q,"mode":"sales","created_at":"%sT10:00:00Z"}`, day(wins), wins, words(300), day(wins))
			w.WriteString(rec)
			total += len(rec)
		}
		w.WriteString("]")
	})
	importWithin(t, filepath.Join(dir, "c.db"), many, fmt.Sprintf("Imported 0 No's, %d reflections and %d wins", refl, wins))
}

func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestImportMemorySoak is TestImportMemory with a million No's (about a
// gigabyte of JSON) and the heavy files at 200 MB. It takes many minutes:
// REBOUND_SOAK=1 runs it.
func TestImportMemorySoak(t *testing.T) {
	if os.Getenv("REBOUND_SOAK") == "" {
		t.Skip("REBOUND_SOAK=1 runs the million-No import")
	}
	dir := t.TempDir()
	file := shuffledExport(t, dir, 1_000_000)
	db := filepath.Join(dir, "dst.db")
	importWithin(t, db, file, "Imported 1000000 No's")
	checkWell(t, db, 1_000_000)
	heavyFiles(t, dir, 200<<20)
}
