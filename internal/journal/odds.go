package journal

// Odds are how many No's of one kind a mode holds (Total) and how many of
// them turned around (Turned: their outcome ever reached maybe or yes). A
// count of what happened, never a forecast.
type Odds struct {
	Turned int `json:"turned"`
	Total  int `json:"total"`
}

// MinOddsNos is the fewest No's of a kind before its odds are shown: no
// rate is shown from fewer than 10 No's.
const MinOddsNos = 10

// Enough reports whether o rests on at least MinOddsNos No's.
func (o Odds) Enough() bool { return o.Total >= MinOddsNos }
