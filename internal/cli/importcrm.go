package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/crm"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// crmFlags are import's flags for another tool's export (--from).
type crmFlags struct {
	from      string
	dryRun    bool
	maps      []string
	columns   string
	dateOrder string
}

func (f *crmFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.from, "from", "", "read another tool's CSV export: "+strings.Join(crm.Sources, ", ")+" (lost deals and rejections only)")
	fl.BoolVar(&f.dryRun, "dry-run", false, "with --from: say what would be imported (counts per reason, the first rows) and write nothing")
	fl.StringArrayVar(&f.maps, "map", nil, `with --from: read a lost-reason value as a reason id, "Lost to competitor=competitor" (repeatable)`)
	fl.StringVar(&f.columns, "columns", "", `with --from: the header of each field, who=Company,date="Date Applied",reason=Status (fields: `+strings.Join(crm.Fields, ", ")+")")
	fl.StringVar(&f.dateOrder, "date-order", "", "with --from: mdy or dmy, for slash dates the file cannot tell (03/04/2026)")
}

// used reports a --from flag given without --from.
func (f *crmFlags) used(cmd *cobra.Command) string {
	for _, n := range []string{"dry-run", "map", "columns", "date-order"} {
		if cmd.Flags().Changed(n) {
			return n
		}
	}
	return ""
}

// crmPreview is how many rows a dry run shows.
const crmPreview = 5

// importCRM imports the lost rows of another tool's export.
func (a *app) importCRM(ctx context.Context, file string, f crmFlags, asJSON bool) error {
	if !slices.Contains(crm.Sources, f.from) {
		return usage("unknown source %q for --from; choose one of: %s", f.from, strings.Join(crm.Sources, ", "))
	}
	if f.dateOrder != "" && f.dateOrder != crm.OrderMDY && f.dateOrder != crm.OrderDMY {
		return usage("--date-order is mdy (11/20/2026) or dmy (20/11/2026), not %q", f.dateOrder)
	}
	// A dry run into a journal not made yet leaves it unmade: nothing is
	// in it, and nothing is written, not even the empty file.
	var st *store.Store
	if _, err := os.Stat(a.dbPath()); !f.dryRun || err == nil {
		if st, err = a.open(); err != nil {
			return err
		}
	}
	mode, set, err := a.importMode(st, f.from)
	if err != nil {
		return err
	}
	cols, err := parseColumns(f.columns)
	if err != nil {
		return err
	}
	given, err := parseMaps(f.maps, mode)
	if err != nil {
		return err
	}
	// Saved answers first, --map over them.
	m := maps.Clone(set.ImportReasons[mode.ID])
	if m == nil {
		m = map[string]string{}
	}
	maps.Copy(m, given)
	in, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer in.Close()
	// The file and its rows are held whole (a CRM's lost deals are some
	// MiB at most); the soft limit has the collector keep the peak near
	// what is live, as for a JSON import.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	now := a.now()
	res, err := crm.Read(in, crm.Options{From: f.from, Mode: mode, Columns: cols, Map: m, DateOrder: f.dateOrder,
		Today: journal.Today(now), Now: now})
	if err != nil {
		return usage("%s: %v; nothing was imported", file, err)
	}
	// Rows imported before are left out first: a re-import asks nothing.
	srcs := make([]string, len(res.Rows))
	for i, r := range res.Rows {
		srcs[i] = r.No.Source
	}
	have := map[string]bool{}
	if st != nil {
		if have, err = st.HaveSources(srcs); err != nil {
			return err
		}
	}
	already := res.Drop(func(r *crm.Row) bool { return have[r.No.Source] })
	// On a terminal (--accessible makes stdout plain text, not a terminal
	// to commands: its prompts need only a terminal to read from).
	var answers map[string]string
	if len(res.Unknown) > 0 && !f.dryRun && !asJSON && a.stdinTTY() && (a.accessible || a.stdoutTTY()) {
		// ctrl+c stops it as any form: "Cancelled; nothing was saved."
		if answers, err = a.askReasons(ctx, f.from, mode, res.Unknown); err != nil {
			return err
		}
		res.Remap(answers, mode)
	}
	sum := crmSummary{File: file, From: f.from, Mode: mode.ID, DryRun: f.dryRun, Reasons: res.Counts(mode),
		Skipped: crmSkipped{Already: already, NotLost: res.NotLost, Future: res.Future, Repeated: res.Repeated},
		Unknown: res.Unknown, Nos: len(res.Rows)}
	if sum.Unknown == nil {
		sum.Unknown = []string{}
	}
	for _, r := range res.Rows[:min(len(res.Rows), crmPreview)] {
		sum.First = append(sum.First, crmRowOut{Line: r.Line, Date: r.No.Date, Who: r.No.Who, Reason: r.No.Reason,
			Amount: r.No.Amount, Source: r.No.Source})
	}
	if !f.dryRun && len(res.Rows) > 0 {
		// Numbered in date order, as an import into a journal with No's
		// numbers them; and the store need not sort them itself.
		slices.SortStableFunc(res.Rows, func(x, y crm.Row) int { return strings.Compare(string(x.No.Date), string(y.No.Date)) })
		ir, err := st.ImportNos(func(yield func(*journal.No) bool) {
			for i := range res.Rows {
				if !yield(&res.Rows[i].No) {
					return
				}
			}
		}, now)
		if err != nil {
			return fmt.Errorf("import %s (nothing was imported): %w", file, err)
		}
		// Rows another process imported meanwhile were skipped by the store.
		sum.Nos, sum.Skipped.Already = ir.Nos, already+ir.Skipped.Nos
		sum.FirstID, sum.LastID = ir.IDs.NowMin, ir.IDs.NowMax
	}
	// The answers are kept once the rows they were given for are in.
	if err := a.saveImportReasons(st, mode.ID, answers); err != nil {
		return err
	}
	if asJSON {
		return writeJSON(a.jsonOut(), sum)
	}
	_, err = io.WriteString(a.out(), crmReport(sum, res.Rows))
	return err
}

