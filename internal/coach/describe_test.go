package coach

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestTagline(t *testing.T) {
	for _, tt := range []struct{ desc, want string }{
		{"For sellers: cold calls and demos.", "for sellers"},
		{"  Job hunting. Interviews too.", "job hunting"},
		{"No stop at all", "no stop at all"},
		{"", ""},
	} {
		if got := (&Mode{Description: tt.desc}).Tagline(); got != tt.want {
			t.Errorf("Tagline(%q) = %q, want %q", tt.desc, got, tt.want)
		}
	}
}

func TestProspectSummary(t *testing.T) {
	yes, open := journal.No{Outcome: journal.OutcomeYes}, journal.No{Outcome: journal.OutcomeOpen}
	win := journal.Win{What: "Renewal"}
	for _, tt := range []struct {
		nos  []journal.No
		wins []journal.Win
		want string
	}{
		{nil, nil, "0 No's"},
		{[]journal.No{open}, nil, "1 No · latest: open"},
		{[]journal.No{open, yes}, []journal.Win{win}, "2 No's · 1 win · 1 turned into a yes · latest: open"},
		{[]journal.No{yes}, []journal.Win{win, win}, "1 No · 2 wins · 1 turned into a yes · latest: yes"},
	} {
		if got := ProspectSummary(tt.nos, tt.wins); got != tt.want {
			t.Errorf("ProspectSummary(%d No's, %d wins) = %q, want %q", len(tt.nos), len(tt.wins), got, tt.want)
		}
	}
}
