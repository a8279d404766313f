package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// seedOdds logs sales No's of kind not-now: n of them, of which turned
// reached maybe or yes at some point (one went back to closed: it still
// counts), the first with a follow-up due today; and one job not-now No
// with a follow-up, whose odds must count job's No's only.
func seedOdds(t *testing.T, db string, n, turned int) {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	at := fuNow.Add(-48 * time.Hour)
	for i := range n {
		no := journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Kind: journal.KindNotNow}
		if i == 0 {
			no.FollowUp = "2026-11-23"
		}
		if err := st.AddNo(&no, at); err != nil {
			t.Fatal(err)
		}
		if i < turned {
			no.SetOutcome(journal.OutcomeMaybe, at)
			if i == 1 {
				no.SetOutcome(journal.OutcomeClosed, at.Add(time.Hour))
			}
			if err := st.UpdateNo(&no, at); err != nil {
				t.Fatal(err)
			}
		}
	}
	job := journal.No{Who: "Globex", Date: "2026-11-01", Mode: "job", Kind: journal.KindNotNow, FollowUp: "2026-11-24"}
	if err := st.AddNo(&job, at); err != nil {
		t.Fatal(err)
	}
}

func TestFollowUpOddsCountTheKindInTheNosMode(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n, turned int
		odds      map[string]any // of the sales follow-up; nil: no key
		line      string
	}{
		{9, 3, nil, ""}, // below 10 No's of the kind: nothing shown
		{23, 5, map[string]any{"turned": 5.0, "total": 23.0}, "not now: 5 of 23 turned around"},
	} {
		db := filepath.Join(t.TempDir(), "rebound.db")
		seedOdds(t, db, c.n, c.turned)
		var items []map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, db, "followups", "--json")), &items); err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 || items[0]["who"] != "Acme" || items[1]["who"] != "Globex" {
			t.Fatalf("items %v", items)
		}
		got, has := items[0]["odds"]
		if c.odds == nil && has || c.odds != nil && !jsonEqual(got, c.odds) {
			t.Errorf("%d No's, %d turned: odds %v, want %v", c.n, c.turned, got, c.odds)
		}
		if _, has := items[1]["odds"]; has {
			t.Errorf("the job follow-up has odds %v from sales' No's", items[1]["odds"])
		}
		text := mustRun(t, db, "followups", "--print")
		if c.line != "" && !strings.Contains(text, "         "+c.line+"\n") || c.line == "" && strings.Contains(text, "turned around") {
			t.Errorf("%d No's, %d turned: text\n%s\nwant the line %q", c.n, c.turned, text, c.line)
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
