package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxWordRunes caps an indexed word: a pasted blob without spaces must not
// make a key near bbolt's limit; queries are cut the same way, so a long
// word still matches (as a prefix).
const maxWordRunes = 32

// fold lowercases s and strips diacritics (NFD, then drop combining marks),
// so "Café" and "cafe" are the same word.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// words splits folded text into runs of letters and digits, in order.
func words(s string) []string {
	ws := strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range ws {
		if utf8.RuneCountInString(w) > maxWordRunes {
			ws[i] = string([]rune(w)[:maxWordRunes])
		}
	}
	return ws
}

// tokens are the distinct indexed words of s: two runes or more.
func tokens(s string) []string {
	ws := slices.DeleteFunc(words(s), func(w string) bool { return utf8.RuneCountInString(w) < 2 })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// queryTerms splits a search into exact words and a last word matched as a
// prefix (so typing "acm" finds "Acme"). Single-rune words other than the
// last are not indexed and are dropped.
func queryTerms(q string) (exact []string, prefix string) {
	ws := words(q)
	if len(ws) == 0 {
		return nil, ""
	}
	prefix = ws[len(ws)-1]
	for _, w := range ws[:len(ws)-1] {
		if utf8.RuneCountInString(w) >= 2 && w != prefix {
			exact = append(exact, w)
		}
	}
	slices.Sort(exact)
	return slices.Compact(exact), prefix
}
