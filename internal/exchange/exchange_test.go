package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
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
		if _, _, err := Stream(strings.NewReader(c.data), nil); err == nil {
			t.Errorf("%s: Stream accepted what Parse refuses", c.name)
		}
	}
	// Stream is stricter where it cannot take back a No it handed over.
	twice := `{"format":"rebound/v1","nos":[{"who":"a","date":"2026-01-01"}],"NOS":[]}`
	if _, _, err := Stream(strings.NewReader(twice), nil); err == nil || !strings.Contains(err.Error(), "nos: appears twice") {
		t.Errorf("a second nos: err = %v", err)
	}
}

// streamAll is Stream keeping the No's, to compare with Parse.
func streamAll(data []byte) (journal.Export, error) {
	var nos []journal.No
	e, n, err := Stream(bytes.NewReader(data), func(x *journal.No) error {
		nos = append(nos, *x)
		return nil
	})
	if err == nil && n != len(nos) {
		return e, errors.New("count differs from the No's handed over")
	}
	e.Nos = nos
	return e, err
}

func TestStreamReadsWhatParseReads(t *testing.T) {
	t.Parallel()
	x := sample()
	x.Nos = append(x.Nos, x.Nos[0], x.Nos[0])
	x.Nos[2].Who = "Globex"
	data, _ := json.MarshalIndent(x, "", "  ")
	want, err := ParseBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := streamAll(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Stream read\n%+v\nParse read\n%+v", got, want)
	}
	stop := errors.New("disk full")
	if _, n, err := Stream(bytes.NewReader(data), func(*journal.No) error { return stop }); err != stop || n != 0 {
		t.Fatalf("onNo's error: got %v after %d No's", err, n)
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
		// Import checks a file with Stream: what it accepts, Parse reads the same.
		if se, serr := streamAll(data); serr == nil {
			if err != nil {
				t.Fatalf("Stream accepted what Parse refuses: %v", err)
			}
			if len(se.Nos) == 0 && len(e.Nos) == 0 {
				se.Nos, e.Nos = nil, nil
			}
			if !reflect.DeepEqual(se, e) {
				t.Fatalf("Stream read\n%+v\nParse read\n%+v", se, e)
			}
		}
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
