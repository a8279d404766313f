package exchange

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/rebound-coach/rebound/internal/journal"
)

// A No with every kind of field filled, as export writes it.
const fullNo = `{
      "id": 13,
      "date": "2021-12-02",
      "created_at": "2021-12-02T14:06:34Z",
      "updated_at": "2021-12-18T11:40:10.123456789+02:00",
      "mode": "sales",
      "who": "Nakatomi \"Plaza\" \u00e9 \ud83d\ude00 <b>",
      "contact": "Ms. Ho",
      "said": "We went with another vendor.\nSorry.",
      "reason": "competitor",
      "kind": "not-you",
      "feeling": 5,
      "feeling_after": 2,
      "follow_up": "2022-01-02",
      "follow_up_done": false,
      "outcome": "maybe",
      "outcome_history": [
        {"outcome": "open", "at": "2021-12-02T14:06:34Z"},
        {"outcome": "maybe", "at": "2021-12-18T11:40:10Z"}
      ],
      "tags": ["q4", "big"],
      "debrief": [{"prompt": "Why?", "answer": "Price"}],
      "reframe_step": 2,
      "reframed_at": "2021-12-02T16:11:45Z",
      "traps": ["fortune-telling"],
      "referral_asked": true,
      "secondary_reasons": ["price"]
    }`

// TestFastNoAgrees: whatever the strict decoder accepts decodes exactly as
// encoding/json decodes it, and what it refuses (so the general way
// decides) includes every shape the general way treats its own way.
func TestFastNoAgrees(t *testing.T) {
	accepted := []string{
		fullNo,
		`{"id": 1, "date": "2021-01-01", "who": "A", "outcome": "open"}`,
		`{"id": 1, "who": null, "tags": null, "outcome_history": null, "reframed_at": null}`,
		`{"tags": [], "debrief": []}`,
		`{"who": "\u0000 \t tab", "said": "\/slash"}`,
	}
	for _, raw := range accepted {
		var fast, slow journal.No
		if err := jsonv2.Unmarshal([]byte(raw), &fast, strict); err != nil {
			t.Fatalf("the strict decoder refused %s: %v", raw, err)
		}
		if err := json.Unmarshal([]byte(raw), &slow); err != nil {
			t.Fatalf("encoding/json refused %s: %v", raw, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("they differ on %s:\nfast %+v\nslow %+v", raw, fast, slow)
		}
	}
	refused := map[string]string{
		"a name in other case":      `{"Who": "A"}`,
		"a member this build lacks": `{"who": "A", "colour": "red"}`,
		"a member twice":            `{"who": "A", "who": "B"}`,
		"invalid UTF-8":             "{\"who\": \"A\xff\"}",
		"a lone surrogate":          `{"who": "\ud800"}`,
		"a float for a number":      `{"feeling": 5.0}`,
		"a lower-case time":         `{"created_at": "2021-12-02t14:06:34z"}`,
		"a time without a zone":     `{"created_at": "2021-12-02T14:06:34"}`,
		"a string for a number":     `{"feeling": "5"}`,
	}
	for what, raw := range refused {
		var n journal.No
		if err := jsonv2.Unmarshal([]byte(raw), &n, strict); err == nil {
			t.Errorf("%s: the strict decoder accepted %s", what, raw)
		}
	}
}

// FuzzFastNoAgrees: on any bytes, an acceptance by the strict decoder is
// an acceptance by encoding/json with the same No.
func FuzzFastNoAgrees(f *testing.F) {
	f.Add(fullNo)
	f.Add(`{"id": 1, "who": "A"}`)
	f.Add(`{"created_at": "2021-12-02T14:06:34.5-07:00"}`)
	f.Fuzz(func(t *testing.T, raw string) {
		var fast, slow journal.No
		if jsonv2.Unmarshal([]byte(raw), &fast, strict) != nil {
			return
		}
		if err := json.Unmarshal([]byte(raw), &slow); err != nil {
			t.Fatalf("only the strict decoder accepted %q: %v", raw, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("they differ on %q:\nfast %+v\nslow %+v", raw, fast, slow)
		}
	})
}

// TestImportOfOddNosStillDecides: records the strict decoder refuses are
// read the general way, as before (accepted, or refused in the same words).
func TestImportOfOddNosStillDecides(t *testing.T) {
	file := func(no string) string {
		return `{"format": "rebound/v1", "nos": [` + no + `]}`
	}
	var got journal.No
	to := journal.Records{No: func(n *journal.No) error { got = *n; return nil }}
	if _, _, err := Stream(strings.NewReader(file(`{"id": 1, "date": "2021-01-01", "Who": "Other case", "mode": "sales", "outcome": "open"}`)), nil, to); err != nil {
		t.Fatalf("a name in other case: %v", err)
	}
	if got.Who != "Other case" {
		t.Errorf("who = %q, want the general way's value", got.Who)
	}
	_, _, err := Stream(strings.NewReader(file(`{"id": 1, "date": "2021-01-01", "colour": "red"}`)), nil, to)
	if err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("an unknown member: err = %v, want it named", err)
	}
}
