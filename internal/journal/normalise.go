package journal

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// NormaliseText replaces invalid UTF-8 in every text of v (a pointer to a No,
// Reflection, Win or Settings, including texts in slices and nested structs)
// with U+FFFD. The store calls it before anything is written, so the record,
// its search postings and every export see the same text: JSON would
// otherwise rewrite the bytes on encode while the index kept the raw ones.
func NormaliseText(v any) {
	normalise(reflect.ValueOf(v))
}

func normalise(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalise(v.Elem())
		}
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) && v.CanSet() {
			v.SetString(strings.ToValidUTF8(s, "\uFFFD"))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				normalise(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			normalise(v.Index(i))
		}
	}
}
