package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// noExporter is where an export reads its No's: the whole journal (the
// store) or the days of --from/--to (rangedNos).
type noExporter interface {
	ExportNos(newestFirst bool, fn func(journal.No) error) (int, error)
	ExportNosJSON(indent string, emit func([]byte) error) (int, error)
}

// rangedNos are the No's dated from..to ("" open), read as the journal
// list reads them: a page of rows by date, then those No's, so memory
// holds a page however many match.
type rangedNos struct {
	st       *store.Store
	from, to journal.Day
}

func (r rangedNos) ExportNos(newestFirst bool, fn func(journal.No) error) (int, error) {
	q := store.Query{From: r.from, To: r.to, Limit: jsonPage, Oldest: !newestFirst}
	count := 0
	ids := make([]uint64, 0, jsonPage)
	for {
		rows, next, err := r.st.ListRows(q)
		if err != nil {
			return count, err
		}
		ids = ids[:0]
		for row := range rows.All() {
			ids = append(ids, row.ID)
		}
		if !newestFirst {
			slices.Reverse(ids) // a page comes newest first
		}
		nos, err := r.st.GetNos(ids)
		if err != nil {
			return count, err
		}
		for _, n := range nos {
			if err := fn(n); err != nil {
				return count, err
			}
			count++
		}
		if next == nil {
			return count, nil
		}
		if newestFirst {
			q.Before = next
		} else {
			q.After, q.Oldest = next, false
		}
	}
}

// ExportNosJSON writes the No's as store.ExportNosJSON does (",\n", the
// indent and two spaces, then the No indented from there), oldest first.
func (r rangedNos) ExportNosJSON(indent string, emit func([]byte) error) (int, error) {
	prefix := indent + "  "
	var buf bytes.Buffer
	return r.ExportNos(false, func(n journal.No) error {
		buf.Reset()
		buf.WriteString(",\n" + prefix)
		enc := json.NewEncoder(&buf)
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(n); err != nil {
			return fmt.Errorf("write JSON: No %d: %w", n.ID, err)
		}
		return emit(bytes.TrimRight(buf.Bytes(), "\n"))
	})
}

// inRange keeps the reflections, wins and rest days of e dated from..to;
// settings, experiments and reviews stay whole.
func inRange(e *journal.Export, from, to journal.Day) {
	in := func(d journal.Day) bool { return (from == "" || !d.Before(from)) && (to == "" || !to.Before(d)) }
	e.Reflections = slices.DeleteFunc(e.Reflections, func(r journal.Reflection) bool { return !in(r.Date) })
	e.Wins = slices.DeleteFunc(e.Wins, func(w journal.Win) bool { return !in(w.Date) })
	e.RestDays = slices.DeleteFunc(e.RestDays, func(d journal.Day) bool { return !in(d) })
}
