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
	win := journal.Win{What: "Renewal"}
	for _, tt := range []struct {
		p    journal.Prospect
		wins []journal.Win
		want string
	}{
		{journal.Prospect{}, nil, "0 No's"},
		{journal.Prospect{Total: 1, Latest: journal.OutcomeOpen}, nil, "1 No · latest: open"},
		{journal.Prospect{Total: 2, Yes: 1, Latest: journal.OutcomeOpen}, []journal.Win{win}, "2 No's · 1 win · 1 turned into a yes · latest: open"},
		{journal.Prospect{Total: 1, Yes: 1, Latest: journal.OutcomeYes}, []journal.Win{win, win}, "1 No · 2 wins · 1 turned into a yes · latest: yes"},
		// The outcome in words, not its id.
		{journal.Prospect{Total: 3, Latest: journal.OutcomeFollowingUp}, nil, "3 No's · latest: following up"},
		// The counts are every No's, not the page's.
		{journal.Prospect{Total: 5000, Yes: 400, Latest: journal.OutcomeMaybe, Nos: make([]journal.No, 20)}, nil, "5000 No's · 400 turned into a yes · latest: maybe"},
	} {
		if got := ProspectSummary(tt.p, tt.wins); got != tt.want {
			t.Errorf("ProspectSummary(%d No's, %d wins) = %q, want %q", tt.p.Total, len(tt.wins), got, tt.want)
		}
	}
}
