// Package words says counts and days in plain English, one way for every
// screen and command: "1 No" and "3 No's", "in 2 days", "1 day late".
package words

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Plural is one when n is 1, else many: Plural(n, "No", "No's").
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count is n followed by its noun: "1 day", "3 days".
func Count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, Plural(n, one, many))
}

// RelDays says when something is due, d days from today: "today",
// "tomorrow", "in 3 days", "1 day late", "4 days late".
func RelDays(d int) string {
	switch {
	case d == 0:
		return "today"
	case d == 1:
		return "tomorrow"
	case d < 0:
		return Count(-d, "day", "days") + " late"
	}
	return fmt.Sprintf("in %d days", d)
}

// Capital starts s with a capital letter, for a mode's lower-case words
// used as a label or at the start of a sentence: "stronger work" → "Stronger work".
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
