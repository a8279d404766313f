package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// crmNow is the day the sample exports are read on (their lost rows are
// all before it but one).
var crmNow = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func sample(name string) string { return filepath.Join("..", "crm", "testdata", name) }

// A dry run says what would come and writes nothing; the import brings the
// lost rows with their amount and source; the same export again adds
// nothing; a newer export only its new row.
func TestImportFromHubSpot(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	out, errOut, code := runCLI(t, crmNow, "", db, "import", "--from", "hubspot", sample("hubspot-deals.csv"), "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: exit %d, %s", code, errOut)
	}
	for _, want := range []string{"Would import 4 No's", "nothing was written", "competitor 1", "budget 1", "other 1",
		"line 2", "Globex Corporation", "12,500", "2 rows not lost", "1 row dated after today", `"Went dark after`} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	if out, _, _ := runCLI(t, crmNow, "", db, "journal", "--print"); !strings.Contains(out, "No No's yet") {
		t.Fatalf("the dry run wrote:\n%s", out)
	}

	out, errOut, code = runCLI(t, crmNow, "", db, "import", "--from", "hubspot", sample("hubspot-deals.csv"))
	if code != 0 || !strings.Contains(out, "Imported 4 No's") {
		t.Fatalf("import: exit %d, %s%s", code, out, errOut)
	}
	out, _, _ = runCLI(t, crmNow, "", db, "show", "3", "--json")
	var n struct {
		Who, Contact, Offer, Reason, Source string
		Amount                              float64
	}
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	if n.Who != "Globex Corporation" || n.Contact != "Dana Smith" || n.Offer != "Globex - Annual plan" ||
		n.Reason != "competitor" || n.Amount != 12500 || n.Source != "hubspot:9012345601" {
		t.Errorf("show --json: %+v", n)
	}

	out, _, code = runCLI(t, crmNow, "", db, "import", "--from", "hubspot", sample("hubspot-deals.csv"))
	if code != 0 || !strings.Contains(out, "Imported nothing") || !strings.Contains(out, "4 rows already imported") ||
		strings.Contains(out, "no mapping knows") { // rows imported before are not asked about again
		t.Fatalf("again: exit %d, %s", code, out)
	}

	// A newer export: one more lost deal.
	data, err := os.ReadFile(sample("hubspot-deals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(t.TempDir(), "newer.csv")
	row := "\"9012345699\",\"900.0\",\"900.0\",\"2026-11-27 10:00\",\"Price\",\"\",\"2026-11-01 10:00\",\"\",\"\",\"Duff - Seats\",\"Sam\",\"0.0\",\"Closed Lost\",\"\",\"true\",\"false\",\"true\",\"\",\"\",\"Sales Pipeline\",\"\",\"CRM UI\",\"Duff Beer\",\"\",\"Duff Beer\",\"\"\r\n"
	if err := os.WriteFile(newer, append(data, row...), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code = runCLI(t, crmNow, "", db, "import", "--from", "hubspot", newer, "--json")
	var sum struct {
		Nos     int `json:"nos"`
		Skipped struct {
			Already int `json:"already_imported"`
		} `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || code != 0 || sum.Nos != 1 || sum.Skipped.Already != 4 {
		t.Fatalf("newer: exit %d, %v, %s", code, err, out)
	}
	// The CSV export carries amount and source as its last columns.
	out, _, _ = runCLI(t, crmNow, "", db, "export", "--format", "csv")
	lines := strings.Split(out, "\n")
	if !strings.HasSuffix(lines[0], `"amount","source"`) || !strings.Contains(out, `"12500","hubspot:9012345601"`) {
		t.Errorf("CSV export:\n%.600s", out)
	}
}

// --map sets unknown values, and without a terminal an unknown value is
// other with its text kept; a CRM's deals are sales No's.
func TestImportFromPipedriveWithMap(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	out, errOut, code := runCLI(t, crmNow, "", db, "import", "--from", "pipedrive", sample("pipedrive-deals.csv"),
		"--map", "Chose to build in-house=no-need")
	if code != 0 || !strings.Contains(out, "Imported 4 No's") || strings.Contains(out, "no mapping knows") {
		t.Fatalf("import: exit %d, %s%s", code, out, errOut)
	}
	out, _, _ = runCLI(t, crmNow, "", db, "journal", "--json")
	for _, want := range []string{`"reason": "no-need"`, `"stage": "proposal"`, `"stage:Technical review"`, `"source": "pipedrive:1043"`} {
		if !strings.Contains(out, want) {
			t.Errorf("journal lacks %s", want)
		}
	}
	_, errOut, code = runCLI(t, crmNow, "", db, "--mode", "job", "import", "--from", "pipedrive", sample("pipedrive-deals.csv"))
	if code != ExitUsage || !strings.Contains(errOut, "sales mode") {
		t.Errorf("--mode job with a CRM: exit %d, %s", code, errOut)
	}
	_, errOut, code = runCLI(t, crmNow, "", db, "import", "--from", "pipedrive", sample("pipedrive-deals.csv"), "--map", "Price=cheap")
	if code != ExitUsage || !strings.Contains(errOut, `unknown reason "cheap"`) {
		t.Errorf("--map to no reason: exit %d, %s", code, errOut)
	}
}

// A job seeker's tracker in the job mode, with --columns; the same file
// twice adds nothing though it has no id column.
func TestImportFromTrackerCSV(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	args := []string{"--mode", "job", "import", "--from", "csv", sample("job-tracker.csv"),
		"--columns", `who=Company,date="Date Applied",reason=Rejection Reason`, "--map", "position filled internally=filled-internally"}
	out, errOut, code := runCLI(t, crmNow, "", db, args...)
	if code != 0 || !strings.Contains(out, "Imported 3 No's") || !strings.Contains(out, "job mode") || !strings.Contains(out, "2 rows not lost") {
		t.Fatalf("import: exit %d, %s%s", code, out, errOut)
	}
	out, _, code = runCLI(t, crmNow, "", db, args...)
	if code != 0 || !strings.Contains(out, "3 rows already imported") {
		t.Fatalf("again: exit %d, %s", code, out)
	}
}

// A bad row refuses the whole file with its line and column; nothing is
// imported, and the flags are checked.
func TestImportFromRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	bad := filepath.Join(dir, "bad.csv")
	text := "Company,Date,Reason\nAcme,2026-11-02,Price\nGlobex,2026-13-40,Budget\n"
	if err := os.WriteFile(bad, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, crmNow, "", db, "import", "--from", "csv", bad)
	if code != ExitUsage || !strings.Contains(errOut, `line 3, column "Date"`) || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("bad row: exit %d, %s", code, errOut)
	}
	if out, _, _ := runCLI(t, crmNow, "", db, "journal", "--print"); !strings.Contains(out, "No No's yet") {
		t.Fatalf("a refused file imported:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--from", "zoho", bad}, `unknown source "zoho"`},
		{[]string{"import", "--from", "csv", bad, "--date-order", "ymd"}, "--date-order is mdy"},
		{[]string{"import", "--from", "csv", bad, "--columns", "company=Company"}, `unknown field "company"`},
		{[]string{"import", bad, "--dry-run"}, "--dry-run goes with --from"},
		{[]string{"import", "--from", "salesforce", sample("hubspot-deals.csv")}, "does not look like a Salesforce opportunities report"},
	} {
		_, errOut, code := runCLI(t, crmNow, "", db, tc.args...)
		if code != ExitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %s", tc.args, code, errOut)
		}
	}
}

// Salesforce's report: the footer is not rows, a deal's product rows are
// one No, and the US dates are read month first.
func TestImportFromSalesforce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	out, errOut, code := runCLI(t, crmNow, "", db, "import", "--from", "salesforce", sample("salesforce-opportunities.csv"))
	if code != 0 || !strings.Contains(out, "Imported 3 No's") || !strings.Contains(out, "1 row repeating a deal above") {
		t.Fatalf("import: exit %d, %s%s", code, out, errOut)
	}
	out, _, _ = runCLI(t, crmNow, "", db, "journal", "--json")
	if !strings.Contains(out, `"date": "2026-11-20"`) || !strings.Contains(out, `"amount": 45000`) {
		t.Errorf("journal:\n%.800s", out)
	}
}

// A JSON export carries amount and source; restored into another journal,
// the No's still know their rows, so the CRM file adds nothing there.
func TestExportKeepsWhereImportedNosCameFrom(t *testing.T) {
	dir := t.TempDir()
	db, restored, file := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "export.json")
	if _, errOut, code := runCLI(t, crmNow, "", db, "import", "--from", "pipedrive", sample("pipedrive-deals.csv")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if _, errOut, code := runCLI(t, crmNow, "", db, "export", "--format", "json", "-o", file); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), `"amount": 18000,`) || !strings.Contains(string(data), `"source": "pipedrive:1041"`) {
		t.Fatalf("the export lacks amount or source:\n%.1500s", data)
	}
	if _, errOut, code := runCLI(t, crmNow, "", restored, "import", file); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	out, _, code := runCLI(t, crmNow, "", restored, "import", "--from", "pipedrive", sample("pipedrive-deals.csv"))
	if code != 0 || !strings.Contains(out, "Imported nothing") || !strings.Contains(out, "4 rows already imported") {
		t.Fatalf("CRM file after a restore: exit %d, %s", code, out)
	}
}

// --amount on log and edit: read as an import reads it, cleared by "".
func TestAmountFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, errOut, code := runCLI(t, crmNow, "", db, "log", "--who", "Acme", "--reason", "price", "--amount", "€ 9.900,50"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	if out, _, _ := runCLI(t, crmNow, "", db, "show", "1", "--json"); !strings.Contains(out, `"amount": 9900.5`) {
		t.Fatalf("show:\n%s", out)
	}
	if _, errOut, code := runCLI(t, crmNow, "", db, "edit", "1", "--amount", "lots"); code != ExitUsage || !strings.Contains(errOut, `can't read "lots" as an amount`) {
		t.Fatalf("bad amount: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, crmNow, "", db, "edit", "1", "--amount", ""); code != 0 {
		t.Fatalf("clear: %s", errOut)
	}
	if out, _, _ := runCLI(t, crmNow, "", db, "show", "1", "--json"); strings.Contains(out, `"amount"`) {
		t.Fatalf("amount not cleared:\n%s", out)
	}
}

// A dry run into a journal not made yet does not make it.
func TestDryRunMakesNoJournal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	out, errOut, code := runCLI(t, crmNow, "", db, "--mode", "job", "import", "--from", "csv", sample("job-tracker.csv"), "--dry-run")
	if code != 0 || !strings.Contains(out, "Would import 3 No's") || !strings.Contains(out, "job mode") {
		t.Fatalf("dry run: exit %d, %s%s", code, out, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("the dry run made the journal: %v", err)
	}
}
