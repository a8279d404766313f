package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// readLoop reads (home + a page) until ctx ends, like a busy TUI would, and
// reports the first error.
func readLoop(ctx context.Context, s *Store) (reads int, err error) {
	for ctx.Err() == nil {
		if _, err := s.Home(journal.Today(t0)); err != nil {
			return reads, err
		}
		if _, _, err := s.ListNos(Query{Limit: 20}); err != nil {
			return reads, err
		}
		reads++
	}
	return reads, nil
}

func TestSecondStoreWritesWhileFirstReads(t *testing.T) {
	reader := newStore(t)
	writer, err := Open(reader.Path())
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var reads int
	var readErr error
	wg.Add(1)
	go func() { defer wg.Done(); reads, readErr = readLoop(ctx, reader) }()
	const n = 40
	for i := range n {
		if err := writer.AddNo(&journal.No{Who: fmt.Sprint("writer ", i)}, t0); err != nil {
			t.Errorf("write %d: %v", i, err) // ErrBusy would show here
		}
	}
	cancel()
	wg.Wait()
	if readErr != nil {
		t.Errorf("reader: %v", readErr)
	}
	if c, _ := reader.Count(); c != n {
		t.Errorf("count %d, want %d", c, n)
	}
	t.Logf("%d reads during %d writes", reads, n)
}

// TestHelperProcess is the second process of TestSecondProcessWrites.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv("REBOUND_STORE_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	n, _ := strconv.Atoi(os.Getenv("REBOUND_STORE_HELPER_N"))
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for i := range n {
		if err := s.AddNo(&journal.No{Who: fmt.Sprint("process ", i)}, time.Now()); err != nil {
			fmt.Fprintln(os.Stderr, "write", i, err)
			if errors.Is(err, ErrBusy) {
				os.Exit(4)
			}
			os.Exit(5)
		}
	}
}

func TestSecondProcessWrites(t *testing.T) {
	s := newStore(t)
	const n = 40
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "REBOUND_STORE_HELPER_DB="+s.Path(), "REBOUND_STORE_HELPER_N="+strconv.Itoa(n))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var reads int
	var readErr error
	wg.Add(1)
	go func() { defer wg.Done(); reads, readErr = readLoop(ctx, s) }()
	out, err := cmd.CombinedOutput()
	cancel()
	wg.Wait()
	if err != nil {
		t.Fatalf("second process: %v\n%s", err, out)
	}
	if readErr != nil {
		t.Errorf("reader: %v", readErr)
	}
	if c, _ := s.Count(); c != n {
		t.Errorf("count %d, want %d", c, n)
	}
	t.Logf("%d reads during the second process's %d writes", reads, n)
}