// importMode is the mode the rows are logged in: a CRM's lost deals are
// sales No's; a tracker's rows take --mode or the mode in use.
func (a *app) importMode(st *store.Store, from string) (*coach.Mode, journal.Settings, error) {
	set := journal.DefaultSettings()
	if st != nil {
		var err error
		if set, err = a.settings(); err != nil {
			return nil, set, err
		}
	}
	if from == crm.CSV {
		m, err := a.modeIn(set)
		return m, set, err
	}
	if a.modeFlag != "" && a.modeFlag != "sales" {
		return nil, set, usage("a %s export holds lost deals, which are No's of the sales mode; --mode %s goes with --from csv", crm.Name(from), a.modeFlag)
	}
	m, err := a.catalog().Mode("sales")
	return m, set, err
}

// parseColumns reads --columns: field=Header pairs, commas between them,
// a header with a comma in quotes.
func parseColumns(s string) (map[string]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	r := csv.NewReader(strings.NewReader(s))
	r.LazyQuotes = true
	pairs, err := r.Read()
	if err != nil {
		return nil, usage("--columns %q cannot be read; write it as who=Company,date=\"Date Applied\"", s)
	}
	out := map[string]string{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		k, v = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(v), `"'`)
		if !ok || v == "" {
			return nil, usage("--columns: %q is not field=Header; write it as who=Company,date=\"Date Applied\"", p)
		}
		if !slices.Contains(crm.Fields, k) {
			return nil, usage("--columns: unknown field %q; choose from: %s", k, strings.Join(crm.Fields, ", "))
		}
		out[k] = v
	}
	return out, nil
}

