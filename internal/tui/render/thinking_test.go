package render

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
)

// TestStagesHeadline: "7 of 9 No's came at the interview or later"; when
// the first stage leads, its own count, since every No is "at the first
// stage or later".
func TestStagesHeadline(t *testing.T) {
	later := insights.Stages{Of: 9, Top: "interview", TopLabel: "Interview", TopCount: 4, AtOrLater: 7,
		Items: []insights.Count{{ID: "interview", Label: "Interview", Count: 4}}}
	if got := stagesBody(later, 80, Plain()); !strings.Contains(got, "7 of 9 No's with a stage came at Interview or later.") {
		t.Errorf("later:\n%s", got)
	}
	first := insights.Stages{Of: 9, Top: "applied", TopLabel: "Applied", TopCount: 5, AtOrLater: 9, TopFirst: true,
		Items: []insights.Count{{ID: "applied", Label: "Applied", Count: 5}}}
	if got := stagesBody(first, 80, Plain()); !strings.Contains(got, "5 of 9 No's with a stage came at Applied, the first stage.") {
		t.Errorf("first:\n%s", got)
	}
}

// TestReferralsSentence: over all time one funnel; over a period the
// yeses that came in it are a sentence of their own (they may come from
// referrals named before it); nothing when none was asked or came.
func TestReferralsSentence(t *testing.T) {
	for _, tc := range []struct {
		from string
		f    insights.Referrals
		want string
	}{
		{"", insights.Referrals{Asked: 12, Given: 7, Yes: 3}, "Asked for a referral after 12 No's → 7 named someone → 3 led to a deal."},
		{"", insights.Referrals{Asked: 1, Given: 1}, "Asked for a referral after 1 No → 1 named someone; none has led to a deal yet."},
		{"2026-10-25", insights.Referrals{Asked: 4, Given: 1, Yes: 2}, "Asked for a referral after 4 No's → 1 named someone. In the same 30 days, 2 referrals led to a deal."},
		{"2026-10-25", insights.Referrals{Asked: 4, Given: 1}, "Asked for a referral after 4 No's → 1 named someone."},
		{"2026-10-25", insights.Referrals{}, ""},
	} {
		r := insights.Report{From: journal.Day(tc.from), To: "2026-11-23", Thinking: insights.Thinking{Referrals: tc.f}}
		r.Words.Yes = "deal"
		if got := strings.Join(strings.Fields(referrals(r, 200, Plain())), " "); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestDriversColumns: heads stay over their counts however many digits.
func TestDriversColumns(t *testing.T) {
	th := insights.Thinking{Drivers: []insights.Driver{{ID: "price", Label: "Too expensive", Primary: 179504, Secondary: 34774}, {ID: "timing", Label: "Bad timing", Primary: 9, Secondary: 1}}}
	lines := strings.Split(drivers(th, 80, Plain()), "\n")
	head, row := lines[1], lines[2]
	for _, col := range []struct{ head, count string }{{"No's", "214278"}, {"reason", "179504"}, {"beside", "34774"}} {
		if h, c := strings.Index(head, col.head)+len(col.head), strings.Index(row, col.count)+len(col.count); h != c {
			t.Errorf("%s ends at %d, its count at %d:\n%s", col.head, h, c, strings.Join(lines, "\n"))
		}
	}
}
