package journal

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestDayValidAsTimeParse: Valid, which skips the calendar for days 1-28,
// answers as time.Parse does, for every day of four centuries' edges and
// for strings that only look like days.
func TestDayValidAsTimeParse(t *testing.T) {
	parse := func(d Day) bool { _, err := time.Parse(dayLayout, string(d)); return err == nil }
	check := func(d Day) {
		if got, want := d.Valid(), parse(d); got != want {
			t.Fatalf("Day(%q).Valid() = %v; time.Parse says %v", d, got, want)
		}
	}
	for _, y := range []int{0, 1, 1899, 1900, 2000, 2023, 2024, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for dd := 0; dd <= 32; dd++ {
				check(Day(fmtDay(y, m, dd)))
			}
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	const chars = "0123456789-/ x"
	for range 100000 {
		b := []byte("2024-02-29")
		for range 1 + r.IntN(3) {
			b[r.IntN(len(b))] = chars[r.IntN(len(chars))]
		}
		check(Day(b[:r.IntN(3)+8]))
		check(Day(b))
	}
	for _, d := range []Day{"", "2024-1-01", "2024-01-1", "+024-01-01", "2024-01-01 ", "２０２４-01-01"} {
		check(d)
	}
}

func fmtDay(y, m, d int) string {
	b := []byte("0000-00-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6], b[8], b[9] = byte('0'+m/10), byte('0'+m%10), byte('0'+d/10), byte('0'+d%10)
	return string(b)
}
