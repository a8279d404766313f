package store

import (
	"reflect"
	"testing"

	"github.com/rebound-coach/rebound/internal/tally"
)

// TestTallyCodecEveryField fills every field of a tally.Day and round-trips
// it, so a field added to tally.Day without adding it to fieldsOf fails here.
func TestTallyCodecEveryField(t *testing.T) {
	var in tally.Day
	v := reflect.ValueOf(&in).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Int:
			f.SetInt(int64(i + 1))
		case reflect.Map:
			m := reflect.MakeMap(f.Type())
			key := reflect.New(f.Type().Key()).Elem()
			val := reflect.New(f.Type().Elem()).Elem()
			switch key.Kind() {
			case reflect.String:
				key.SetString("k" + v.Type().Field(i).Name)
			}
			switch val.Kind() {
			case reflect.Int:
				val.SetInt(-7)
			case reflect.Map:
				val = reflect.MakeMap(val.Type())
				ik := reflect.New(val.Type().Key()).Elem()
				if ik.Kind() == reflect.String {
					ik.SetString("inner")
				} else {
					ik.SetInt(42)
				}
				val.SetMapIndex(ik, reflect.ValueOf(3))
			}
			m.SetMapIndex(key, val)
			f.Set(m)
		default:
			t.Fatalf("tally.Day.%s has a kind (%s) the tally codec cannot store", v.Type().Field(i).Name, f.Kind())
		}
	}
	var zero tally.Day
	if n := fieldsOf(&zero).count(); n != v.NumField() {
		t.Fatalf("fieldsOf names %d fields; tally.Day has %d", n, v.NumField())
	}
	var out tally.Day
	must(t, decodeTally(encodeTally(&in), &out))
	equal(t, "round trip", out, in)
	// The JSON of schema 1 still reads.
	js, err := encode(&in)
	must(t, err)
	var old tally.Day
	must(t, decodeTally(js, &old))
	equal(t, "valueV1", old, in)
	// Damage is reported, not half-read.
	b := encodeTally(&in)
	for _, cut := range []int{2, len(b) / 2, len(b) - 1} {
		var x tally.Day
		if err := decodeTally(b[:cut], &x); err == nil {
			t.Errorf("a tally cut at %d of %d bytes decoded", cut, len(b))
		}
	}
}
