// Package ratio is the "closer to yes" meter: from the user's own history,
// how often one of their No's became a yes, with the counts behind it
// ("about 1 in 9 of your No's became a yes: 11 of 98"). It never says when
// the next yes will come: each No is its own chance, and a run of No's does
// not make a yes "due". Compute is pure; Load reads the two counts.
package ratio

import (
	"fmt"
	"math"

	"github.com/rebound-coach/rebound/internal/words"
)

// MinNos is how many No's the meter needs before it shows a rate: fewer
// give a figure that one more No would swing.
const MinNos = 10

// Meter is the "closer to yes" figure.
type Meter struct {
	// Nos is every No logged (including those that later became a yes);
	// Yeses those whose outcome is yes. Wins logged without a No are not
	// No's that became a yes, so they never count.
	Nos   int `json:"nos"`
	Yeses int `json:"yeses"`
	// Rate is Yeses/Nos and OneIn its "1 in N" (0 without a yes); both 0
	// until Enough.
	Rate  float64 `json:"rate"`
	OneIn int     `json:"one_in"`
	// Enough is true from MinNos No's.
	Enough bool `json:"enough"`
	// Message says it in one sentence, with its counts.
	Message string `json:"message"`
}

// Compute builds the meter from the No's logged and those among them whose
// outcome is yes.
func Compute(nos, yeses int) Meter {
	nos = max(0, nos)
	yeses = min(max(0, yeses), nos)
	m := Meter{Nos: nos, Yeses: yeses}
	switch {
	case nos == 0:
		m.Message = fmt.Sprintf("Log your No's: from %d on, this shows how often one became a yes.", MinNos)
		return m
	case nos < MinNos:
		m.Message = fmt.Sprintf("%s so far; from %d on, this shows how often one became a yes.", words.Count(nos, "No", "No's"), MinNos)
		return m
	}
	m.Enough = true
	m.Rate = float64(yeses) / float64(nos)
	switch {
	case yeses == 0:
		m.Message = fmt.Sprintf("None of your %d No's has become a yes yet: each one still teaches something.", nos)
	case 2*yeses > nos:
		m.OneIn = 1
		m.Message = fmt.Sprintf("%d of your %d No's became a yes.", yeses, nos)
	default:
		m.OneIn = int(math.Round(float64(nos) / float64(yeses)))
		m.Message = fmt.Sprintf("About 1 in %d of your No's became a yes: %d of %d.", m.OneIn, yeses, nos)
	}
	return m
}
