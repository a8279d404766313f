package exchange

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

func TestParseReadsExperimentsAndChecksTheirReasons(t *testing.T) {
	t.Parallel()
	good := `{"format": "rebound/v1", "experiments": [
  {"id": 3, "name": "Lead with ROI", "mode": "sales", "watch": ["price", "budget"], "start": "2026-11-02", "end": "2026-11-20", "created_at": "2026-11-02T09:00:00Z"}
]}`
	e, err := ParseBytes([]byte(good), coach.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Experiments) != 1 || e.Experiments[0].ID != 3 || e.Experiments[0].End != "2026-11-20" ||
		strings.Join(e.Experiments[0].Watch, ",") != "price,budget" {
		t.Fatalf("experiments %+v", e.Experiments)
	}
	for _, c := range []struct{ file, want string }{
		{strings.Replace(good, `"budget"`, `"fit"`, 1), `experiments[0] (line 2): unknown reason "fit" for mode sales`},
		{strings.Replace(good, `"end": "2026-11-20"`, `"end": "2026-10-20"`, 1), "ends on 2026-10-20, before it starts"},
		{strings.Replace(good, `"name": "Lead with ROI"`, `"name": ""`, 1), "has no name"},
		{strings.Replace(good, `"mode": "sales"`, `"mood": "sales"`, 1), "mood"},
		{`{"format": "rebound/v1", "experiments": {}}`, "experiments (line 1, column 41): is not a list"},
	} {
		_, err := ParseBytes([]byte(c.file), coach.Default())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s\n: %v, want an error saying %q", c.file, err, c.want)
		}
	}
	var _ journal.Reasons = coach.Default()
}
