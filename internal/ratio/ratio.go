// Package ratio is the "closer to yes" meter: from the user's own history,
// how many No's come before a yes on average, and about how many more to
// the next one. Compute is pure; Load reads what it needs from the store.
package ratio

import (
	"fmt"
	"math"
	"strconv"
)

// MinNos is how many No's the meter needs before it shows a ratio.
const MinNos = 5

// Meter is the "closer to yes" figure.
type Meter struct {
	// Nos is every No logged (including those that later turned into a yes).
	Nos int `json:"nos"`
	// Yeses are No's whose outcome is yes plus wins logged with `rebound win`.
	Yeses      int `json:"yeses"`
	YesFromNos int `json:"yes_from_nos"`
	Wins       int `json:"wins"`
	// PerYes is No's per yes ("1 yes per 6 No's"); 0 without a yes.
	PerYes float64 `json:"per_yes"`
	// SinceLastYes counts the No's dated after the most recent yes.
	SinceLastYes int `json:"since_last_yes"`
	// ToNext is about how many more No's to the next yes: PerYes minus
	// SinceLastYes, never negative; 0 without a yes.
	ToNext float64 `json:"to_next"`
	// Enough is true when there is data for a ratio (MinNos No's and a yes).
	Enough bool `json:"enough"`
	// Message says it in one sentence, honestly when data is thin.
	Message string `json:"message"`
}

// Compute builds the meter from counts: nos logged, yes outcomes among
// them, wins that did not start as a No, and the No's since the last yes.
func Compute(nos, yesFromNos, wins, sinceLastYes int) Meter {
	nos, yesFromNos, wins, sinceLastYes = max(0, nos), max(0, yesFromNos), max(0, wins), max(0, sinceLastYes)
	m := Meter{Nos: nos, YesFromNos: yesFromNos, Wins: wins, Yeses: yesFromNos + wins, SinceLastYes: min(sinceLastYes, nos)}
	switch {
	case nos == 0 && m.Yeses == 0:
		m.Message = fmt.Sprintf("Log %d No's to see your ratio: every one brings the next yes closer.", MinNos)
		return m
	case nos < MinNos:
		m.Message = fmt.Sprintf("Log %d more %s to see your ratio.", MinNos-nos, plural(MinNos-nos, "No", "No's"))
		return m
	case m.Yeses == 0:
		m.Message = fmt.Sprintf("No yes yet — %d No's logged; every one teaches something.", nos)
		return m
	}
	m.Enough = true
	m.PerYes = float64(nos) / float64(m.Yeses)
	m.ToNext = math.Max(0, m.PerYes-float64(m.SinceLastYes))
	if m.PerYes <= 1 {
		m.Message = fmt.Sprintf("%d %s to %d No's — more yeses than No's. Keep asking.", m.Yeses, plural(m.Yeses, "yes", "yeses"), nos)
		return m
	}
	head := fmt.Sprintf("1 yes per %s No's on average", Round(m.PerYes))
	switch to := math.Round(m.ToNext); {
	case to < 1:
		m.Message = head + "; by your own numbers the next yes is due any time now."
	default:
		m.Message = fmt.Sprintf("%s; about %s more to your next yes.", head, Round(m.ToNext))
	}
	return m
}

// Round formats a ratio as a whole number ("1 yes per 6 No's"): people
// count No's one at a time, and a decimal suggests precision the data
// doesn't have. Anything above zero shows as at least 1.
func Round(f float64) string {
	if f > 0 && f < 1 {
		return "1"
	}
	return strconv.Itoa(int(math.Round(f)))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
