package words

import "testing"

func TestWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ got, want string }{
		{Plural(1, "No", "No's"), "No"},
		{Plural(0, "No", "No's"), "No's"},
		{Plural(2, "No", "No's"), "No's"},
		{Count(1, "day", "days"), "1 day"},
		{Count(0, "day", "days"), "0 days"},
		{Count(12, "time", "times"), "12 times"},
		{RelDays(0), "today"},
		{RelDays(1), "tomorrow"},
		{RelDays(5), "in 5 days"},
		{RelDays(-1), "1 day late"},
		{RelDays(-4), "4 days late"},
		{Capital("stronger work"), "Stronger work"},
		{Capital("école"), "École"},
		{Capital(""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
