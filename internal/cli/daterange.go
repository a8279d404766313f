package cli

import (
	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
)

// dateRange reads --from and --to ("" is open) as the dates are read
// everywhere else ("last monday", "3 weeks ago", 2026-10-01); a --from
// after --to is a usage error.
func (a *app) dateRange(from, to string) (journal.Day, journal.Day, error) {
	var f, t journal.Day
	var err error
	if from != "" {
		if f, err = dates.Parse(from, a.now()); err != nil {
			return "", "", usage("--from: %v", err)
		}
	}
	if to != "" {
		if t, err = dates.Parse(to, a.now()); err != nil {
			return "", "", usage("--to: %v", err)
		}
	}
	if f != "" && t != "" && t.Before(f) {
		return "", "", usage("--from %s is after --to %s; give the earlier day first", f, t)
	}
	return f, t, nil
}
