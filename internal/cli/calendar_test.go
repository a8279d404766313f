package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// readICS reads a calendar with the other library (emersion/go-ical; the
// file is written with arran4/golang-ical) and returns its events by UID.
func readICS(t *testing.T, data []byte) map[string]goical.Event {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, data)
	}
	out := map[string]goical.Event{}
	for _, ev := range cal.Events() {
		uid, err := ev.Props.Text(goical.PropUID)
		if err != nil || uid == "" {
			t.Fatalf("an event without UID: %v", ev.Props)
		}
		if _, dup := out[uid]; dup {
			t.Fatalf("UID %s twice", uid)
		}
		out[uid] = ev
	}
	return out
}

func propText(t *testing.T, ev goical.Event, name string) string {
	t.Helper()
	s, err := ev.Props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestFollowUpsICSRoundTrip(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	nasty := "Acme, Inc.; \x1b]0;owned\x07\x1b[2Jlegal"
	mustRun(t, db, "log", "--who", nasty, "--date", "10 days ago", "--follow-up", "3 days ago",
		"--change", "a quote, line by line; no surprises\nand a call", "--next", "send it\\today")
	mustRun(t, db, "log", "--who", "Initech", "--follow-up", "today")
	mustRun(t, db, "log", "--who", "Globex", "--follow-up", "in 200 days", "--change", "budget")
	mustRun(t, db, "log", "--who", "Hooli", "--change", "no date")       // no follow-up
	mustRun(t, db, "log", "--who", "Done Co", "--follow-up", "tomorrow") // done below
	mustRun(t, db, "log", "--who", "Yes Co", "--follow-up", "tomorrow")
	mustRun(t, db, "edit", "5", "--follow-up-done")
	mustRun(t, db, "edit", "6", "--outcome", "yes") // settled

	want := map[string]struct {
		who, due, end string
	}{
		"no-1@rebound": {"Acme, Inc.; legal", "20261120", "20261121"},
		"no-2@rebound": {"Initech", "20261123", "20261124"},
		"no-3@rebound": {"Globex", "20270611", "20270612"},
	}
	check := func(data []byte, details bool) map[string]goical.Event {
		t.Helper()
		evs := readICS(t, data)
		if len(evs) != len(want) {
			t.Fatalf("%d events, want %d:\n%s", len(evs), len(want), data)
		}
		for uid, w := range want {
			ev, ok := evs[uid]
			if !ok {
				t.Fatalf("no event %s", uid)
			}
			if s := propText(t, ev, goical.PropSummary); s != "Follow up: "+w.who {
				t.Errorf("%s summary %q", uid, s)
			}
			start, end := ev.Props.Get(goical.PropDateTimeStart), ev.Props.Get(goical.PropDateTimeEnd)
			if start == nil || end == nil || start.Value != w.due || end.Value != w.end || start.ValueType() != goical.ValueDate {
				t.Errorf("%s start %v end %v, want all day %s", uid, start, end, w.due)
			}
			if _, err := ev.Props.DateTime(goical.PropDateTimeStamp, time.UTC); err != nil {
				t.Errorf("%s DTSTAMP: %v", uid, err)
			}
			desc := propText(t, ev, goical.PropDescription)
			id := strings.TrimSuffix(strings.TrimPrefix(uid, "no-"), "@rebound")
			if !strings.Contains(desc, "#"+id) {
				t.Errorf("%s description %q lacks the id", uid, desc)
			}
			if !details && desc != fmt.Sprintf("Rebound No #%s (rebound show %s)", id, id) {
				t.Errorf("%s description without --ics-details says more: %q", uid, desc)
			}
		}
		if bytes.Contains(data, []byte{0x1b}) || bytes.Contains(data, []byte{0x07}) {
			t.Error("a terminal escape reached the calendar")
		}
		return evs
	}

	plain := []byte(mustRun(t, db, "followups", "--ics"))
	check(plain, false)
	if bytes.Contains(plain, []byte("quote")) || bytes.Contains(plain, []byte("send it")) {
		t.Errorf("the default calendar carries the details:\n%s", plain)
	}

	file := filepath.Join(t.TempDir(), "follow-ups.ics")
	if _, errOut, code := runFU(t, db, "followups", "--ics", "--ics-details", "-o", file); code != 0 || !strings.Contains(errOut, "Wrote 3 follow-ups") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("calendar file mode %v", fi.Mode().Perm())
	}
	evs := check(data, true)
	d1 := propText(t, evs["no-1@rebound"], goical.PropDescription)
	if d1 != "Rebound No #1 (rebound show 1)\nWhat would need to change: a quote, line by line; no surprises\nand a call\nNext step: send it\\today" {
		t.Errorf("details %q", d1)
	}
	if d3 := propText(t, evs["no-3@rebound"], goical.PropDescription); !strings.HasSuffix(d3, "What would need to change: budget") {
		t.Errorf("details %q", d3)
	}
	for _, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}

	// The same journal writes the same bytes; an edit raises the event's
	// SEQUENCE and DTSTAMP and keeps its UID.
	if again := mustRun(t, db, "followups", "--ics"); again != string(plain) {
		t.Errorf("an unchanged journal wrote another calendar")
	}
	seq := func(data []byte, uid string) int {
		s, err := readICS(t, data)[uid].Props.Get(goical.PropSequence).Int()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := seq(plain, "no-2@rebound")
	if _, _, code := runCLI(t, fuNow.Add(2*time.Hour), "", db, "edit", "2", "--follow-up", "2026-11-30"); code != 0 {
		t.Fatal("edit failed")
	}
	after := []byte(mustRun(t, db, "followups", "--ics"))
	ev := readICS(t, after)["no-2@rebound"]
	if s := seq(after, "no-2@rebound"); s <= before {
		t.Errorf("SEQUENCE %d after the edit, %d before", s, before)
	}
	if v := ev.Props.Get(goical.PropDateTimeStart).Value; v != "20261130" {
		t.Errorf("moved follow-up starts %s", v)
	}
	if seq(after, "no-1@rebound") != seq(plain, "no-1@rebound") {
		t.Error("an event that did not change has a new SEQUENCE")
	}

	if _, errOut, code := runFU(t, db, "followups", "--ics-details"); code != 2 || !strings.Contains(errOut, "--ics") {
		t.Errorf("--ics-details alone: exit %d %q", code, errOut)
	}
}

