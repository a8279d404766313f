package crm

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// aliases are the headers each source writes for a field, as Key has
// them; the first one found wins. They vary by account (renamed and
// custom fields) and by how the export was made, hence the lists and
// --columns. Sources: HubSpot's deals export (Record ID, Deal Name,
// Associated Company, Associated Contact, Close Date, Closed Lost
// Reason, Deal Stage, Is closed lost, Amount), Pipedrive's deals export
// ("Deal - " before each deal field: ID, Title, Organization, Contact
// person, Lost time, Lost reason, Status, Stage, Value), a Salesforce
// opportunities report (Opportunity ID, Opportunity Name, Account Name,
// Close Date, Stage, Amount; no standard loss-reason field, so the
// common custom names), or Data Loader's API names (Id, Name,
// Account.Name, CloseDate, StageName, Loss_Reason__c).
var aliases = map[string]map[string][]string{
	HubSpot: {
		"id":          {"record id", "deal id", "hs_object_id"},
		"who":         {"associated company (primary)", "associated company", "company name", "company"},
		"deal":        {"deal name", "dealname"},
		"contact":     {"associated contact", "contact name", "contact"},
		"date":        {"close date", "closedate", "closed date"},
		"reason":      {"closed lost reason", "closed_lost_reason", "lost reason"},
		"reason_text": {"closed lost reason details", "lost reason details"},
		"amount":      {"amount", "amount in company currency"},
		"stage":       {"deal stage", "dealstage", "stage"},
		"closed_lost": {"is closed lost", "hs_is_closed_lost"},
	},
	Pipedrive: {
		"id":      {"id", "deal id"},
		"who":     {"organization", "organization name", "organization - name"},
		"deal":    {"title", "deal title"},
		"contact": {"contact person", "person", "person - name"},
		"date":    {"lost time", "deal closed on", "closed on", "close date", "lost date"},
		"reason":  {"lost reason"},
		"amount":  {"value", "deal value"},
		"stage":   {"stage", "stage (pipeline)"},
		"status":  {"status"},
	},
	Salesforce: {
		"id":      {"opportunity id", "opportunity id (18)", "id", "opportunity 18 digit id"},
		"who":     {"account name", "account", "account.name"},
		"deal":    {"opportunity name", "opportunity", "name"},
		"contact": {"contact name", "primary contact", "contact"},
		"date":    {"close date", "closed date", "closedate"},
		"reason": {"loss reason", "closed lost reason", "reason lost", "lost reason", "reason for loss",
			"loss_reason__c", "lost_reason__c", "closed_lost_reason__c", "reason_lost__c"},
		"reason_text": {"loss reason details", "loss reason detail", "lost reason details", "closed lost details", "reason lost details"},
		"amount":      {"amount", "amount (converted)"},
		"stage":       {"stage", "stage name", "stagename"},
		"closed":      {"closed", "is closed", "isclosed"},
		"won":         {"won", "is won", "iswon"},
	},
	// Job seekers' sheets and trackers (Huntr, Teal and the like export
	// these names); --columns names the rest.
	CSV: {
		"id":          {"id"},
		"who":         {"company", "company name", "employer", "organization", "organisation", "school", "who"},
		"offer":       {"job title", "job position", "position", "role", "title"},
		"contact":     {"contact", "contact name", "recruiter", "hiring manager"},
		"date":        {"date", "rejected on", "rejection date", "date rejected", "date applied", "applied on", "applied"},
		"reason":      {"reason", "rejection reason"},
		"reason_text": {"notes", "note"},
		"amount":      {"amount", "salary", "value"},
		"stage":       {"stage"},
		"status":      {"status"},
	},
}

// columns are the indexes of the fields found in the header.
type columns struct {
	from  string
	idx   map[string]int
	names []string // the header as written
}

func (c columns) has(f string) bool { _, ok := c.idx[f]; return ok }

