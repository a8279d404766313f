package store

import (
	"math"
	"math/rand/v2"
)

// randomAmount is a No's amount as imports give it (cents, thousands, none)
// and the odd values encoding/json writes in exponent form.
func randomAmount(r *rand.Rand) float64 {
	switch r.IntN(8) {
	case 0, 1, 2:
		return 0
	case 3:
		return math.Round(r.Float64()*1e7) / 100
	case 4:
		return float64(r.IntN(100000)) * 1000
	case 5:
		return -float64(r.IntN(5000)) / 4
	case 6:
		return []float64{1e-7, 1.5e-9, 1e21, 2.5e22, 123456789.125, 0.1, 1e13}[r.IntN(7)]
	}
	return r.Float64() * 1e9
}
