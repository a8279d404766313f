package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// showNo is `show ID --json` decoded.
func showNo(t *testing.T, db, id string) journal.No {
	t.Helper()
	out, errs, code := runCLI(t, fuNow, "", db, "show", id, "--json")
	if code != 0 {
		t.Fatalf("show %s: %d %s", id, code, errs)
	}
	var n journal.No
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatalf("show %s --json: %v\n%s", id, err, out)
	}
	return n
}

func TestTrapsCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	out, errs, code := runCLI(t, fuNow, "", db, "traps")
	if code != 0 {
		t.Fatalf("traps: %d %s", code, errs)
	}
	for _, id := range journal.Traps {
		if !strings.Contains(out, "  "+id+" ") {
			t.Errorf("traps lacks %s:\n%s", id, out)
		}
	}
	if !strings.Contains(out, "They'll never change their minds.") || !strings.Contains(out, "Sales mode") {
		t.Errorf("traps does not speak sales by default:\n%s", out)
	}
	out, errs, code = runCLI(t, fuNow, "", db, "traps", "--mode", "school", "--json")
	if code != 0 {
		t.Fatalf("traps --mode school --json: %d %s", code, errs)
	}
	var traps []struct{ ID, Name, Example string }
	if err := json.Unmarshal([]byte(out), &traps); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tr := range traps {
		ids = append(ids, tr.ID)
		if tr.Name == "" || tr.Example == "" {
			t.Errorf("trap %+v lacks a name or an example", tr)
		}
	}
	if !slices.Equal(ids, journal.Traps) || !strings.Contains(out, "math") {
		t.Errorf("school traps = %v, want %v in school's words:\n%s", ids, journal.Traps, out)
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "traps", "--mode", "dating"); code != ExitUsage || !strings.Contains(errs, "choose one of: sales, job, school, personal") {
		t.Errorf("traps --mode dating: %d %q", code, errs)
	}
}