func (c columns) get(rec []string, f string) string {
	if i, ok := c.idx[f]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

func (c columns) header(f string) string {
	if i, ok := c.idx[f]; ok {
		return c.names[i]
	}
	return f
}

func (c columns) whoWords() string {
	var w []string
	for _, f := range []string{"who", "deal"} {
		if c.has(f) {
			w = append(w, strings.ToLower(c.header(f)))
		}
	}
	if len(w) == 0 {
		return "company"
	}
	return strings.Join(w, " or ")
}

// headerKey is a header as aliases has it: Pipedrive's "Deal - " prefix
// and a byte-order mark a tool left in go.
func headerKey(from, h string) string {
	k := Key(strings.TrimPrefix(h, "\uFEFF"))
	if from == Pipedrive {
		k = strings.TrimPrefix(k, "deal - ")
	}
	return k
}

// findColumns finds each field's column: --columns first, then the
// source's names.
func findColumns(o Options, head []string) (columns, error) {
	c := columns{from: o.From, idx: map[string]int{}, names: head}
	byKey := map[string]int{}
	for i, h := range head {
		if _, dup := byKey[headerKey(o.From, h)]; !dup {
			byKey[headerKey(o.From, h)] = i
		}
	}
	for f, h := range o.Columns {
		i, ok := byKey[headerKey(o.From, h)]
		if !ok {
			i, ok = byKey[Key(h)]
		}
		if !ok {
			return c, fmt.Errorf("the file has no column %q (for %s); its columns are: %s", h, f, listHeaders(head))
		}
		c.idx[f] = i
	}
	for f, names := range aliases[o.From] {
		if c.has(f) {
			continue
		}
		for _, n := range names {
			if i, ok := byKey[n]; ok {
				c.idx[f] = i
				break
			}
		}
	}
	// What a source cannot do without.
	need := func(f string) error {
		if c.has(f) {
			return nil
		}
		what := fmt.Sprintf("this does not look like %s", exportWords(o.From))
		if o.From == CSV {
			what = "the file"
		}
		return fmt.Errorf("%s: it has no %s column (looked for %s); name it with --columns %s=HEADER",
			what, f, quoteList(aliases[o.From][f]), f)
	}
	if err := need("date"); err != nil {
		return c, err
	}
	if !c.has("who") && !c.has("deal") {
		return c, need("who")
	}
	switch o.From {
	case HubSpot:
		if !c.has("closed_lost") && !c.has("stage") && !c.has("status") {
			return c, need("stage")
		}
	case Pipedrive:
		if !c.has("status") {
			return c, need("status")
		}
	case Salesforce:
		if !c.has("stage") && !c.has("status") && !(c.has("closed") && c.has("won")) {
			return c, need("stage")
		}
	}
	return c, nil
}

func exportWords(from string) string {
	switch from {
	case HubSpot:
		return "a HubSpot deals export"
	case Pipedrive:
		return "a Pipedrive deals export"
	case Salesforce:
		return "a Salesforce opportunities report"
	}
	return "an export"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// listHeaders lists a header for a message, the first 20 of a long one.
func listHeaders(head []string) string {
	h := head
	if len(h) > 20 {
		h = h[:20]
	}
	out := quoteList(h)
	if len(head) > 20 {
		out += fmt.Sprintf(" and %d more", len(head)-20)
	}
	return out
}

// lost reports whether a row is a lost deal (a rejection): each source
// says it its own way; a tracker's sheet without a status column is all
// rejections.
func (rd *reader) lost(rec []string) bool {
	c := rd.cols
	get := func(f string) string { return Key(c.get(rec, f)) }
	if c.has("status") {
		return lostWord(get("status"))
	}
	switch rd.o.From {
	case HubSpot:
		if c.has("closed_lost") {
			return truthy(get("closed_lost"))
		}
		return strings.Contains(get("stage"), "lost")
	case Salesforce:
		if c.has("stage") {
			return strings.Contains(get("stage"), "lost") // Closed Lost, Closed - Lost
		}
		return truthy(get("closed")) && !truthy(get("won"))
	}
	return true
}

func truthy(k string) bool { return k == "true" || k == "1" || k == "yes" || k == "1.0" }

// lostWord reports a status that means lost: Pipedrive's "Lost", a
// tracker's "Rejected", "Declined" or "Ghosted" (a silence is a no too).
func lostWord(k string) bool {
	switch k {
	case "lost", "closed lost", "closed - lost", "rejected", "declined", "not selected", "turned down", "no offer", "no",
		"ghosted", "no response", "no reply":
		return true
	}
	return strings.Contains(k, "reject") || strings.HasPrefix(k, "lost")
}

// stageNames are CRMs' default pipeline stages, read as the sales mode's
// stage ids (HubSpot: Appointment Scheduled... Contract Sent; Pipedrive:
// Lead In... Negotiations Started; Salesforce: Prospecting...
// Negotiation/Review). A mode's own ids and labels are always known.
var stageNames = map[string]string{
	"appointment scheduled": "discovery", "qualified to buy": "discovery", "qualification": "discovery",
	"qualified": "discovery", "discovery call": "discovery", "prospecting": "discovery", "needs analysis": "discovery",
	"lead in": "discovery", "contact made": "discovery", "needs defined": "discovery",
	"presentation scheduled": "demo", "demo scheduled": "demo", "value proposition": "demo", "presentation": "demo",
	"decision maker bought-in": "proposal", "id. decision makers": "proposal", "perception analysis": "proposal",
	"proposal made": "proposal", "proposal sent": "proposal", "proposal/price quote": "proposal",
	"create proposal": "proposal", "quote sent": "proposal",
	"contract sent": "negotiation", "negotiations started": "negotiation", "negotiation/review": "negotiation",
}

// stageOf reads a pipeline stage: a stage id of the mode when the name is
// known; a closed stage (Closed Lost) is the outcome, not a stage; any
// other name is kept as the tag "stage:NAME", so nothing is dropped and
// nothing is guessed.
func stageOf(mode *coach.Mode, s string) (string, []string) {
	k := Key(s)
	if k == "" || strings.HasPrefix(k, "closed") || k == "lost" || k == "won" {
		return "", nil
	}
	for _, st := range mode.Stages {
		if k == Key(st.ID) || k == Key(st.Label) {
			return st.ID, nil
		}
	}
	if id, ok := stageNames[k]; ok && slices.ContainsFunc(mode.Stages, func(c coach.Choice) bool { return c.ID == id }) {
		return id, nil
	}
	tag := "stage:" + oneLine(s)
	for len(tag) > 100 {
		_, size := lastRune(tag)
		tag = tag[:len(tag)-size]
	}
	return "", []string{tag}
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			return rune(s[i]), len(s) - i
		}
	}
	return 0, 1
}

