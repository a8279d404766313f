package insights

import (
	"math"
	"math/big"
	"testing"
)

// exactTail is P(X >= k) with rationals: the slow reference.
func exactTail(k, n int, num, den int64) float64 {
	p := big.NewRat(num, den)
	q := new(big.Rat).Sub(big.NewRat(1, 1), p)
	sum := new(big.Rat)
	for i := max(k, 0); i <= n; i++ {
		t := new(big.Rat).SetInt(new(big.Int).Binomial(int64(n), int64(i)))
		for range i {
			t.Mul(t, p)
		}
		for range n - i {
			t.Mul(t, q)
		}
		sum.Add(sum, t)
	}
	f, _ := sum.Float64()
	return f
}

func TestUpperTail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		k, n     int
		num, den int64
	}{
		{20, 50, 1, 6}, {17, 50, 2, 12}, {5, 10, 1, 5}, {34, 100, 17, 100}, {0, 10, 1, 2},
		{1, 10, 1, 2}, {5, 10, 1, 2}, {6, 10, 1, 2}, {10, 10, 1, 2}, {3, 40, 1, 12},
		{12, 40, 1, 12}, {40, 40, 1, 12}, {60, 200, 1, 4}, {45, 200, 1, 4},
	} {
		p := float64(tc.num) / float64(tc.den)
		got, want := UpperTail(tc.k, tc.n, p), exactTail(tc.k, tc.n, tc.num, tc.den)
		if math.Abs(got-want) > 1e-9*math.Max(want, 1e-300) && math.Abs(got-want) > 1e-12 {
			t.Errorf("UpperTail(%d, %d, %d/%d) = %g, want %g", tc.k, tc.n, tc.num, tc.den, got, want)
		}
	}
	for _, tc := range []struct {
		k, n int
		p    float64
		want float64
	}{
		{220, 1000, 1.0 / 6, 7.596710789535067e-06}, // from Python's fractions
		{11, 10, 0.5, 0}, {3, 10, 0, 0}, {3, 10, 1, 1}, {-1, 10, 0.3, 1},
	} {
		if got := UpperTail(tc.k, tc.n, tc.p); math.Abs(got-tc.want) > 1e-9*tc.want {
			t.Errorf("UpperTail(%d, %d, %v) = %v, want %v", tc.k, tc.n, tc.p, got, tc.want)
		}
	}
	// A million No's: no overflow, no NaN, and quick (the sum stops early).
	if got := UpperTail(180_000, 1_000_000, 1.0/6); got != 0 && !(got > 0 && got < 1e-100) {
		t.Errorf("far tail of a million = %g", got)
	}
	if got := UpperTail(166_700, 1_000_000, 1.0/6); math.IsNaN(got) || got <= 0.3 || got >= 0.6 {
		t.Errorf("near the mean of a million = %g", got)
	}
}
