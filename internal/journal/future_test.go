package journal

import "testing"

func TestCheckNotFuture(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		date, today Day
		ok          bool
	}{
		{"2026-11-23", "2026-11-23", true},
		{"2026-11-22", "2026-11-23", true},
		{"2026-11-24", "2026-11-23", false},
		{"2027-01-01", "2026-12-31", false},
		{"2026-11-24", "", true}, // no day to check against
	} {
		err := (&No{Date: tc.date}).CheckNotFuture(tc.today)
		if (err == nil) != tc.ok || (err != nil && !IsValidation(err)) {
			t.Errorf("%s on %s: %v", tc.date, tc.today, err)
		}
	}
}
