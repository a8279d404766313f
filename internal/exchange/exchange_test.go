package exchange

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func sample() journal.Export {
	return journal.Export{
		Format: journal.ExportFormat, ExportedAt: time.Date(2026, 11, 22, 18, 4, 5, 0, time.UTC),
		Nos: []journal.No{{ID: 1, Date: "2026-11-20", Who: "Acme, \"Corp\"\n", Said: "\x1b]0;x\x07", Outcome: "open",
			OutcomeHistory: []journal.OutcomeChange{{Outcome: "open", At: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}}}},
		Reflections: []journal.Reflection{{Date: "2026-11-20", Mood: 3}},
		Wins:        []journal.Win{}, RestDays: []journal.Day{"2026-11-21"},
	}
}

func TestParseRoundTrip(t *testing.T) {
	t.Parallel()
	data, _ := json.MarshalIndent(sample(), "", "  ")
	e, err := ParseBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if e.Nos[0].Who != "Acme, \"Corp\"\n" || e.Nos[0].Said != "\x1b]0;x\x07" || e.RestDays[0] != "2026-11-21" {
		t.Fatalf("round trip changed data: %+v", e)
	}
}

func TestParseRefusals(t *testing.T) {
	t.Parallel()
	good, _ := json.MarshalIndent(sample(), "", "  ")
	cases := []struct {
		name, data, want string
	}{
		{"newer", strings.Replace(string(good), "rebound/v1", "rebound/v2", 1), "newer Rebound"},
		{"foreign format", strings.Replace(string(good), "rebound/v1", "dnote/v3", 1), "not a Rebound export format"},
		{"no format", `{"nos": []}`, "format: missing"},
		{"truncated", string(good[:len(good)/2]), "line"},
		{"syntax", "{\n  \"format\": \"rebound/v1\",\n  \"nos\": [,]\n}", "line 3, column"},
		{"type", strings.Replace(string(good), `"id": 1`, `"id": "one"`, 1), "nos.id"},
		{"bad date", strings.Replace(string(good), `"date": "2026-11-20",`, `"date": "yesterday",`, 1), "nos[0].date"},
		{"empty who", strings.Replace(string(good), `"who": "Acme, \"Corp\"\n"`, `"who": " "`, 1), "nos[0].who"},
		{"unknown field", strings.Replace(string(good), `"mode"`, `"moode"`, 1), "unknown field"},
		{"bad outcome", strings.Replace(string(good), `"outcome": "open",`, `"outcome": "won",`, 1), "nos[0].outcome"},
		{"empty", "", "line 1"},
		{"not json", "id,who\n1,Acme\n", "line 1"},
	}
	for _, c := range cases {
		_, err := ParseBytes([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v; want it to mention %q", c.name, err, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	good, _ := json.Marshal(sample())
	f.Add(good)
	f.Add([]byte(`{"format":"rebound/v1","nos":[{"who":"x","date":"2026-01-01"}]}`))
	f.Add([]byte(`{"format":"rebound/v9"}`))
	f.Add([]byte(`{"format":"rebound/v1","nos":[{"who":"\u001b[2J","date":"2026-02-30"}]}`))
	f.Add([]byte("\xff\xfe{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ParseBytes(data)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("empty error message")
			}
			return
		}
		// Whatever is accepted is valid enough to store.
		for _, n := range e.Nos {
			if strings.TrimSpace(n.Who) == "" || !n.Date.Valid() {
				t.Fatalf("accepted an invalid No: %+v", n)
			}
		}
	})
}
