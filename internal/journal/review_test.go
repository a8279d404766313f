package journal

import "testing"

// 2026-11-23 is a Monday.
func TestWeekOfFollowsTheWorkdays(t *testing.T) {
	cases := []struct {
		name        string
		days        []string
		d           Day
		first, last Day
	}{
		{"every day, a Wednesday", nil, "2026-11-25", "2026-11-23", "2026-11-29"},
		{"every day, a Sunday", nil, "2026-11-29", "2026-11-23", "2026-11-29"},
		{"mon-fri, a Monday", []string{"mon", "tue", "wed", "thu", "fri"}, "2026-11-23", "2026-11-23", "2026-11-29"},
		{"mon-fri, a Saturday: the week just worked", []string{"mon", "tue", "wed", "thu", "fri"}, "2026-11-28", "2026-11-23", "2026-11-29"},
		{"mon-fri, a Sunday: the week just worked", []string{"mon", "tue", "wed", "thu", "fri"}, "2026-11-29", "2026-11-23", "2026-11-29"},
		{"sun-thu, a Sunday starts it", []string{"sun", "mon", "tue", "wed", "thu"}, "2026-11-29", "2026-11-29", "2026-12-05"},
		{"sun-thu, a Friday off ends it", []string{"sun", "mon", "tue", "wed", "thu"}, "2026-11-27", "2026-11-22", "2026-11-28"},
		{"tue-sat, a Monday off ends it", []string{"tue", "wed", "thu", "fri", "sat"}, "2026-11-23", "2026-11-17", "2026-11-23"},
		{"mon, wed, fri: the longest run off is the weekend", []string{"mon", "wed", "fri"}, "2026-11-24", "2026-11-23", "2026-11-29"},
		{"one day, a Thursday", []string{"thu"}, "2026-11-23", "2026-11-19", "2026-11-25"},
		{"across a year", []string{"mon", "tue", "wed", "thu", "fri"}, "2027-01-02", "2026-12-28", "2027-01-03"},
	}
	for _, c := range cases {
		first, last := WeekOf(c.d, WorkweekOf(c.days))
		if first != c.first || last != c.last {
			t.Errorf("%s: WeekOf(%s) = %s..%s, want %s..%s", c.name, c.d, first, last, c.first, c.last)
		}
	}
}

func TestCheckReview(t *testing.T) {
	ok := Review{Week: "2026-11-23", Focus: "Ask every not-now when to call back"}
	if err := CheckReview(&ok); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Review{
		{Week: "2026-11-23", Focus: "   "},
		{Week: "23/11/2026", Focus: "x"},
		{Week: "1800-01-01", Focus: "x"},
		{Week: "2026-11-23", Focus: string(make([]byte, MaxField+1))},
	} {
		if err := CheckReview(&bad); err == nil || !IsValidation(err) {
			t.Errorf("CheckReview(%.40q) = %v, want a validation error", string(bad.Week)+" "+bad.Focus, err)
		}
	}
}
