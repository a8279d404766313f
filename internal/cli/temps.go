package cli

import (
	"fmt"
	"io"

	"github.com/dustin/go-humanize"

	"github.com/rebound-coach/rebound/internal/store"
)

// reportTemps says what doctor found of the temporaries interrupted runs
// leave behind: what it removed, and what it left and why.
func reportTemps(w io.Writer, temps []store.TempFile) {
	var removed, kept []store.TempFile
	var size int64
	for _, t := range temps {
		if t.Removed {
			removed = append(removed, t)
			size += t.Size
		} else {
			kept = append(kept, t)
		}
	}
	stale := fmt.Sprintf("%d minutes", int(store.StaleAfter.Minutes()))
	line := func(t store.TempFile) {
		fmt.Fprintf(w, "  %s  %s  %s (%s)\n", t.ModTime.Local().Format("2006-01-02 15:04"), humanize.IBytes(uint64(t.Size)), t.Path, t.What)
	}
	if len(removed) > 0 {
		fmt.Fprintf(w, "Removed %d file(s) that interrupted runs left behind (%s):\n", len(removed), humanize.IBytes(uint64(size)))
		for _, t := range removed {
			line(t)
		}
	}
	for _, t := range kept {
		switch {
		case t.What == store.ImportCopy && t.InUse:
			fmt.Fprintf(w, "An import is running; its copy of the journal is %s.\n", t.Path)
		case t.What == store.ImportCopy:
			fmt.Fprintf(w, "An interrupted import left a partial copy at %s; the journal was not changed by it. The next import removes it, and so does the next write or doctor once it is %s old.\n", t.Path, stale)
		case t.InUse:
			fmt.Fprintf(w, "In use by a running rebound, left in place: %s (%s).\n", t.Path, t.What)
		default:
			fmt.Fprintf(w, "Written less than %s ago, left in place for now: %s (%s).\n", stale, t.Path, t.What)
		}
	}
}