// Every flag of the thought record, the referral and the mode's lists
// lands in its field; on edit the repeatable ones set the list; none of
// it makes a No reframed.
func TestThoughtRecordFlags(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	run := func(args ...string) {
		t.Helper()
		if _, errs, code := runCLI(t, fuNow, "", db, args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	run("log", "--who", "Acme Corp", "--reason", "price", "--thought", " They'll never change their minds ",
		"--trap", "fortune-telling", "--trap", "Labelling", "--trap", "fortune-telling",
		"--evidence-for", "Two no's in a row", "--evidence-against", "They asked for a quote",
		"--balanced", "Not now is not never", "--referral-asked", "--stage", "Demo",
		"--secondary-reason", "budget", "--secondary-reason", "timing")
	n := showNo(t, db, "1")
	want := journal.No{Thought: "They'll never change their minds", Traps: []string{"fortune-telling", "labelling"},
		EvidenceFor: "Two no's in a row", EvidenceAgainst: "They asked for a quote", Balanced: "Not now is not never",
		ReferralAsked: true, Stage: "demo", SecondaryReasons: []string{"budget", "timing"}}
	if got := thoughtFields(n); !reflect.DeepEqual(got, want) {
		t.Fatalf("logged\n%+v\nwant\n%+v", got, want)
	}
	if n.Reframed() || n.ReframedAt != nil {
		t.Error("a thought record made the No reframed")
	}

	run("edit", "1", "--trap", "mind-reading", "--secondary-reason", "trust", "--referral", "Dana at Initech",
		"--stage", "proposal", "--balanced", "They may come back")
	n = showNo(t, db, "1")
	want.Traps, want.SecondaryReasons, want.Referral, want.Stage, want.Balanced =
		[]string{"mind-reading"}, []string{"trust"}, "Dana at Initech", "proposal", "They may come back"
	if got := thoughtFields(n); !reflect.DeepEqual(got, want) {
		t.Fatalf("edited\n%+v\nwant\n%+v", got, want)
	}
	run("edit", "1", "--trap", "", "--secondary-reason", "", "--referral-asked=false", "--referral", "", "--stage", "")
	n = showNo(t, db, "1")
	if len(n.Traps)+len(n.SecondaryReasons) != 0 || n.ReferralAsked || n.Referral != "" || n.Stage != "" || n.Thought == "" {
		t.Fatalf("clearing the lists, the referral and the stage: %+v", thoughtFields(n))
	}

	// A referral given was asked for.
	run("log", "--who", "Globex", "--referral", "Sam at Hooli")
	if n := showNo(t, db, "2"); !n.ReferralAsked || n.Referral != "Sam at Hooli" {
		t.Errorf("--referral alone: asked %v, referral %q", n.ReferralAsked, n.Referral)
	}
	// School's exam wrapper; a job stage.
	run("--mode", "school", "log", "--who", "Ms Lee", "--prepared", "Two evenings of past papers", "--mistake", "careless")
	if n := showNo(t, db, "3"); n.Prepared != "Two evenings of past papers" || n.Mistake != "careless" || n.Mode != "school" {
		t.Errorf("school No: prepared %q, mistake %q, mode %s", n.Prepared, n.Mistake, n.Mode)
	}
	run("--mode", "job", "log", "--who", "Initech", "--stage", "final-round")
	if n := showNo(t, db, "4"); n.Stage != "final-round" {
		t.Errorf("job stage = %q", n.Stage)
	}
	out, _, _ := runCLI(t, fuNow, "", db, "show", "4")
	if !strings.Contains(out, "Final round (final-round)") {
		t.Errorf("show says the stage without its label:\n%s", out)
	}
	// Reframed stays reason, turnaround answer and lesson.
	run("log", "--who", "Umbrella", "--reason", "timing", "--change", "Next budget cycle", "--lesson", "Ask about budget timing early")
	if n := showNo(t, db, "5"); !n.Reframed() || n.Thought != "" {
		t.Errorf("a No without a thought record is reframed: %v", n.Reframed())
	}
}

func thoughtFields(n journal.No) journal.No {
	return journal.No{Thought: n.Thought, Traps: n.Traps, EvidenceFor: n.EvidenceFor, EvidenceAgainst: n.EvidenceAgainst,
		Balanced: n.Balanced, ReferralAsked: n.ReferralAsked, Referral: n.Referral, Stage: n.Stage, Prepared: n.Prepared,
		Mistake: n.Mistake, SecondaryReasons: n.SecondaryReasons}
}

// A bad id is exit 2 with one sentence that lists the valid ones, and
// nothing is written.
func TestThoughtRecordBadIDs(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := runCLI(t, fuNow, "", db, "log", "--who", "Acme Corp", "--trap", "labelling"); code != 0 {
		t.Fatal(errs)
	}
	before := showNo(t, db, "1")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "--who", "X", "--trap", "doom"}, `unknown thinking trap "doom"; choose one of: personalising, mind-reading, fortune-telling, all-or-nothing, overgeneralising, labelling, discounting, catastrophising`},
		{[]string{"log", "--who", "X", "--stage", "screen"}, `unknown stage "screen" for mode sales; choose one of: discovery, demo, proposal, negotiation`},
		{[]string{"--mode", "job", "log", "--who", "X", "--stage", "demo"}, "choose one of: applied, screen, interview, final-round, offer"},
		{[]string{"log", "--who", "X", "--mistake", "time"}, "sales mode has no mistakes; a mistake is for school mode"},
		{[]string{"--mode", "personal", "log", "--who", "X", "--stage", "demo"}, "personal mode has no stages; a stage is for sales or job mode"},
		{[]string{"--mode", "school", "log", "--who", "X", "--mistake", "lazy"}, "choose one of: content, careless, time, instructions"},
		{[]string{"log", "--who", "X", "--secondary-reason", "salary"}, `unknown secondary reason "salary" for mode sales; choose one of: price,`},
		{[]string{"edit", "1", "--trap", "doom"}, `unknown thinking trap "doom"`},
		{[]string{"edit", "1", "--trap", "mind-reading", "--stage", "nope"}, `unknown stage "nope"`},
		{[]string{"log", "--who", "X", "--thought", strings.Repeat("x", journal.MaxField+1)}, "thought is 65,537 bytes"},
	} {
		out, errs, code := runCLI(t, fuNow, "", db, tt.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, tt.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d, out %q, err %q; want exit 2 and one line with %q", tt.args, code, out, errs, tt.want)
		}
	}
	if after := showNo(t, db, "1"); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused edit changed No #1:\n%+v\n%+v", before, after)
	}
	if _, _, code := runCLI(t, fuNow, "", db, "show", "2"); code == 0 {
		t.Error("a refused log wrote a No")
	}
}

