package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestReframeExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"--db", db, "reframe", "42"}, ExitFailure}, // unknown id: the store's not-found error
		{[]string{"--db", db, "reframe", "x"}, ExitUsage},
		{[]string{"--db", db, "reframe"}, ExitUsage},
		{[]string{"--db", db, "reframe", "1", "2"}, ExitUsage},
	} {
		if got := Main(context.Background(), tc.args); got != tc.want {
			t.Errorf("rebound %s: exit %d, want %d", strings.Join(tc.args[2:], " "), got, tc.want)
		}
	}
}

func TestReframeLine(t *testing.T) {
	for _, tc := range []struct {
		n    journal.No
		want string
	}{
		{journal.No{ID: 3, Who: "Acme\x1b[2J Corp", ReframeStep: 4},
			"Draft saved on No #3 (Acme Corp) at step 4 of 9; resume with: rebound reframe 3"},
		{journal.No{ID: 3, Who: "Acme", Reason: "price", Change: "x", Lesson: "y", FollowUp: "2026-12-01"},
			"Reframed No #3 (Acme); follow up 2026-12-01."},
		{journal.No{ID: 3, Who: "Acme", Reason: "price"},
			"Saved No #3 (Acme); not reframed yet: it still needs --change and --lesson (rebound edit 3, or rebound reframe 3 again)."},
	} {
		if got := reframeLine(tc.n); got != tc.want {
			t.Errorf("reframeLine:\n got %q\nwant %q", got, tc.want)
		}
	}
}
