package coach

import (
	"github.com/rebound-coach/rebound/assets"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// TestLazyCatalogAgreesWithLoad: the embedded catalog parsed a mode at a
// time gives what Load gives, however it is asked.
func TestLazyCatalogAgreesWithLoad(t *testing.T) {
	full, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range full.ModeIDs() {
		lazy := &Catalog{modes: map[string]*Mode{}, lazy: assets.Modes}
		m, err := lazy.Mode(" " + strings.ToUpper(id) + " ")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m, full.modes[id]) {
			t.Errorf("mode %s differs when parsed alone", id)
		}
		if got := lazy.ModeIDs(); !reflect.DeepEqual(got, full.ModeIDs()) {
			t.Errorf("ids %v, want %v", got, full.ModeIDs())
		}
		if again, _ := lazy.Mode(id); again != m {
			t.Errorf("mode %s was parsed twice", id)
		}
		if !reflect.DeepEqual(lazy.Modes(), full.Modes()) {
			t.Errorf("Modes differ")
		}
	}
	lazy := &Catalog{modes: map[string]*Mode{}, lazy: assets.Modes}
	_, err = lazy.Mode("../modes/sales")
	if err == nil || !strings.Contains(err.Error(), strings.Join(full.ModeIDs(), ", ")) {
		t.Errorf("unknown mode: %v", err)
	}
	if m, _ := lazy.Mode(""); m == nil || m.ID != DefaultMode {
		t.Errorf("the empty id is not the default mode")
	}
	var wg sync.WaitGroup
	lazy = &Catalog{modes: map[string]*Mode{}, lazy: assets.Modes}
	for _, id := range append(full.ModeIDs(), full.ModeIDs()...) {
		wg.Go(func() {
			if _, err := lazy.Mode(id); err != nil {
				t.Error(err)
			}
			_ = lazy.ModeIDs()
		})
	}
	wg.Wait()
}

// TestReasonIDsWithoutParsingTheMode: a log from the command line checks
// its reason and mode from the reason ids alone, which must agree with the
// parsed mode, and must not parse the mode.
func TestReasonIDsWithoutParsingTheMode(t *testing.T) {
	full, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range full.ModeIDs() {
		lazy := &Catalog{modes: map[string]*Mode{}, lazy: assets.Modes}
		if got, err := lazy.ModeID(" " + strings.ToUpper(id)); err != nil || got != id {
			t.Errorf("ModeID(%s) = %q, %v", id, got, err)
		}
		if got, want := lazy.ReasonIDs(id), full.modes[id].ReasonIDs(); !reflect.DeepEqual(got, want) {
			t.Errorf("ReasonIDs(%s) = %v, want %v", id, got, want)
		}
		first := full.modes[id].Reasons[0].ID
		if !lazy.HasReason(id, first) || lazy.HasReason(id, "no-such-reason") {
			t.Errorf("HasReason(%s) is wrong", id)
		}
		if len(lazy.modes) != 0 {
			t.Errorf("mode %s was parsed in full", id)
		}
	}
	lazy := &Catalog{modes: map[string]*Mode{}, lazy: assets.Modes}
	if _, err := lazy.ModeID("nope"); err == nil || !strings.Contains(err.Error(), strings.Join(full.ModeIDs(), ", ")) {
		t.Errorf("unknown mode: %v", err)
	}
	if lazy.ReasonIDs("nope") != nil || lazy.HasReason("../modes/sales", "price") {
		t.Errorf("an unknown mode has reasons")
	}
}