func TestWinReferralFrom(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := runCLI(t, fuNow, "", db, "log", "--who", "Acme Corp", "--referral", "Dana at Initech"); code != 0 {
		t.Fatal(errs)
	}
	for _, tt := range []struct{ arg, want string }{
		{"9", "there is no No #9"},
		{"x", `"x" is not a No id`},
	} {
		out, errs, code := runCLI(t, fuNow, "", db, "win", "--who", "Initech", "--referral-from", tt.arg)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "--referral-from: "+tt.want) {
			t.Errorf("--referral-from %s: exit %d %q, want 2 and %q", tt.arg, code, errs, tt.want)
		}
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "win", "--who", "Initech", "--referral-from", "1"); code != 0 {
		t.Fatal(errs)
	}
	out, _, _ := runCLI(t, fuNow, "", db, "export")
	var e journal.Export
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Wins) != 1 || e.Wins[0].ReferralFrom != 1 || !strings.Contains(out, `"referral_from": 1`) {
		t.Errorf("wins = %+v, want one from No #1's referral", e.Wins)
	}
}

// Export -> import -> export keeps every new field (No's, a reflection's
// intention_kept, a win's referral_from); CSV has them as its last
// columns; import refuses what the command line refuses.
func TestThoughtRecordRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	run := func(db string, args ...string) string {
		t.Helper()
		out, errs, code := runCLI(t, fuNow, "", db, args...)
		if code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
		return out
	}
	run(db, "log", "--who", "Acme Corp", "--thought", "They'll never <change>", "--trap", "fortune-telling",
		"--trap", "catastrophising", "--evidence-for", "No reply in weeks", "--evidence-against", "They opened the quote",
		"--balanced", "Quiet is not no", "--referral", "Dana & co", "--stage", "negotiation",
		"--secondary-reason", "budget", "--secondary-reason", "competitor")
	run(db, "--mode", "school", "log", "--who", "Ms Lee", "--prepared", "Flashcards", "--mistake", "instructions")
	run(db, "log", "--who", "Globex", "--referral-asked")
	run(db, "win", "--who", "Initech", "--referral-from", "1")
	first := run(db, "export")

	// A reflection with intention_kept, added to the export by hand (no
	// command writes one without a terminal).
	var e map[string]any
	if err := json.Unmarshal([]byte(first), &e); err != nil {
		t.Fatal(err)
	}
	e["reflections"] = []any{map[string]any{"date": "2026-11-20", "win": "Sent the quote", "intention_kept": "partly",
		"completed_at": "2026-11-20T18:00:00Z"}}
	file := filepath.Join(dir, "in.json")
	data, _ := json.Marshal(e)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db2 := filepath.Join(dir, "b.db")
	run(db2, "import", file)
	var a, b journal.Export
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(run(db2, "export")), &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Nos) != 3 || len(b.Wins) != 1 || len(b.Reflections) != 1 {
		t.Fatalf("imported %d No's, %d wins, %d reflections", len(b.Nos), len(b.Wins), len(b.Reflections))
	}
	for i := range a.Nos {
		if got, want := thoughtFields(b.Nos[i]), thoughtFields(a.Nos[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("No #%d after the round trip:\n%+v\nwant\n%+v", a.Nos[i].ID, got, want)
		}
	}
	byWho := map[string]journal.No{}
	for _, n := range b.Nos {
		byWho[n.Who] = n
	}
	if byWho["Acme Corp"].Thought != "They'll never <change>" || byWho["Ms Lee"].Mistake != "instructions" || !byWho["Globex"].ReferralAsked {
		t.Errorf("round trip lost fields: %+v", byWho)
	}
	if b.Wins[0].ReferralFrom != 1 || b.Reflections[0].IntentionKept != journal.KeptPartly {
		t.Errorf("win %+v, reflection %+v", b.Wins[0], b.Reflections[0])
	}
	// Importing the same file again adds nothing.
	once := run(db2, "export")
	out := run(db2, "import", file)
	if again := run(db2, "export"); strings.Count(again, `"who"`) != strings.Count(once, `"who"`) || strings.Count(again, `"thought"`) != 1 ||
		strings.Count(again, `"intention_kept"`) != 1 {
		t.Errorf("a second import added records: %s\n%s", out, again)
	}

	// The same day's reflection with a later answer is not "already there".
	doc := `{"format": "rebound/v1", "reflections": [{"date": "2026-11-20", "win": "Sent the quote", "intention_kept": "yes", "completed_at": "2026-11-20T18:00:00Z"}]}`
	later := filepath.Join(dir, "later.json")
	if err := os.WriteFile(later, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	run(db2, "import", later)
	if again := run(db2, "export"); !strings.Contains(again, `"intention_kept": "yes"`) {
		t.Errorf("a reflection answered later was skipped on import:\n%s", again)
	}

	csv := run(db, "export", "--format", "csv")
	header, rows, _ := strings.Cut(csv, "\n")
	// Later fields come after these (condition_met, amount, source...).
	if !strings.Contains(header, `"tags","thought","traps","evidence_for","evidence_against","balanced","referral_asked","referral","stage","prepared","mistake","secondary_reasons","condition_met"`) {
		t.Errorf("CSV header = %s", header)
	}
	if !strings.Contains(rows, `"They'll never <change>","fortune-telling;catastrophising","No reply in weeks","They opened the quote","Quiet is not no","true","Dana & co","negotiation","","","budget;competitor"`) {
		t.Errorf("CSV rows lack the new columns:\n%s", rows)
	}
	md := run(db, "export", "--format", "md")
	for _, w := range []string{"**Thought:** They'll never <change>", "**Traps:** fortune-telling, catastrophising", "**Mistake:** instructions", "**Referral:** asked, none given"} {
		if !strings.Contains(md, w) {
			t.Errorf("Markdown lacks %q:\n%s", w, md)
		}
	}

	// Import checks what log checks.
	for _, tt := range []struct{ edit, want string }{
		{`"traps": ["doom"]`, `unknown thinking trap "doom"`},
		{`"mode": "personal", "stage": "demo"`, "personal mode has no stages"},
		{`"secondary_reasons": ["salary"]`, `unknown secondary reason "salary"`},
	} {
		bad := filepath.Join(dir, "bad.json")
		doc := `{"format": "rebound/v1", "nos": [{"date": "2026-11-20", "who": "X", ` + tt.edit + `}]}`
		if err := os.WriteFile(bad, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, errs, code := runCLI(t, fuNow, "", filepath.Join(dir, "c.db"), "import", bad); code != ExitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("import %s: exit %d %q, want 2 and %q", tt.edit, code, errs, tt.want)
		}
	}
	bad := filepath.Join(dir, "bad.json")
	doc = `{"format": "rebound/v1", "reflections": [{"date": "2026-11-20", "win": "x", "intention_kept": "maybe", "completed_at": "2026-11-20T18:00:00Z"}]}`
	if err := os.WriteFile(bad, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, fuNow, "", filepath.Join(dir, "c.db"), "import", bad); code != ExitUsage || !strings.Contains(errs, "yes, partly, not-yet") {
		t.Errorf("import of intention_kept maybe: exit %d %q", code, errs)
	}
}
