package crm

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
)

// FuzzRead: no file makes Read panic, and what it returns is whole: each
// row a No that passes the store's limits, or one error.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"hubspot-deals.csv", "pipedrive-deals.csv", "salesforce-opportunities.csv", "job-tracker.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("Company,Date,Reason\n\"Acme, Inc\",11/20/2026,Price\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, from uint8) {
		o := Options{From: Sources[int(from)%len(Sources)], Mode: mode(t, "sales"), Today: "2026-11-30", Now: now}
		res, err := Read(bytes.NewReader(data), o)
		if err != nil {
			return
		}
		for _, r := range res.Rows {
			if err := r.No.CheckLimits(); err != nil {
				t.Fatalf("line %d: %v", r.Line, err)
			}
		}
	})
}

// TestMangledExportsNeverPanic runs Read on the samples mangled a few
// thousand ways (quotes, separators and line breaks put in, bytes
// changed, the file cut): each gives rows within the limits or an error.
func TestMangledExportsNeverPanic(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 1))
	specials := []byte("\",\n\r;\t/.0123456789")
	names := []string{"hubspot-deals.csv", "pipedrive-deals.csv", "salesforce-opportunities.csv", "job-tracker.csv"}
	cases := 4000
	if testing.Short() {
		cases = 800
	}
	for i := range cases {
		data, err := os.ReadFile("testdata/" + names[i%len(names)])
		if err != nil {
			t.Fatal(err)
		}
		for range 1 + r.IntN(6) {
			at := r.IntN(len(data))
			switch r.IntN(5) {
			case 0:
				data[at] = specials[r.IntN(len(specials))]
			case 1:
				data = append(data[:at], append([]byte{'"'}, data[at:]...)...)
			case 2:
				data = data[:at]
			case 3:
				data[at] = byte(r.IntN(256))
			case 4:
				data = append(data[:at], data[min(len(data), at+1+r.IntN(40)):]...)
			}
			if len(data) == 0 {
				break
			}
		}
		from := Sources[i%len(Sources)]
		res, err := Read(bytes.NewReader(data), Options{From: from, Mode: mode(t, "sales"), Today: "2026-11-30", Now: now})
		if err != nil {
			continue
		}
		for _, row := range res.Rows {
			if err := row.No.CheckLimits(); err != nil {
				t.Fatalf("case %d (%s): line %d: %v", i, from, row.Line, err)
			}
		}
	}
}
