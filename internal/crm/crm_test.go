package crm

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

var now = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

func mode(t *testing.T, id string) *coach.Mode {
	t.Helper()
	m, err := coach.Default().Mode(id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func readFile(t *testing.T, name string, o Options) (*Result, error) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if o.Mode == nil {
		o.Mode = mode(t, "sales")
	}
	o.Today, o.Now = journal.DayOf(now), now
	return Read(f, o)
}

// want is what one imported row must hold.
type want struct {
	who, offer, contact, date, reason, reasonText, stage, source string
	amount                                                       float64
	tags                                                         []string
	unmapped                                                     bool
}

func check(t *testing.T, res *Result, rows []want) {
	t.Helper()
	if len(res.Rows) != len(rows) {
		for _, r := range res.Rows {
			t.Logf("line %d: %+v", r.Line, r.No)
		}
		t.Fatalf("%d rows, want %d", len(res.Rows), len(rows))
	}
	for i, w := range rows {
		n, r := res.Rows[i].No, res.Rows[i]
		got := want{n.Who, n.Offer, n.Contact, string(n.Date), n.Reason, n.ReasonText, n.Stage, n.Source, n.Amount, n.Tags, r.Unmapped}
		if strings.Join(got.tags, "|") != strings.Join(w.tags, "|") || got.who != w.who || got.offer != w.offer ||
			got.contact != w.contact || got.date != w.date || got.reason != w.reason || got.reasonText != w.reasonText ||
			got.stage != w.stage || got.source != w.source || got.amount != w.amount || got.unmapped != w.unmapped {
			t.Errorf("row %d (line %d):\n got %+v\nwant %+v", i, r.Line, got, w)
		}
		if n.Mode == "" || n.CreatedAt.IsZero() {
			t.Errorf("row %d: mode %q, created_at %v", i, n.Mode, n.CreatedAt)
		}
	}
}

func TestHubSpotDealsExport(t *testing.T) {
	res, err := readFile(t, "hubspot-deals.csv", Options{From: HubSpot})
	if err != nil {
		t.Fatal(err)
	}
	check(t, res, []want{
		{who: "Globex Corporation", offer: "Globex - Annual plan", contact: "Dana Smith", date: "2026-11-20", reason: "competitor",
			reasonText: "Lost to competitor", source: "hubspot:9012345601", amount: 12500},
		{who: "Umbrella Labs", offer: "Umbrella Labs - Pilot", contact: "Priya Natarajan", date: "2026-11-12", reason: "budget",
			source: "hubspot:9012345602", amount: 4800},
		{who: "Initrode", offer: "Initrode - Enterprise, phase 1", date: "2026-11-03", reason: "other", unmapped: true,
			reasonText: "Went dark after the proposal.\nTwo follow-ups, no answer; the champion, Mark, left in October.",
			source:     "hubspot:9012345603", amount: 30000},
		// No company: the deal name is who.
		{who: "Vandelay Industries - Import module", contact: "Art Vandelay", date: "2026-11-25", reason: "price", source: "hubspot:9012345606"},
	})
	if res.NotLost != 2 || res.Future != 1 {
		t.Errorf("not lost %d, future %d; want 2 (won, open) and 1", res.NotLost, res.Future)
	}
	if len(res.Unknown) != 1 || !strings.HasPrefix(res.Unknown[0], "Went dark") {
		t.Errorf("unknown reasons %q", res.Unknown)
	}
}

func TestPipedriveDealsExport(t *testing.T) {
	res, err := readFile(t, "pipedrive-deals.csv", Options{From: Pipedrive, Map: map[string]string{"chose to build in-house": "no-need"}})
	if err != nil {
		t.Fatal(err)
	}
	check(t, res, []want{
		{who: "Acme, Inc.", offer: "Acme, Inc. - Annual plan", contact: "Wile E. Coyote", date: "2026-11-18", reason: "price",
			reasonText: "Price too high", stage: "proposal", source: "pipedrive:1041", amount: 18000},
		{who: "Soylent Corp", offer: "Soylent Corp deal", contact: "Sol Roth", date: "2026-11-02", reason: "competitor",
			reasonText: "Lost to competitor", stage: "negotiation", source: "pipedrive:1042", amount: 6500},
		// A stage of the account's own: kept as a tag, not guessed.
		{who: "Tyrell Corporation", offer: "Tyrell - Replicant fleet tracking", contact: "Rachael T", date: "2026-10-11",
			reason: "no-need", reasonText: "Chose to build in-house", tags: []string{"stage:Technical review"}, source: "pipedrive:1043", amount: 42000},
		// "No budget" is the reason's label: nothing more to keep.
		{who: "Massive Dynamic", offer: "Massive Dynamic expansion", date: "2026-10-09", reason: "budget", stage: "discovery",
			source: "pipedrive:1046"},
	})
	if res.NotLost != 2 || len(res.Unknown) != 0 {
		t.Errorf("not lost %d, unknown %q", res.NotLost, res.Unknown)
	}
}

func TestSalesforceOpportunitiesReport(t *testing.T) {
	res, err := readFile(t, "salesforce-opportunities.csv", Options{From: Salesforce})
	if err != nil {
		t.Fatal(err)
	}
	check(t, res, []want{
		{who: "Northwind Traders", offer: "Northwind - Q4 expansion", contact: "Nancy Davolio", date: "2026-11-20", reason: "competitor",
			source: "salesforce:0065g00000AbCdEAAZ", amount: 45000},
		{who: "Contoso Ltd", offer: "Contoso - New logo", contact: "Kim Abercrombie", date: "2026-11-05", reason: "budget",
			source: "salesforce:0065g00000AbCdFAAZ", amount: 18500},
		{who: "Tailspin Toys", offer: "Tailspin - Team licences", date: "2026-11-02", reason: "other", reasonText: "Unresponsive",
			unmapped: true, source: "salesforce:0065g00000AbCdIAAZ", amount: 3400},
	})
	if res.Repeated != 1 || res.NotLost != 2 || res.DateOrder != OrderMDY {
		t.Errorf("repeated %d, not lost %d, order %q; want 1, 2, mdy (11/20/2026 tells)", res.Repeated, res.NotLost, res.DateOrder)
	}
}

// How each source tells a lost row, with the names accounts give them.
func TestLostRows(t *testing.T) {
	for _, tc := range []struct {
		from, text string
		lost       int
	}{
		{Salesforce, "Account Name,Close Date,Stage\nA,2026-11-02,Closed - Lost\nB,2026-11-02,Closed Won\nC,2026-11-02,Prospecting\n", 1},
		{Salesforce, "Account Name,Close Date,Closed,Won\nA,2026-11-02,1,0\nB,2026-11-02,1,1\nC,2026-11-02,0,0\n", 1},
		// Data Loader: API names, upper case.
		{Salesforce, "\"ID\",\"NAME\",\"ACCOUNT.NAME\",\"STAGENAME\",\"CLOSEDATE\",\"LOSS_REASON__C\"\n\"0065g00000AbCdE\",\"A - Q4\",\"A\",\"Closed Lost\",\"2026-11-20\",\"Price\"\n", 1},
		{HubSpot, "Deal Name,Close Date,Deal Stage\nA,2026-11-02,Closed lost (Renewals)\nB,2026-11-02,Closed won\n", 1},
		{HubSpot, "Deal Name,Close Date,Deal Stage,Associated Company\nA,2026-11-02,Closed lost,Acme;Globex\n", 1},
		{HubSpot, "Deal Name,Close Date,Deal Stage,Is closed lost\nA,2026-11-02,Dead,Yes\nB,2026-11-02,Closed lost,false\n", 1},
		{Pipedrive, "Title,Lost time,Status\nA,2026-11-02,lost\nB,2026-11-02,won\nC,,open\n", 1},
		{CSV, "Company,Date,Status\nA,2026-11-02,Rejected\nB,2026-11-02,Ghosted\nC,2026-11-02,Interviewing\nD,2026-11-02,Offer\n", 2},
		{CSV, "Company,Date\nA,2026-11-02\nB,2026-11-03\n", 2},
		// The same row twice, without an id: one No (a report's row per product).
		{Salesforce, "Account Name,Opportunity Name,Close Date,Stage,Product Name\nA,A - Q4,11/20/2026,Closed Lost,Analytics\nA,A - Q4,11/20/2026,Closed Lost,Storage\n", 1},
	} {
		res, err := Read(strings.NewReader(tc.text), Options{From: tc.from, Mode: mode(t, "sales"), Today: "2026-11-30", Now: now})
		if err != nil || len(res.Rows) != tc.lost {
			t.Errorf("%s %q: %v, %d rows; want %d", tc.from, tc.text, err, len(res.Rows), tc.lost)
			continue
		}
		if strings.Contains(tc.text, "Acme;Globex") && res.Rows[0].No.Who != "Acme" {
			t.Errorf("HubSpot's companies: who %q, want the first, Acme", res.Rows[0].No.Who)
		}
	}
}

func TestJobTrackerWithColumns(t *testing.T) {
	res, err := readFile(t, "job-tracker.csv", Options{From: CSV, Mode: mode(t, "job"),
		Columns: map[string]string{"who": "Company", "date": "Date Applied", "reason": "Rejection Reason"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.DateOrder != OrderDMY || res.NotLost != 2 {
		t.Errorf("order %q, not lost %d; want dmy (14/10/2026 tells) and 2", res.DateOrder, res.NotLost)
	}
	if len(res.Rows) != 3 {
		t.Fatalf("%d rows, want the 3 rejected", len(res.Rows))
	}
	g := res.Rows[0].No
	if g.Who != "Globex" || g.Offer != "Backend Engineer" || g.Date != "2026-10-05" || g.Reason != "experience" ||
		!strings.Contains(g.ReasonText, "5+ years of Go") || g.Amount != 72000 || !strings.HasPrefix(g.Source, "csv:h") {
		t.Errorf("first row %+v", g)
	}
	if r := res.Rows[1]; r.No.Reason != "other" || !r.Unmapped || r.Reason != "Position filled internally" {
		t.Errorf("second row %+v", r)
	}
	// The same file read again gives the same sources: the hash is of the row's identity.
	again, _ := readFile(t, "job-tracker.csv", Options{From: CSV, Mode: mode(t, "job"),
		Columns: map[string]string{"who": "Company", "date": "Date Applied", "reason": "Rejection Reason"}})
	for i := range res.Rows {
		if again.Rows[i].No.Source != res.Rows[i].No.Source {
			t.Errorf("row %d: source %q then %q", i, res.Rows[i].No.Source, again.Rows[i].No.Source)
		}
	}
	// Remap answers the unknown values.
	res.Remap(map[string]string{"position filled internally": "filled-internally"}, mode(t, "job"))
	if r := res.Rows[1]; r.No.Reason != "filled-internally" || r.Unmapped || len(res.Unknown) != 1 {
		t.Errorf("after remap %+v, unknown %q", r, res.Unknown)
	}
}

func TestBadFilesSayLineAndColumn(t *testing.T) {
	head := "Company,Date,Reason\n"
	for _, tc := range []struct {
		name, text, order, want string
	}{
		{"bad date", head + "Acme,2026-11-02,price\nGlobex,31/31/2026,budget\n", "", `line 3, column "Date": "31/31/2026"`},
		{"mixed orders", head + "Acme,11/20/2026,price\nGlobex,20/11/2026,budget\n", "", `line 3, column "Date": "20/11/2026" can only be day first, but line 2 ("11/20/2026") was month first`},
		{"order undecided", head + "Acme,11/03/2026,price\nGlobex,10/04/2026,budget\n", "", `line 2, column "Date": "11/03/2026" could be month first or day first`},
		{"order contradicted", head + "Acme,11/03/2026,price\nGlobex,20/04/2026,budget\n", "mdy", `line 3, column "Date": "20/04/2026" can only be day first, but --date-order mdy was given`},
		{"no who", head + "Acme,2026-11-02,price\n,2026-11-03,price\n", "", "line 3: the row has no company"},
		{"no date", head + "Acme,2026-11-02,price\nGlobex,,price\n", "", `line 3, column "Date": the lost row has no date`},
		{"fields", head + "Acme,2026-11-02,price\nGlobex,2026-11-03\n", "", "line 3: the row has 2 fields but the header has 3"},
		{"amount", "Company,Date,Amount\nAcme,2026-11-02,lots\n", "", `line 2, column "Amount": can't read "lots" as an amount`},
		{"no date column", "Company,When\nAcme,2026-11-02\n", "", "the file: it has no date column"},
		{"unknown column", head + "Acme,2026-11-02,price\n", "", `the file has no column "Stage"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{From: CSV, Mode: mode(t, "sales"), DateOrder: tc.order, Today: "2026-11-30", Now: now}
			if tc.name == "unknown column" {
				o.Columns = map[string]string{"stage": "Stage"}
			}
			_, err := Read(strings.NewReader(tc.text), o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestDatesAndAmounts(t *testing.T) {
	for _, tc := range []struct{ in, order, want string }{
		{"2026-11-20", "", "2026-11-20"},
		{"2026-11-20 16:14", "", "2026-11-20"},
		{"2026-11-20T16:14:00Z", "", "2026-11-20"},
		{"11/20/2026", OrderMDY, "2026-11-20"},
		{"20/11/2026", OrderDMY, "2026-11-20"},
		{"11/20/26", OrderMDY, "2026-11-20"},
		{"20.11.2026", "", "2026-11-20"},
		{"11/20/2026 4:05 PM", OrderMDY, "2026-11-20"},
		{"Nov 20, 2026", "", "2026-11-20"},
		{"20 Nov 2026", "", "2026-11-20"},
		{"20 november 2026", "", "2026-11-20"},
		{"5/5/2026", "", "2026-05-05"},
	} {
		// 5/5/2026 reads the same either way: no order needed.
		order := tc.order
		if tc.in == "5/5/2026" {
			order = OrderMDY
		}
		got, err := parseDate(tc.in, order)
		if err != nil || string(got) != tc.want {
			t.Errorf("parseDate(%q, %q) = %q, %v; want %s", tc.in, order, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want float64
	}{{"12500", 12500}, {"12500.0", 12500}, {"12,500.00", 12500}, {"$12,500", 12500}, {"€ 9.900,00", 9900},
		{"9 900,50", 9900.5}, {"USD 45,000.00", 45000}, {"(1,200.00)", -1200}, {"1.250.000", 1250000}, {"18,000", 18000}, {"€ 72.000", 72000}, {"12500.5", 12500.5}} {
		got, err := ParseAmount(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestEncodings(t *testing.T) {
	text := "Company;Date;Reason\r\nCafé Müller;2026-11-02;Price\r\n"
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range text {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	latin1 := []byte(strings.ReplaceAll(strings.ReplaceAll(text, "é", "\xe9"), "ü", "\xfc"))
	for name, data := range map[string][]byte{"utf-16": utf16le, "windows-1252": latin1, "tabs": []byte(strings.ReplaceAll(text, ";", "\t"))} {
		res, err := Read(strings.NewReader(string(data)), Options{From: CSV, Mode: mode(t, "sales"), Today: "2026-11-30", Now: now})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Rows) != 1 || res.Rows[0].No.Who != "Café Müller" || res.Rows[0].No.Reason != "price" {
			t.Errorf("%s: %+v", name, res.Rows)
		}
	}
}
