package insights

import "math"

// Alpha is how unlikely a share must be under chance before a rule that
// compares with chance (reasons, kinds) may fire: the whole mode's rules
// together, so each of a mode's m such rules tests at Alpha/m (Bonferroni).
// With twelve reasons picked at random, a mode's seven reason rules would
// otherwise fire on noise several times as often as Alpha says.
const Alpha = 0.01

// MinRuleNos is the fewest No's a reason or kind rule fires on, whatever
// its test says: below it a share is an anecdote.
const MinRuleNos = 5

// UpperTail is P(X >= k) for X ~ Binomial(n, p): how often chance alone
// gives k or more of n No's when each has probability p. Exact, summed in
// log space so that a year of No's neither overflows nor underflows; the
// terms shrink geometrically away from the mean, so the sum stops once
// they no longer change it (a few dozen terms even for a million No's).
func UpperTail(k, n int, p float64) float64 {
	switch {
	case k <= 0 || p >= 1:
		return 1
	case k > n || p <= 0:
		return 0
	}
	b := binom{n: n, lp: math.Log(p), lq: math.Log1p(-p)}
	b.lgn, _ = math.Lgamma(float64(n + 1))
	if float64(k) <= float64(n)*p {
		// At or below the mean the upper tail is large; its complement,
		// summed down from k-1, is the short side.
		return math.Max(0, 1-b.sum(k-1, -1))
	}
	return b.sum(k, +1)
}

// binom holds what every term of one Binomial(n, p) needs.
type binom struct {
	n           int
	lgn, lp, lq float64
}

// logTerm is log P(X = i).
func (b binom) logTerm(i int) float64 {
	x, _ := math.Lgamma(float64(i + 1))
	y, _ := math.Lgamma(float64(b.n - i + 1))
	return b.lgn - x - y + float64(i)*b.lp + float64(b.n-i)*b.lq
}

// sum adds P(X = i) from i = from in direction step (+1 up to n, -1 down
// to 0). from lies on the far side of the mean, so the first term is the
// largest: the terms are added relative to it and it is added back in log
// space at the end.
func (b binom) sum(from, step int) float64 {
	if from < 0 || from > b.n {
		return 0
	}
	first := b.logTerm(from)
	total := 0.0
	for i := from; i >= 0 && i <= b.n; i += step {
		d := b.logTerm(i) - first
		if d < -40 { // e^-40 ≈ 4e-18: past float64's precision of the sum
			break
		}
		total += math.Exp(d)
	}
	return math.Min(1, math.Exp(first+math.Log(total)))
}