// TestFollowUpsICSManyPages has more follow-ups than a page of rows: all
// of them come out, in order, each once.
func TestFollowUpsICSManyPages(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	const n = followUpPage*2 + 77
	nos := make([]journal.No, n)
	for i := range nos {
		nos[i] = journal.No{Date: "2026-11-01", Who: fmt.Sprintf("P%d", i), Mode: "sales", Outcome: journal.OutcomeOpen,
			FollowUp: journal.Day("2026-12-01").AddDays(i % 40), CreatedAt: fuNow, UpdatedAt: fuNow}
	}
	if err := st.SeedNos(nos); err != nil {
		t.Fatal(err)
	}
	evs := readICS(t, []byte(mustRun(t, db, "followups", "--ics")))
	if len(evs) != n {
		t.Fatalf("%d events, want %d", len(evs), n)
	}
	for i := range n {
		if _, ok := evs[fmt.Sprintf("no-%d@rebound", i+1)]; !ok {
			t.Fatalf("No %d missing", i+1)
		}
	}
}

// TestSettingsICSFile: --ics-file writes the file at once and keeps it
// (in the process here, as tests do) after every write; settings show
// it; off stops it; a folder that is not there is one sentence.
func TestSettingsICSFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	ics := filepath.Join(dir, "cal.ics")
	mustRun(t, db, "log", "--who", "Acme", "--follow-up", "tomorrow", "--change", "secret plan")
	if out := mustRun(t, db, "settings", "--ics-file", ics); !strings.Contains(out, "Wrote 1 follow-up to "+ics) {
		t.Errorf("settings --ics-file: %q", out)
	}
	mustRun(t, db, "log", "--who", "Globex", "--follow-up", "in 3 days")
	evs := readICS(t, mustRead(t, ics))
	if len(evs) != 2 || propText(t, evs["no-2@rebound"], goical.PropSummary) != "Follow up: Globex" {
		t.Errorf("after a log: %v", evs)
	}
	if bytes.Contains(mustRead(t, ics), []byte("secret plan")) {
		t.Error("details without --ics-details")
	}
	mustRun(t, db, "settings", "--ics-details")
	if !bytes.Contains(mustRead(t, ics), []byte("secret plan")) {
		t.Error("--ics-details did not add the details")
	}
	var js map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "settings", "--json")), &js); err != nil || js["ics_file"] != ics || js["ics_details"] != true {
		t.Errorf("settings --json: %v %v", js, err)
	}
	if out := mustRun(t, db, "settings", "--print"); !strings.Contains(out, "Calendar:    "+ics+", kept up to date, with details") {
		t.Errorf("settings --print:\n%s", out)
	}
	if out := mustRun(t, db, "settings", "--ics-file", "off"); !strings.Contains(out, "no longer kept up to date") {
		t.Errorf("off: %q", out)
	}
	mustRun(t, db, "edit", "1", "--follow-up-done")
	if len(readICS(t, mustRead(t, ics))) != 2 {
		t.Error("the calendar changed after off")
	}
	if _, errOut, code := runFU(t, db, "settings", "--ics-details"); code != 2 || !strings.Contains(errOut, "--ics-file") {
		t.Errorf("--ics-details with no file: %d %q", code, errOut)
	}
	if _, errOut, code := runFU(t, db, "settings", "--ics-file", filepath.Join(dir, "nope", "cal.ics")); code == 0 || !strings.Contains(errOut, "calendar file") {
		t.Errorf("a missing folder: %d %q", code, errOut)
	}
	if out := mustRun(t, db, "settings", "--json"); strings.Contains(out, "ics_file") {
		t.Errorf("a failed --ics-file was saved: %s", out)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestICSSaysOneFollowUp: the count is said in words ("1 follow-up").
func TestICSSaysOneFollowUp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, file := filepath.Join(dir, "rebound.db"), filepath.Join(dir, "f.ics")
	mustRun(t, db, "log", "--who", "Acme Corp", "--follow-up", "in 3 days")
	if _, errOut, code := runFU(t, db, "followups", "--ics", "-o", file); code != 0 || !strings.Contains(errOut, "Wrote 1 follow-up to") {
		t.Errorf("exit %d: %q", code, errOut)
	}
}