// reasonNames are lost-reason values CRMs ship or teams commonly use, read
// as the sales mode's reason ids.
var reasonNames = map[string]string{
	"price": "price", "pricing": "price", "too expensive": "price", "price too high": "price", "cost": "price",
	"budget": "budget", "no budget": "budget", "lack of budget": "budget", "budget constraints": "budget",
	"timing": "timing", "bad timing": "timing", "not the right time": "timing", "wrong timing": "timing",
	"no need": "no-need", "not interested": "no-need", "no interest": "no-need", "no longer interested": "no-need",
	"competitor": "competitor", "lost to competitor": "competitor", "lost to competition": "competitor",
	"went with competitor": "competitor", "chose competitor": "competitor", "competition": "competitor",
	"went with a competitor": "competitor", "chose a competitor": "competitor",
	"product gap": "product-gap", "missing features": "product-gap", "features missing": "product-gap",
	"feature gap": "product-gap", "missing feature": "product-gap", "product fit": "product-gap",
	"trust": "trust", "risk": "trust", "hidden fees": "hidden-fees", "pricing confusion": "hidden-fees",
	"no decision maker": "waiting", "waiting on decision maker": "waiting", "champion left": "waiting",
}

// reasonOf maps a lost-reason value to a reason id of the mode: the
// user's mapping, the mode's ids and labels, then the common CRM values.
func reasonOf(o Options, raw string) (string, bool) {
	k := Key(raw)
	if id, ok := o.Map[k]; ok {
		return id, true
	}
	for _, r := range o.Mode.Reasons {
		if k == Key(r.ID) || k == Key(r.Label) {
			return r.ID, true
		}
	}
	if id, ok := reasonNames[k]; ok && slices.ContainsFunc(o.Mode.Reasons, func(r coach.Reason) bool { return r.ID == id }) {
		return id, true
	}
	return "", false
}

