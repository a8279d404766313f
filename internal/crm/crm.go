// Package crm reads the CSV exports where No's already live — HubSpot's
// deals export, Pipedrive's deals export, a Salesforce opportunities
// report, any tracker's spreadsheet — and keeps the lost rows as No's to
// import: company (else the deal) as who, the close or lost date, the lost
// reason as a reason id of the mode, the amount, the stage and the row's
// source id, which makes importing the same export twice add nothing.
// It reads what it is given and writes nothing.
package crm

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// The sources import --from names.
const (
	HubSpot    = "hubspot"
	Pipedrive  = "pipedrive"
	Salesforce = "salesforce"
	CSV        = "csv"
)

// Sources in the order help lists them.
var Sources = []string{HubSpot, Pipedrive, Salesforce, CSV}

// Fields --columns may name, in the order help lists them.
var Fields = []string{"who", "deal", "offer", "contact", "date", "reason", "reason_text", "amount", "stage", "status", "id"}

// MaxFile is the largest export read (a CRM's lost deals are far less).
const MaxFile = 256 << 20

// Options say how to read one export.
type Options struct {
	From string      // one of Sources
	Mode *coach.Mode // the mode the No's are logged in
	// Columns names the header of a field (Fields), over the source's own
	// names: --columns.
	Columns map[string]string
	// Map turns a lost-reason value (Key) into a reason id of the mode:
	// --map, then the answers saved from earlier imports.
	Map map[string]string
	// DateOrder is "mdy" or "dmy" for slash dates the file cannot tell
	// ("" lets the file say).
	DateOrder string
	Today     journal.Day // lost rows dated after it are skipped
	Now       time.Time   // created_at of the No's
}

// Row is one lost row, ready to import.
type Row struct {
	Line int // where its record starts in the file
	No   journal.No
	// Reason is the lost reason as the file has it; Unmapped says no
	// mapping knew it, so the No holds "other" (and the text) for now.
	Reason   string
	Unmapped bool
}

// Result is what an export holds.
type Result struct {
	Rows      []Row
	NotLost   int // rows of deals not lost (open, won): skipped
	Future    int // lost rows dated after today: skipped
	Repeated  int // rows of a deal already read above (a report with a row per product)
	Unknown   []string
	DateOrder string // the order slash dates were read in ("" when there were none)
}

