package ritual

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestCareNoteOnlyAfterRoughDays(t *testing.T) {
	moods := func(ms ...int) []journal.Reflection {
		var out []journal.Reflection
		for _, m := range ms {
			out = append(out, journal.Reflection{Mood: m})
		}
		return out
	}
	if _, ok := CareNote(moods(1, 2, 2, 3, 4, 5, 3), ""); ok {
		t.Fatal("3 rough days of 7 gave the note")
	}
	if _, ok := CareNote(moods(1, 1, 0, 0, 0), ""); ok {
		t.Fatal("2 rough days gave the note")
	}
	text, ok := CareNote(moods(1, 2, 2, 1, 4, 0, 3), "Call Maya")
	if !ok || !strings.Contains(text, "4 of your last 6 moods") || !strings.Contains(text, "Your line: Call Maya.") || !strings.Contains(text, "--mood-note off") {
		t.Fatalf("note %q", text)
	}
	for _, w := range []string{"depress", "diagnos", "therapy", "must", "should"} {
		if strings.Contains(strings.ToLower(text), w) {
			t.Errorf("the note says %q: %s", w, text)
		}
	}
}
