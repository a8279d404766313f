package render

import "testing"

func TestSparkline(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   []int
		want string
	}{
		{nil, ""},
		{[]int{0, 0}, "  "},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8}, "▁▂▃▄▅▆▇█"},
		{[]int{0, 8, 4, 1}, " █▄▁"},
		{[]int{3, 3}, "██"},
		{[]int{1, 100}, "▁█"},
	} {
		top, vals := 0, make([]float64, len(tc.in))
		for i, v := range tc.in {
			top, vals[i] = max(top, v), float64(v)
		}
		if got := spark(vals, float64(top), 1); got != tc.want {
			t.Errorf("spark(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