// ParseAmount reads an amount as exporters and spreadsheets write it:
// 12500, 12500.0, 12,500.00, $12,500, € 9.900,00, 9 900,50, (1,200.00),
// € 72.000.
func ParseAmount(s string) (float64, error) {
	var b strings.Builder
	neg := strings.HasPrefix(s, "-") || (strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',':
			b.WriteRune(r)
		case r == '-', r == '(', r == ')', r == '\'', unicode.IsSpace(r), unicode.IsLetter(r), unicode.Is(unicode.Sc, r):
			// signs, grouping and currency
		default:
			return 0, fmt.Errorf("can't read %q as an amount", s)
		}
	}
	d := b.String()
	if d == "" {
		return 0, fmt.Errorf("can't read %q as an amount", s)
	}
	dot, comma := strings.LastIndex(d, "."), strings.LastIndex(d, ",")
	switch {
	case dot >= 0 && comma >= 0 && comma > dot: // 9.900,00
		d = strings.ReplaceAll(d[:comma], ".", "") + "." + d[comma+1:]
	case dot >= 0 && comma >= 0: // 12,500.00
		d = strings.ReplaceAll(d, ",", "")
	case comma >= 0 && strings.Count(d, ",") == 1 && len(d)-comma-1 <= 2: // 9900,5
		d = strings.Replace(d, ",", ".", 1)
	case comma >= 0: // 12,500
		d = strings.ReplaceAll(d, ",", "")
	case strings.Count(d, ".") > 1, dot >= 0 && len(d)-dot-1 == 3: // 1.250.000, 72.000
		// Currencies have at most two decimals: three digits after the
		// one separator are thousands, as with the comma.
		d = strings.ReplaceAll(d, ".", "")
	}
	v, err := strconv.ParseFloat(d, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("can't read %q as an amount", s)
	}
	if v > journal.MaxAmount {
		return 0, fmt.Errorf("the amount %q is over %.0f", s, float64(journal.MaxAmount))
	}
	if neg {
		v = -v
	}
	return math.Round(v*100) / 100, nil
}

// columnOrder decides the order of the date column's slash dates: from
// the file (a day over 12 tells), else --date-order; a file that says
// both, or that --date-order contradicts, is refused at the first row
// that disagrees.
func columnOrder(values []string, lines []int, header, given string) (string, error) {
	order, from := given, 0
	ambiguousAt := 0
	for i, v := range values {
		o := slashOrder(v)
		if o == "" {
			if ambiguousAt == 0 && ambiguous(v) {
				ambiguousAt = i + 1
			}
			continue
		}
		switch {
		case order == "":
			order, from = o, i+1
		case order != o && from == 0:
			return "", errAt(lines[i], header, "%q can only be %s, but --date-order %s was given", strings.TrimSpace(v), orderWords(o), given)
		case order != o:
			return "", errAt(lines[i], header, "%q can only be %s, but line %d (%q) was %s; the column mixes both orders",
				strings.TrimSpace(v), orderWords(o), lines[from-1], strings.TrimSpace(values[from-1]), orderWords(order))
		}
	}
	if order == "" && ambiguousAt > 0 {
		i := ambiguousAt - 1
		return "", errAt(lines[i], header, "%q could be month first or day first, and no date in the file tells; say which with --date-order mdy or --date-order dmy",
			strings.TrimSpace(values[i]))
	}
	return order, nil
}
