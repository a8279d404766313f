package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Benchmarks of the app on demo journals of 1k and 10k No's, and 100k with
// REBOUND_BENCH_100K=1: the first full frame (every command the start
// returns run to completion, then View) and one keypress (Update + View)
// on each main screen.

var benchNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

func benchSizes() []int {
	sizes := []int{1000, 10000}
	if os.Getenv("REBOUND_BENCH_100K") == "1" {
		sizes = append(sizes, 100000)
	}
	return sizes
}

var (
	journalsMu sync.Mutex
	journals   = map[int]*store.Store{}
)

func demoStore(b *testing.B, n int) *store.Store {
	journalsMu.Lock()
	defer journalsMu.Unlock()
	if st, ok := journals[n]; ok {
		return st
	}
	dir, err := os.MkdirTemp("", "rebound-tui-bench-")
	if err != nil {
		b.Fatal(err)
	}
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: n, Days: 1825, Seed: 1, Today: journal.Today(benchNow)})
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "rebound.db"))
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Seed(j.Nos, j.Reflections, j.Wins, j.RestDays); err != nil {
		b.Fatal(err)
	}
	journals[n] = st
	return st
}

func benchApp(b *testing.B, n int, start common.Navigate) *Model {
	st := demoStore(b, n)
	s := common.NewStyles(true)
	ctx := &common.Context{Catalog: coach.Default(), Settings: journal.Settings{Welcomed: true},
		Now: func() time.Time { return benchNow }, Styles: &s}
	m := New(ctx, st, start)
	run(m, m.Init())
	run(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	return m
}

// run delivers msgs of cmd (and what they return) to m, skipping ticks.
func run(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 200; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runCmd(c)
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// runCmd runs c, except timers (tea.Tick, tea.Every: the file poll, cursor
// blinks), which would only wait.
func runCmd(c tea.Cmd) tea.Msg {
	name := runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name()
	if strings.Contains(name, "bubbletea/v2.Tick") || strings.Contains(name, "bubbletea/v2.Every") {
		return nil
	}
	return c()
}

func screens() []struct {
	name string
	nav  common.Navigate
} {
	return []struct {
		name string
		nav  common.Navigate
	}{
		{"home", common.Navigate{To: common.ScreenHome}},
		{"journal", common.Navigate{To: common.ScreenJournal}},
		{"insights", common.Navigate{To: common.ScreenInsights}},
		{"streak", common.Navigate{To: common.ScreenStreak}},
		{"followups", common.Navigate{To: common.ScreenFollowUps}},
	}
}

// BenchmarkFirstFrame is the app's start on a screen: build, Init with its
// store reads, the window size, and the first View.
func BenchmarkFirstFrame(b *testing.B) {
	for _, sc := range screens() {
		b.Run(sc.name, func(b *testing.B) {
			for _, n := range benchSizes() {
				b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
					demoStore(b, n)
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						m := benchApp(b, n, sc.nav)
						_ = m.View()
					}
				})
			}
		})
	}
}

// BenchmarkKeypress is one key (down, then up, alternately) on a loaded
// screen: Update, the commands it returns that do not wait, and View.
func BenchmarkKeypress(b *testing.B) {
	for _, sc := range screens() {
		b.Run(sc.name, func(b *testing.B) {
			for _, n := range benchSizes() {
				b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
					m := benchApp(b, n, sc.nav)
					keys := []tea.KeyPressMsg{tuitest.Key("down"), tuitest.Key("up")}
					b.ReportAllocs()
					b.ResetTimer()
					for i := range b.N {
						_, cmd := m.Update(keys[i%2])
						if cmd != nil {
							run(m, cmd)
						}
						_ = m.View()
					}
				})
			}
		})
	}
}

// BenchmarkJournalScroll holds the down key through the journal list: each
// press moves the cursor one row, loading the next page as it nears the
// end of what is loaded.
func BenchmarkJournalScroll(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			m := benchApp(b, n, common.Navigate{To: common.ScreenJournal})
			down := tuitest.Key("down")
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if i > 0 && i%(n-1) == 0 {
					b.StopTimer()
					m = benchApp(b, n, common.Navigate{To: common.ScreenJournal})
					b.StartTimer()
				}
				_, cmd := m.Update(down)
				if cmd != nil {
					run(m, cmd)
				}
				_ = m.View()
			}
		})
	}
}
