package journal

import (
	"strings"
	"testing"
)

// TestScalesSayTheirDirection: each scale's words say which end is which,
// and the two run opposite ways (5 is the worst sting, 1 the worst mood).
func TestScalesSayTheirDirection(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ got, want string }{
		{StingLabel(1), "1 — barely"},
		{StingLabel(5), "5 — it really stung"},
		{MoodLabel(1), "1 — rough"},
		{MoodLabel(5), "5 — strong"},
		{Sting(4), "4/5, it hurt a lot"},
		{Mood(2), "2/5, low"},
		{Sting(0), ""}, {Mood(6), ""}, {StingLabel(0), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	for _, scale := range []string{StingScale, MoodScale} {
		if !strings.HasPrefix(scale, "1 ") || !strings.Contains(scale, " 5 ") {
			t.Errorf("%q does not name both ends", scale)
		}
	}
	if !strings.Contains(StingScale, "5 it really stung") || !strings.Contains(MoodScale, "1 rough") {
		t.Errorf("the worst ends: %q, %q", StingScale, MoodScale)
	}
}
