package exchange

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestReviewsAreReadAndChecked(t *testing.T) {
	e := sample()
	e.Reviews = []journal.Review{{Week: "2026-11-16", Mode: "sales", Focus: "Lead with ROI", SavedAt: time.Date(2026, 11, 20, 17, 0, 0, 0, time.UTC)}}
	data, _ := json.MarshalIndent(e, "", "  ")
	got, err := ParseBytes(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Reviews) != 1 || got.Reviews[0] != e.Reviews[0] {
		t.Fatalf("reviews after parsing: %+v", got.Reviews)
	}
	_, size, err := Stream(strings.NewReader(string(data)), nil, journal.Records{})
	if err != nil || size.Reviews != 1 {
		t.Errorf("size %+v, %v", size, err)
	}
	for bad, want := range map[string]string{
		`"focus": "Lead with ROI"`: `"focus": "  "`,
		`"week": "2026-11-16"`:     `"week": "16/11/2026"`,
		`"mode": "sales"`:          `"mode": "sales", "mood": 3`,
	} {
		_, err := ParseBytes([]byte(strings.Replace(string(data), bad, want, 1)), nil)
		if err == nil || !strings.Contains(err.Error(), "reviews[0]") {
			t.Errorf("%s: %v, want an error naming reviews[0]", want, err)
		}
	}
}
