package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/crm"
	"github.com/rebound-coach/rebound/internal/exchange"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/words"
)

func (a *app) importCommand() *cobra.Command {
	var asJSON bool
	var fromTool crmFlags
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Read a JSON export back in (importing the same file twice adds nothing)",
		Long: `Read a JSON export (rebound export --format json) into this journal.
Every record is checked, and the file is imported all or nothing: a
malformed file, one from a newer Rebound, or a record the command line would
refuse (a field over 64 KB, a tag over 100 bytes, a date outside 1900-2200, a
mode or reason this build does not have...) is refused with the record, its
line and what is wrong, and nothing is imported. No's already in the journal
are skipped. A larger import (over 300 records or 1 MB) is written to a copy
of the journal next to it, which replaces it only once the whole file is
read, so it needs free space for a second copy, and about as much again when
its No's must be put in date order first.

Into a journal without No's (a restore), every No keeps its number from the
file. Into one with No's, the imported No's are numbered after them, in
date order, and the command says which number each got (--json lists each).
An experiment already in the journal (the same mode, name and start) is
skipped; when it still runs here and has ended in the file, it ends here too.
A new one keeps its number from the file when that number is free.

With --from, FILE is another tool's CSV export: HubSpot's deals export,
Pipedrive's deals export, a Salesforce opportunities report, or any
tracker's sheet (--from csv, with --columns naming its headers). Only lost
deals and rejections are imported, each remembering its source and row id:
importing the same export again adds nothing, a newer one only its new
rows. A CRM's deals are sales No's; --from csv uses the mode in use.`,
		Example: "  rebound import rebound.json\n  rebound --db /tmp/new.db import rebound.json\n  rebound import rebound.json --json\n" +
			"  rebound import --from hubspot deals.csv --dry-run\n  rebound import --from pipedrive deals.csv --map \"Chose to build in-house=no-need\"\n" +
			"  rebound --mode job import --from csv tracker.csv --columns who=Company,date=\"Date Applied\",reason=Status",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fromTool.from != "" {
				return a.importCRM(cmd.Context(), args[0], fromTool, asJSON)
			}
			if n := fromTool.used(cmd); n != "" {
				return usage("--%s goes with --from (%s); a Rebound export needs none", n, strings.Join(crm.Sources, ", "))
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			defer f.Close()
			// An import holds a record and a batch at a time, a few MiB; a
			// soft limit has the collector return a long import's garbage
			// before the heap doubles, so its peak stays under 30 MiB.
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
			// The file is read a record at a time (a 1M export is a
			// gigabyte). A large one is written as it is read and checked
			// (store.ImportOnce); a small one, or one whose No's the store
			// must sort first, is checked whole first, and only a file that
			// passes is read again, as often as the store asks, to be
			// written. A No dated after today is refused, as log and edit
			// refuse it.
			today := journal.Today(a.now())
			refused := func(err error) error {
				var xe *exchange.Error
				if errors.As(err, &xe) {
					return usage("%s: %v; nothing was imported", args[0], xe)
				}
				return fmt.Errorf("import %s (nothing was imported): %w", args[0], err)
			}
			var res store.ImportResult
			once := false
			if fi, err := f.Stat(); err == nil && store.ReadOnce(fi.Size()) {
				// A large export is written to a copy of the journal as it
				// is read: a problem anywhere throws the copy away.
				st, err := a.open()
				if err != nil {
					return err
				}
				res, err = st.ImportOnce(func(to journal.Records) (journal.Export, error) {
					head, _, err := exchange.StreamParallel(f, a.catalog(), today, to)
					return head, err
				}, a.now())
				switch {
				case err == nil:
					once = true
				case !errors.Is(err, store.ErrTwoReads):
					return refused(err)
				default:
					if _, err := f.Seek(0, io.SeekStart); err != nil {
						return fmt.Errorf("import: %w", err)
					}
				}
			}
			if !once {
				head, size, err := exchange.StreamParallel(f, a.catalog(), today, journal.Records{})
				if err != nil {
					return refused(err)
				}
				st, err := a.open()
				if err != nil {
					return err
				}
				res, err = st.ImportStream(head, size, func(to journal.Records) error {
					if _, err := f.Seek(0, io.SeekStart); err != nil {
						return err
					}
					_, _, err := exchange.StreamParallel(f, a.catalog(), today, to)
					return err
				}, a.now())
				if err != nil {
					return fmt.Errorf("import %s (nothing was imported): %w", args[0], err)
				}
			}
			if asJSON {
				return writeJSON(a.jsonOut(), importJSON(res))
			}
			_, err = io.WriteString(a.out(), importReport(args[0], res))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what was imported as JSON, with each No's old and new number")
	fromTool.register(cmd)
	return cmd
}

// importReport says what an import added, each kind counted on its own,
// which numbers the No's got, and what was skipped.
func importReport(file string, res store.ImportResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Imported %s from %s.\n", countsSentence(res.Nos, res.Reflections, res.Wins), file)
	if line := idsSentence(res.Nos, res.IDs); line != "" {
		b.WriteString(line + "\n")
	}
	if sk := res.Skipped; sk.Total() > 0 {
		fmt.Fprintf(&b, "Already in this journal, skipped: %s.\n", countsSentence(sk.Nos, sk.Reflections, sk.Wins))
	}
	if x := res.Experiments; x != (store.ExperimentsImported{}) {
		fmt.Fprintf(&b, "Experiments: %d added, %d already here", x.Added, x.Skipped)
		if x.Ended > 0 {
			fmt.Fprintf(&b, " (%d of them ended as in the file)", x.Ended)
		}
		b.WriteString(".\n")
	}
	if x := res.Reviews; x != (store.ReviewsImported{}) {
		fmt.Fprintf(&b, "Weekly reviews: %d added, %d already here.\n", x.Added, x.Skipped)
	}
	return b.String()
}

// countsSentence is "2 No's, 1 reflection and 3 wins".
func countsSentence(nos, refl, wins int) string {
	return words.Count(nos, "No", "No's") + ", " + words.Count(refl, "reflection", "reflections") +
		" and " + words.Count(wins, "win", "wins")
}

// maxRunsSaid is how many runs of renumbered No's the report spells out;
// beyond that it gives the ranges and points to --json.
const maxRunsSaid = 4

// idsSentence says how the imported No's were numbered: kept from the
// file, or moved (a few runs spelled out, else the ranges).
func idsSentence(nos int, m store.IDMap) string {
	if nos == 0 {
		return ""
	}
	if m.Moved == 0 {
		if nos == 1 {
			return "It keeps its number from the file."
		}
		return "They keep their numbers from the file."
	}
	lead := "Their numbers here: "
	if m.Kept > 0 {
		lead = fmt.Sprintf("%s keep their numbers from the file; %s got new ones: ",
			words.Count(m.Kept, "No", "No's"), words.Count(m.Moved, "No", "No's"))
	}
	if m.Cut || len(m.Runs) > maxRunsSaid {
		was := "they were " + idRange(m.WasMin, m.WasMax) + " in the file"
		if m.WasMax == 0 {
			was = "the file gave them none"
		}
		return fmt.Sprintf("%s%s, in date order (%s); --json lists each.", lead, idRange(m.NowMin, m.NowMax), was)
	}
	if len(m.Runs) == 1 && m.Runs[0].Was != 0 {
		r := m.Runs[0]
		verb := "they were"
		if r.Count == 1 {
			verb = "it was"
		}
		return fmt.Sprintf("%s%s (%s %s in the file).", lead, idRange(r.Now, r.Now+r.Count-1), verb, idRange(r.Was, r.Was+r.Count-1))
	}
	parts := make([]string, len(m.Runs))
	for i, r := range m.Runs {
		was := idRange(r.Was, r.Was+r.Count-1) + " in the file"
		if r.Was == 0 {
			was = words.Count(int(r.Count), "No", "No's") + " without a number"
		}
		parts[i] = fmt.Sprintf("%s → %s", was, idRange(r.Now, r.Now+r.Count-1))
	}
	return lead + strings.Join(parts, ", ") + "."
}

// idRange is "#4" or "#4–#9".
func idRange(from, to uint64) string {
	if from == to {
		return fmt.Sprintf("#%d", from)
	}
	return fmt.Sprintf("#%d–#%d", from, to)
}

// importOut is import --json: the counts, and every No that did not keep
// its number from the file as runs ("was" absent: the file gave none).
type importOut struct {
	Nos         int           `json:"nos"`
	Reflections int           `json:"reflections"`
	Wins        int           `json:"wins"`
	Skipped     importSkipped `json:"skipped"`
	KeptIDs     int           `json:"kept_ids"`
	IDs         []importRun   `json:"ids"`
	// IDsComplete is false when the numbers moved in more runs than an
	// import keeps in memory (65,536): ids then holds the first ones.
	IDsComplete bool `json:"ids_complete"`
	// Experiments: added, already here (skipped), and of those the ones
	// the file had ended while they ran here (ended).
	Experiments importExperiments `json:"experiments"`
	// Reviews: added, and already here (that week's review kept).
	Reviews importReviews `json:"reviews"`
}

type importReviews struct {
	Added   int `json:"added"`
	Skipped int `json:"skipped"`
}

type importExperiments struct {
	Added   int `json:"added"`
	Skipped int `json:"skipped"`
	Ended   int `json:"ended"`
}

type importSkipped struct {
	Nos         int `json:"nos"`
	Reflections int `json:"reflections"`
	Wins        int `json:"wins"`
}

type importRun struct {
	Was   uint64 `json:"was,omitempty"`
	Now   uint64 `json:"now"`
	Count uint64 `json:"count"`
}

func importJSON(res store.ImportResult) importOut {
	out := importOut{Nos: res.Nos, Reflections: res.Reflections, Wins: res.Wins,
		Skipped: importSkipped(res.Skipped), KeptIDs: res.IDs.Kept,
		IDs: make([]importRun, len(res.IDs.Runs)), IDsComplete: !res.IDs.Cut,
		Experiments: importExperiments(res.Experiments), Reviews: importReviews(res.Reviews)}
	for i, r := range res.IDs.Runs {
		out.IDs[i] = importRun(r)
	}
	return out
}

// importMemoryLimit is the Go runtime's soft memory limit while importing.
// Of it the runtime keeps 6-9 MiB for itself (its metadata, a profiling
// table it never fills, stacks), so at 12 MiB the heap's goal was 3 MiB
// and the collector ran every 2 ms; at 16 the goal is what GOGC gives.
// Peak RSS: 26 MiB at 100k No's, 28.7 MiB at a million.
const importMemoryLimit = 16 << 20