// parseMaps reads --map "VALUE=reason" (the last = splits: a value may
// hold one).
func parseMaps(ms []string, mode *coach.Mode) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range ms {
		i := strings.LastIndex(m, "=")
		if i <= 0 || strings.TrimSpace(m[i+1:]) == "" {
			return nil, usage(`--map %q is not VALUE=reason; write it as --map "Lost to competitor=competitor"`, m)
		}
		id := strings.TrimSpace(m[i+1:])
		if !slices.ContainsFunc(mode.Reasons, func(r coach.Reason) bool { return r.ID == id }) {
			return nil, usage("--map %q: unknown reason %q for mode %s; choose one of: %s", m, id, mode.ID, reasonIDList(mode))
		}
		out[crm.Key(m[:i])] = id
	}
	return out, nil
}

func reasonIDList(mode *coach.Mode) string {
	ids := make([]string, len(mode.Reasons))
	for i, r := range mode.Reasons {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// askReasons asks, once per value, which reason of the mode a lost-reason
// value is; "other, and the rest" stops asking.
func (a *app) askReasons(ctx context.Context, from string, mode *coach.Mode, values []string) (map[string]string, error) {
	const rest = "\x00rest"
	out := map[string]string{}
	for i, v := range values {
		choice := "other"
		opts := make([]huh.Option[string], 0, len(mode.Reasons)+1)
		for _, r := range mode.Reasons {
			opts = append(opts, huh.NewOption(fmt.Sprintf("%s (%s)", r.Label, r.ID), r.ID))
		}
		if len(values)-i > 1 {
			opts = append(opts, huh.NewOption(fmt.Sprintf("Other, and for the %s after this one (asked again next time)",
				words.Count(len(values)-i-1, "value", "values")), rest))
		}
		sel := huh.NewSelect[string]().Key("reason").
			Title(fmt.Sprintf("The lost reason %q (%s): which reason is it? (%d of %d)", textsafe.Truncate(oneLine(v), 60), crm.Name(from), i+1, len(values))).
			Description("Asked once: the answer is kept for the next import. The text stays with each No.").
			Options(opts...).Value(&choice)
		var err error
		if a.accessible {
			err = a.newPrompter(ctx).askOne(common.Question{Field: sel})
		} else {
			err = huh.NewForm(huh.NewGroup(sel)).WithInput(a.stdin).WithOutput(a.stdout).RunWithContext(ctx)
		}
		if err != nil {
			return nil, err
		}
		if choice == rest {
			break
		}
		out[crm.Key(v)] = choice
	}
	return out, nil
}

// saveImportReasons keeps the answers for the next import of the mode
// (values too long to be a pick-list entry are not kept).
func (a *app) saveImportReasons(st *store.Store, mode string, answers map[string]string) error {
	if len(answers) == 0 {
		return nil
	}
	set, err := st.Settings()
	if err != nil {
		return err
	}
	if set.ImportReasons == nil {
		set.ImportReasons = map[string]map[string]string{}
	}
	if set.ImportReasons[mode] == nil {
		set.ImportReasons[mode] = map[string]string{}
	}
	for v, id := range answers {
		if len(v) <= journal.MaxImportValue {
			set.ImportReasons[mode][v] = id
		}
	}
	if err := set.Validate(a.catalog()); err != nil {
		return err
	}
	return st.SaveSettings(set)
}

// crmSummary is what an import from another tool did (import --from
// --json prints it).
type crmSummary struct {
	File    string            `json:"file"`
	From    string            `json:"from"`
	Mode    string            `json:"mode"`
	DryRun  bool              `json:"dry_run"`
	Nos     int               `json:"nos"` // imported, or that would be
	FirstID uint64            `json:"first_id,omitempty"`
	LastID  uint64            `json:"last_id,omitempty"`
	Reasons []crm.ReasonCount `json:"reasons"`
	Skipped crmSkipped        `json:"skipped"`
	Unknown []string          `json:"unknown_reasons"`
	First   []crmRowOut       `json:"first,omitempty"`
}

type crmSkipped struct {
	Already  int `json:"already_imported"`
	NotLost  int `json:"not_lost"`
	Future   int `json:"future"`
	Repeated int `json:"repeated"`
}

type crmRowOut struct {
	Line   int         `json:"line"`
	Date   journal.Day `json:"date"`
	Who    string      `json:"who"`
	Reason string      `json:"reason,omitempty"`
	Amount float64     `json:"amount,omitempty"`
	Source string      `json:"source"`
}

// crmReport says what an import did or would do.
func crmReport(s crmSummary, rows []crm.Row) string {
	var b strings.Builder
	what := fmt.Sprintf("%s from %s (%s, %s mode)", journal.CountNos(s.Nos), s.File, crm.Name(s.From), s.Mode)
	switch {
	case s.DryRun:
		fmt.Fprintf(&b, "Would import %s; nothing was written (--dry-run).\n", what)
	case s.Nos == 0:
		fmt.Fprintf(&b, "Imported nothing from %s (%s): no new lost rows.\n", s.File, crm.Name(s.From))
	case s.FirstID == s.LastID:
		fmt.Fprintf(&b, "Imported %s: #%d.\n", what, s.FirstID)
	default:
		fmt.Fprintf(&b, "Imported %s: #%d–#%d.\n", what, s.FirstID, s.LastID)
	}
	if len(s.Reasons) > 0 {
		parts := make([]string, len(s.Reasons))
		for i, r := range s.Reasons {
			parts[i] = fmt.Sprintf("%s %d", cmpOr(r.ID, r.Label), r.Count)
		}
		fmt.Fprintf(&b, "By reason: %s.\n", strings.Join(parts, ", "))
	}
	if s.DryRun && len(rows) > 0 {
		b.WriteString("The first rows:\n")
		for _, r := range rows[:min(len(rows), crmPreview)] {
			amount := ""
			if r.No.Amount != 0 {
				amount = "  " + humanize.CommafWithDigits(r.No.Amount, 2)
			}
			fmt.Fprintf(&b, "  line %-4d %s  %-28s %-12s%s\n", r.Line, r.No.Date, textsafe.Truncate(oneLine(r.No.Who), 28), cmpOr(r.No.Reason, "-"), amount)
		}
		if len(rows) > crmPreview {
			fmt.Fprintf(&b, "  … and %d more.\n", len(rows)-crmPreview)
		}
	}
	var skipped []string
	for _, x := range []struct {
		n    int
		what string
	}{{s.Skipped.Already, "already imported"}, {s.Skipped.NotLost, "not lost (open, won or still going)"},
		{s.Skipped.Future, "dated after today"}, {s.Skipped.Repeated, "repeating a deal above"}} {
		if x.n > 0 {
			skipped = append(skipped, fmt.Sprintf("%s %s", words.Count(x.n, "row", "rows"), x.what))
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "Skipped: %s.\n", strings.Join(skipped, ", "))
	}
	if len(s.Unknown) > 0 {
		q := make([]string, 0, 3)
		for _, v := range s.Unknown[:min(3, len(s.Unknown))] {
			q = append(q, strconv.Quote(textsafe.Truncate(oneLine(v), 40)))
		}
		more := ""
		if len(s.Unknown) > 3 {
			more = fmt.Sprintf(" and %d more", len(s.Unknown)-3)
		}
		verb := "are"
		switch {
		case s.DryRun:
			verb = "would be"
		case len(s.Unknown) == 1:
			verb = "is"
		}
		them := "them"
		if len(s.Unknown) == 1 {
			them = "it"
		}
		how := fmt.Sprintf("set %s with --map \"VALUE=reason\", or import on a terminal to choose", them)
		if !s.DryRun {
			// Those rows are in now: a later import skips them.
			how = "rebound edit ID --reason R changes a No, and --map \"VALUE=reason\" maps the value in later imports"
		}
		fmt.Fprintf(&b, "%s no mapping knows (%s%s) %s other, the text kept; %s.\n",
			words.Count(len(s.Unknown), "lost reason", "lost reasons"), strings.Join(q, ", "), more, verb, how)
	}
	return b.String()
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// amountCell is an amount as a sheet reads it back: 12500, 12500.5, or
// empty for none.
func amountCell(a float64) string {
	if a == 0 {
		return ""
	}
	return strconv.FormatFloat(a, 'f', -1, 64)
}
