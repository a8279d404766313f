package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestInsightsThinkingJSON: No's logged with the thought record, stages
// and a referral, a win through that referral and reflections that say
// whether the intention was kept come out of `insights --json` and
// `--print` in the job mode's words.
func TestInsightsThinkingJSON(t *testing.T) {
	db, st := progressDB(t)
	today := journal.Day("2026-11-23")
	add := func(n journal.No) {
		t.Helper()
		n.Mode, n.Who, n.Reason, n.Change, n.Lesson = "job", "Initech", "experience", "a role one level lower", "lead with results"
		if err := st.AddNo(&n, progressNow); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 12 { // this period: fortune telling 3 times, sting eased more with the record
		n := journal.No{Date: today.AddDays(-i), Feeling: 4, FeelingAfter: 3, Stage: "interview"}
		if i < 6 {
			n.Thought, n.FeelingAfter = "I'll never get past the interview", 1
		}
		if i < 3 {
			n.Traps = []string{"fortune-telling"}
		}
		if i == 11 {
			n.Stage = "applied"
		}
		add(n)
	}
	for i := range 8 { // the 30 days before: fortune telling 8 times
		add(journal.No{Date: today.AddDays(-35 - i), Thought: "never", Traps: []string{"fortune-telling"}})
	}
	for _, d := range []journal.Day{"2026-11-20", "2026-11-21", "2026-11-22"} {
		if _, err := st.SaveReflection(journal.Reflection{Date: d, Intention: "Send two applications", IntentionKept: map[journal.Day]journal.IntentionKept{
			"2026-11-20": journal.KeptYes, "2026-11-21": journal.KeptPartly, "2026-11-22": journal.KeptYes}[d]}); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runProgressCLI(t, db, "--mode", "job", "log", "--who", "Hooli", "--reason", "fit", "--stage", "final-round",
		"--referral", "Grace, hiring at Hooli", "--date", "2026-11-20")
	if code != 0 {
		t.Fatalf("log: exit %d %s%s", code, out, errOut)
	}
	if _, errOut, code = runProgressCLI(t, db, "--mode", "job", "win", "--who", "Grace's team", "--referral-from", "21"); code != 0 {
		t.Fatalf("win: exit %d %s", code, errOut)
	}

	out, errOut, code = runProgressCLI(t, db, "--mode", "job", "insights", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		ThoughtRecords struct {
			Reframes   int
			WithRecord int `json:"with_record"`
		} `json:"thought_records"`
		Traps []struct {
			Trap, Label     string
			Count, Of, Prev int
			PrevOf          int `json:"prev_of"`
		} `json:"traps"`
		StingDrop struct {
			Shown bool
			With  struct {
				Reframes    int
				AverageDrop *float64 `json:"average_drop"`
			} `json:"with_record"`
			Without struct {
				AverageDrop *float64 `json:"average_drop"`
			} `json:"without_record"`
		} `json:"sting_drop"`
		Referrals struct{ Asked, Given, Yes int }
		Stages    struct {
			Of        int
			Top       string
			AtOrLater int `json:"at_or_later"`
		}
		Intentions struct{ Yes, Partly, Total int } `json:"intentions_kept"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.ThoughtRecords.Reframes != 12 || got.ThoughtRecords.WithRecord != 6 {
		t.Errorf("thought records %+v", got.ThoughtRecords)
	}
	if len(got.Traps) != 1 || got.Traps[0].Trap != "fortune-telling" || got.Traps[0].Label != "Fortune telling" ||
		got.Traps[0].Count != 3 || got.Traps[0].Of != 12 || got.Traps[0].Prev != 8 || got.Traps[0].PrevOf != 8 {
		t.Errorf("traps %+v", got.Traps)
	}
	s := got.StingDrop
	if !s.Shown || s.With.Reframes != 6 || s.With.AverageDrop == nil || *s.With.AverageDrop != 3 || *s.Without.AverageDrop != 1 {
		t.Errorf("sting %+v", s)
	}
	if got.Referrals.Asked != 1 || got.Referrals.Given != 1 || got.Referrals.Yes != 1 {
		t.Errorf("referrals %+v", got.Referrals)
	}
	if got.Stages.Of != 13 || got.Stages.Top != "interview" || got.Stages.AtOrLater != 12 {
		t.Errorf("stages %+v", got.Stages)
	}
	if got.Intentions.Yes != 2 || got.Intentions.Partly != 1 || got.Intentions.Total != 3 {
		t.Errorf("intentions %+v", got.Intentions)
	}

	out, _, _ = runProgressCLI(t, db, "--mode", "job", "insights", "--print")
	for _, want := range []string{"Fortune telling in 3 of 12 reframes, down from 8.", "Thought record on 6 of 12 reframes.",
		"1 named someone. In the same 30 days, 1 referral led to a job offer.", "12 of 13 No's with a stage came at Interview or later.",
		"done 2 · partly 1 · not yet 0"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("--print lacks %q:\n%s", want, out)
		}
	}
}

// TestDemoReferralWinsNameTheirNo: a demo filled into a journal that
// already has No's gives its wins through a referral the ids their No's
// were given there, not their places in the demo.
func TestDemoReferralWinsNameTheirNo(t *testing.T) {
	db, st := progressDB(t)
	for range 3 {
		if err := st.AddNo(&journal.No{Who: "Acme", Mode: "sales", Date: "2026-11-02"}, progressNow); err != nil {
			t.Fatal(err)
		}
	}
	if _, errOut, code := runProgressCLI(t, db, "demo", "--nos", "2000", "--days", "400", "--seed", "2"); code != 0 {
		t.Fatalf("demo: exit %d %s", code, errOut)
	}
	wins, err := st.Wins()
	if err != nil {
		t.Fatal(err)
	}
	referred := 0
	for _, w := range wins {
		if w.ReferralFrom == 0 {
			continue
		}
		referred++
		n, err := st.GetNo(w.ReferralFrom)
		if err != nil || n.Referral == "" || n.Referral != w.Who || n.Date >= w.Date {
			t.Errorf("win %+v names No %d: %+v %v", w, w.ReferralFrom, n, err)
		}
	}
	if referred == 0 {
		t.Fatal("no win through a referral")
	}
}
