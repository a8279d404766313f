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
	e, err := ParseBytes(data, nil)
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
		{"truncated", string(good[:len(good)/2]), "the file ends too early"},
		{"syntax", "{\n  \"format\": \"rebound/v1\",\n  \"nos\": [,]\n}", "line 3, column"},
		{"type", strings.Replace(string(good), `"id": 1`, `"id": "one"`, 1), "nos[0].id (line 6, column 18): expected uint64"},
		{"bad date", strings.Replace(string(good), `"date": "2026-11-20",`, `"date": "yesterday",`, 1), `nos[0] (line 5): the date "yesterday" is not a date`},
		{"empty who", strings.Replace(string(good), `"who": "Acme, \"Corp\"\n"`, `"who": " "`, 1), "nos[0] (line 5): who said no is empty"},
		{"unknown field", strings.Replace(string(good), `"mode"`, `"moode"`, 1), `nos[0] (line 10): unknown field "moode"`},
		{"unknown nested field", strings.Replace(string(good), `"at":`, `"when":`, 1), `nos[0].outcome_history[0] (line 18): unknown field "when"`},
		{"bad outcome", strings.Replace(string(good), `"outcome": "open",`, `"outcome": "won",`, 1), `nos[0] (line 5): unknown outcome "won"`},
		{"empty", "", "line 1"},
		{"not json", "id,who\n1,Acme\n", "line 1"},
		{"trailing comma", "{\n  \"format\": \"rebound/v1\",\n  \"nos\": [{\"who\":\"a\",\"date\":\"2026-01-01\"},]\n}", "line 3, column"},
		{"after the export", string(good) + "{}", "unexpected data after the export"},
		{"a second nos", `{"format":"rebound/v1","nos":[],"NOS":[]}`, "NOS (line 1): appears twice"},
	}
	for _, c := range cases {
		_, err := ParseBytes([]byte(c.data), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v; want it to mention %q", c.name, err, c.want)
		}
	}
}

// streamAll is Stream keeping the No's.
func streamAll(data []byte) (journal.Export, error) {
	var nos []journal.No
	e, n, err := Stream(bytes.NewReader(data), nil, journal.Records{No: func(x *journal.No) error {
		nos = append(nos, *x)
		return nil
	}})
	if err == nil && n.Nos != len(nos) {
		return e, errors.New("count differs from the No's handed over")
	}
	e.Nos = nos
	return e, err
}

func TestStreamHandsOverEachRecord(t *testing.T) {
	t.Parallel()
	x := sample()
	x.Nos = append(x.Nos, x.Nos[0], x.Nos[0])
	x.Nos[2].Who = "Globex"
	data, _ := json.MarshalIndent(x, "", "  ")
	got, err := streamAll(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Nos, x.Nos) {
		t.Fatalf("Stream read\n%+v\nwant\n%+v", got.Nos, x.Nos)
	}
	stop := errors.New("disk full")
	if _, n, err := Stream(bytes.NewReader(data), nil, journal.Records{No: func(*journal.No) error { return stop }}); err != stop || n.Nos != 0 {
		t.Fatalf("the handler's error: got %v after %d No's", err, n.Nos)
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
		e, err := ParseBytes(data, nil)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("empty error message")
			}
			return
		}
		// Whatever is accepted is valid enough to store.
		for _, n := range e.Nos {
			if err := n.CheckLimits(); err != nil {
				t.Fatalf("accepted an invalid No: %v", err)
			}
		}
		// And encoding/json reads the same file to the same No's.
		var want journal.Export
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("accepted what encoding/json refuses: %v", err)
		}
		if len(want.Nos) == 0 {
			want.Nos = nil
		}
		if !reflect.DeepEqual(e.Nos, want.Nos) {
			t.Fatalf("read\n%+v\nencoding/json reads\n%+v", e.Nos, want.Nos)
		}
	})
}