// Error is a bad row: its line and column, and what is wrong.
type Error struct {
	Line   int
	Column string
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column != "":
		return fmt.Sprintf("line %d, column %q: %s", e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

func errAt(line int, col, format string, a ...any) error {
	return &Error{Line: line, Column: col, Msg: fmt.Sprintf(format, a...)}
}

// Key is how lost-reason values and headers are compared: lower case,
// spaces collapsed.
func Key(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Name is how help and messages name a source.
func Name(from string) string {
	switch from {
	case HubSpot:
		return "HubSpot"
	case Pipedrive:
		return "Pipedrive"
	case Salesforce:
		return "Salesforce"
	}
	return "CSV"
}

// Read reads an export whole and returns its lost rows.
func Read(r io.Reader, o Options) (*Result, error) {
	if !slices.Contains(Sources, o.From) {
		return nil, fmt.Errorf("unknown source %q; choose one of: %s", o.From, strings.Join(Sources, ", "))
	}
	if o.Mode == nil {
		return nil, errors.New("no mode to import into")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFile {
		return nil, fmt.Errorf("the file is over %d MiB; export fewer rows (only lost deals) and import that", MaxFile>>20)
	}
	text := decodeText(data)
	data = nil
	var head []string
	var cols columns
	// Two passes over the text: the first checks every row's shape and
	// learns the date column's order, the second makes the rows; no pass
	// keeps the records.
	var dates []string
	var lines []int
	lost := 0 // rows to make: the second pass holds them in one allocation
	rd := &reader{o: o, res: &Result{}, seen: map[string]bool{}, unknown: map[string]bool{}}
	err = eachRecord(text, func(line int, rec []string) error {
		if head == nil {
			head = rec
			var err error
			cols, err = findColumns(o, head)
			return err
		}
		if len(rec) != len(head) {
			return errAt(line, "", "the row has %d fields but the header has %d; the file may have been cut or edited by hand", len(rec), len(head))
		}
		rd.cols = cols
		if rd.lost(rec) {
			lost++
		}
		if cols.has("date") {
			dates = append(dates, strings.Clone(cols.get(rec, "date")))
			lines = append(lines, line)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if head == nil {
		return nil, errors.New("the file is empty")
	}
	res := rd.res
	res.Rows = make([]Row, 0, lost)
	if res.DateOrder, err = columnOrder(dates, lines, cols.header("date"), o.DateOrder); err != nil {
		return nil, err
	}
	dates, lines = nil, nil
	rd.cols = cols
	first := true
	err = eachRecord(text, func(line int, rec []string) error {
		if first {
			first = false
			return nil
		}
		return rd.row(line, rec)
	})
	return res, err
}

// eachRecord hands each record of text to fn with its line, the header
// first, leaving out blank lines and Salesforce's footer: a report ends
// with lines of one field ("Grand Totals (12 records)", "Confidential
// Information - Do Not Distribute", the copyright), which are not rows.
func eachRecord(text []byte, fn func(line int, rec []string) error) error {
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sniffComma(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true // exporters and spreadsheets leave stray quotes in notes
	cr.ReuseRecord = true
	fields := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) || (len(rec) == 1 && fields > 1) {
			continue
		}
		if fields == 0 {
			fields = len(rec)
			rec = slices.Clone(rec) // the header outlives the call
		}
		if err := fn(line, rec); err != nil {
			return err
		}
	}
}

// Remap applies answers (Key of a value -> reason id) to the rows no
// mapping knew, and drops those values from Unknown.
func (r *Result) Remap(m map[string]string, mode *coach.Mode) {
	for i := range r.Rows {
		row := &r.Rows[i]
		if id, ok := m[Key(row.Reason)]; ok && row.Unmapped {
			row.No.Reason, row.Unmapped = id, false
			row.No.ReasonText = reasonText(row.No.ReasonText, row.Reason, id, mode)
		}
	}
	r.Unknown = slices.DeleteFunc(r.Unknown, func(v string) bool { _, ok := m[Key(v)]; return ok })
}

// Counts are the rows per reason id, in the mode's order.
func (r *Result) Counts(mode *coach.Mode) []ReasonCount {
	n := map[string]int{}
	for _, row := range r.Rows {
		n[row.No.Reason]++
	}
	var out []ReasonCount
	for _, rs := range mode.Reasons {
		if n[rs.ID] > 0 {
			out = append(out, ReasonCount{ID: rs.ID, Label: rs.Label, Count: n[rs.ID]})
		}
	}
	if n[""] > 0 {
		out = append(out, ReasonCount{Label: "no reason given", Count: n[""]})
	}
	return out
}

// ReasonCount is how many rows a reason has.
type ReasonCount struct {
	ID    string `json:"id,omitempty"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return errAt(pe.StartLine, "", "the CSV cannot be read (%v)", pe.Err)
	}
	return err
}

// decodeText turns an export into text: the byte-order mark goes, UTF-16
// (some spreadsheet saves) is decoded, and a file that is not UTF-8 is
// read as Windows-1252 (Salesforce's and Excel's Western default).
func decodeText(b []byte) []byte {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return []byte(decodeUTF16(b[2:], b[0] == 0xFE))
	}
	if utf8.Valid(b) {
		return b
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

func decodeUTF16(b []byte, big bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if big {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// sniffComma picks the separator from the header line: a tab or a
// semicolon (Excel in much of Europe) when they outnumber commas.
func sniffComma(text []byte) rune {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	c, t, s := bytes.Count(line, []byte(",")), bytes.Count(line, []byte("\t")), bytes.Count(line, []byte(";"))
	switch {
	case t > c && t >= s:
		return '\t'
	case s > c:
		return ';'
	}
	return ','
}

// reader turns records into rows.
type reader struct {
	o       Options
	cols    columns
	res     *Result
	seen    map[string]bool // sources read so far
	unknown map[string]bool
}

func (rd *reader) row(line int, rec []string) error {
	o, c := rd.o, rd.cols
	// Copies: a field shares its record's string, notes and all.
	get := func(f string) string { return strings.Clone(c.get(rec, f)) }
	if !rd.lost(rec) {
		rd.res.NotLost++
		return nil
	}
	var n journal.No
	var err error
	if n.Date, err = parseDate(get("date"), rd.res.DateOrder); err != nil {
		return errAt(line, c.header("date"), "%v", err)
	}
	company, deal := oneLine(get("who")), oneLine(get("deal"))
	if o.From == HubSpot {
		// "Associated Company" lists every company of the deal: "Acme;Globex".
		company, _, _ = strings.Cut(company, ";")
		company = strings.TrimSpace(company)
	}
	switch {
	case company != "":
		n.Who = company
		if deal != "" && Key(deal) != Key(company) {
			n.Offer = deal
		}
	case deal != "":
		n.Who = deal
	default:
		return errAt(line, "", "the row has no %s; every No needs a who", c.whoWords())
	}
	if off := oneLine(get("offer")); off != "" {
		n.Offer = off
	}
	n.Contact = contactName(get("contact"))
	if a := strings.TrimSpace(get("amount")); a != "" && !noValue(a) {
		if n.Amount, err = ParseAmount(a); err != nil {
			return errAt(line, c.header("amount"), "%v", err)
		}
	}
	n.Stage, n.Tags = stageOf(o.Mode, get("stage"))
	raw := strings.TrimSpace(get("reason"))
	row := Row{Line: line, Reason: raw}
	if raw != "" {
		id, ok := reasonOf(o, raw)
		if !ok {
			id, row.Unmapped = "other", true
		}
		n.Reason = id
	}
	n.ReasonText = strings.TrimSpace(get("reason_text"))
	if n.Reason != "" {
		n.ReasonText = reasonText(n.ReasonText, raw, n.Reason, o.Mode)
	}
	n.Source = rd.source(rec, n)
	// A deal already read above: a report's row per product, or the same
	// row twice (without an id, the same who, offer, contact and date).
	if rd.seen[n.Source] {
		rd.res.Repeated++
		return nil
	}
	rd.seen[n.Source] = true
	if !o.Today.IsZero() && o.Today.Before(n.Date) {
		rd.res.Future++
		return nil
	}
	n.Mode = o.Mode.ID
	n.CreatedAt, n.UpdatedAt = o.Now.UTC(), o.Now.UTC()
	journal.NormaliseText(&n)
	if err := n.CheckLimits(); err != nil {
		return errAt(line, "", "%v", err)
	}
	if row.Unmapped && !rd.unknown[Key(raw)] {
		rd.unknown[Key(raw)] = true
		rd.res.Unknown = append(rd.res.Unknown, raw)
	}
	row.No = n
	rd.res.Rows = append(rd.res.Rows, row)
	return nil
}

// source is the row's id in its source: the id column, else a hash of
// what makes the row this No (who, the deal, the contact, the date), so
// that other columns may change between exports.
func (rd *reader) source(rec []string, n journal.No) string {
	if id := strings.TrimSpace(strings.Clone(rd.cols.get(rec, "id"))); id != "" {
		return rd.o.From + ":" + oneLine(id)
	}
	h := sha256.Sum256([]byte(strings.Join([]string{Key(n.Who), Key(n.Offer), Key(n.Contact), string(n.Date)}, "\x1f")))
	return rd.o.From + ":h" + hex.EncodeToString(h[:8])
}

// reasonText is the free text to keep: the file's free-text column, else
// the lost-reason value itself unless it only names the reason.
func reasonText(text, raw, id string, mode *coach.Mode) string {
	if text != "" || raw == "" {
		return text
	}
	k := Key(raw)
	if k == Key(id) {
		return ""
	}
	for _, r := range mode.Reasons {
		if r.ID == id && Key(r.Label) == k {
			return ""
		}
	}
	return raw
}

// oneLine is a name's text on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// contactName is the first contact's name: HubSpot writes
// "Dana Smith (dana@globex.com);Lee Wu (lee@globex.com)".
func contactName(s string) string {
	first, _, _ := strings.Cut(s, ";")
	first = oneLine(first)
	if i := strings.LastIndex(first, " ("); i > 0 && strings.HasSuffix(first, ")") {
		first = first[:i]
	}
	return first
}

// noValue is a cell that says there is none: "-", "n/a", "none".
func noValue(s string) bool {
	switch Key(s) {
	case "-", "—", "n/a", "na", "none", "null":
		return true
	}
	return false
}

// Drop removes the rows drop says (already in the journal) and returns
// how many; Unknown keeps only the values rows still need.
func (r *Result) Drop(drop func(*Row) bool) int {
	before := len(r.Rows)
	r.Rows = slices.DeleteFunc(r.Rows, func(row Row) bool { return drop(&row) })
	need := map[string]bool{}
	for _, row := range r.Rows {
		if row.Unmapped {
			need[Key(row.Reason)] = true
		}
	}
	r.Unknown = slices.DeleteFunc(r.Unknown, func(v string) bool { return !need[Key(v)] })
	return before - len(r.Rows)
}
