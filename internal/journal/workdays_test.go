package journal

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestParseWorkdays(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"mon,tue,wed,thu,fri", []string{"mon", "tue", "wed", "thu", "fri"}, ""},
		{"fri, mon ,wed", []string{"mon", "wed", "fri"}, ""},
		{"Monday Friday", []string{"mon", "fri"}, ""},
		{"mon-fri", []string{"mon", "tue", "wed", "thu", "fri"}, ""},
		{"tue-thu,sat", []string{"tue", "wed", "thu", "sat"}, ""},
		{"sat-mon", []string{"mon", "sat", "sun"}, ""},
		{"weekdays", []string{"mon", "tue", "wed", "thu", "fri"}, ""},
		{"every day", Weekdays, ""},
		{"mon,mon", []string{"mon"}, ""},
		{"", nil, "at least one workday"},
		{" , ", nil, "at least one workday"},
		{"mon,funday", nil, `"funday" is not a day of the week`},
		{"mon-xyz", nil, "not a day of the week"},
	} {
		got, err := ParseWorkdays(tt.in)
		switch {
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !IsValidation(err) {
				t.Errorf("ParseWorkdays(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.wantErr)
			}
		case err != nil || !slices.Equal(got, tt.want):
			t.Errorf("ParseWorkdays(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestWorkweek(t *testing.T) {
	t.Parallel()
	var none Workweek
	if none.Count() != 7 || !none.Works("2026-11-22") || none.String() != "every day" || len(none.IDs()) != 7 {
		t.Errorf("the zero week is not every day: %d %v %q", none.Count(), none.IDs(), none)
	}
	if WorkweekOf(nil) != EveryDay || (Settings{}).Workweek() != WorkweekOf(Weekdays) {
		t.Errorf("every day has two values: %b %b", WorkweekOf(nil), WorkweekOf(Weekdays))
	}
	mf := WorkweekOf([]string{"mon", "tue", "wed", "thu", "fri"})
	if mf != WeekdaysOnly || mf.Count() != 5 || mf.String() != "Monday to Friday" {
		t.Errorf("Monday to Friday: %b %d %q", mf, mf.Count(), mf)
	}
	for d, want := range map[Day]bool{"2026-11-20": true, "2026-11-21": false, "2026-11-22": false, "2026-11-23": true} {
		if mf.Works(d) != want {
			t.Errorf("Works(%s) = %v, want %v", d, !want, want)
		}
	}
	if got := mf.NextWorkday("2026-11-21"); got != "2026-11-23" {
		t.Errorf("NextWorkday(Saturday) = %s, want Monday 2026-11-23", got)
	}
	if got := mf.NextWorkday("2026-11-20"); got != "2026-11-20" {
		t.Errorf("NextWorkday(Friday) = %s, want the Friday itself", got)
	}
	for ids, want := range map[string]string{
		"mon,wed,fri": "Monday, Wednesday and Friday",
		"sat,sun":     "Saturday and Sunday",
		"thu":         "Thursday only",
		"tue,wed,thu": "Tuesday to Thursday",
	} {
		if got := WorkweekOf(strings.Split(ids, ",")).String(); got != want {
			t.Errorf("%s: %q, want %q", ids, got, want)
		}
	}
}

func TestSettingsWorkdays(t *testing.T) {
	t.Parallel()
	// A journal from before workdays keeps every day and writes no key.
	var old Settings
	if err := json.Unmarshal([]byte(`{"mode":"sales","week_goal":5,"welcomed":true}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.Workweek().Count() != 7 {
		t.Errorf("no workdays: %v, want every day", old.Workweek().IDs())
	}
	if b, _ := json.Marshal(old); strings.Contains(string(b), "workdays") {
		t.Errorf("settings without workdays write %s", b)
	}
	s := Settings{Mode: "sales", WeekGoal: 5, Workdays: []string{"mon", "tue"}}
	if b, _ := json.Marshal(s); !strings.Contains(string(b), `"workdays":["mon","tue"]`) {
		t.Errorf("JSON %s, want workdays as an array of ids", b)
	}
	if !old.Equal(Settings{Mode: "sales", WeekGoal: 5, Welcomed: true, Workdays: Weekdays}) || old.Equal(s) {
		t.Errorf("Equal: no workdays is every day, and differs from Monday and Tuesday")
	}
	for _, tt := range []struct {
		days    []string
		wantErr string
	}{
		{nil, ""},
		{[]string{"mon", "fri"}, ""},
		{[]string{}, "empty list"},
		{[]string{"Mon"}, "not a day id"},
		{[]string{"mon", "mon"}, "twice"},
		{[]string{"holiday"}, "not a day id"},
	} {
		s := Settings{Mode: "sales", WeekGoal: 3, Workdays: tt.days}
		err := s.Validate(nil)
		if (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("Validate(workdays %q) = %v, want %q", tt.days, err, tt.wantErr)
		}
	}
	if got := DefaultWorkdays("personal"); len(got) != 7 {
		t.Errorf("personal preselects %v, want every day", got)
	}
	for _, m := range []string{"sales", "job", "school"} {
		if got := DefaultWorkdays(m); !slices.Equal(got, WeekdaysOnly.IDs()) {
			t.Errorf("%s preselects %v, want Monday to Friday", m, got)
		}
	}
}
