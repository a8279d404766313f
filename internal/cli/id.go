package cli

import (
	"strconv"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usage("%q is not a No id; ids are whole numbers like 12 (see rebound journal --print)", s)
	}
	return id, nil
}

// loadNo reads the No named by a command's ID argument: a bad id is a
// usage error (exit 2), an unknown one the store's "no No with id" (exit 1).
func (a *app) loadNo(arg string) (*store.Store, journal.No, error) {
	id, err := parseID(arg)
	if err != nil {
		return nil, journal.No{}, err
	}
	st, err := a.open()
	if err != nil {
		return nil, journal.No{}, err
	}
	n, err := st.GetNo(id)
	return st, n, err
}
