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

// stopWords are too common to be worth a posting: most No's hold several,
// and a search for one would match nearly the whole journal. (Words are
// split at apostrophes, hence "re", "ve", "ll", "don".)
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`an and are as at be but by did didn do does doesn don for from had has
		have he her his if in into is isn it its ll me my of on or our re she so than that the their them
		then there these they this to too us ve was we were what which will with won would you your`) {
		stopWords[w] = true
	}
}

// indexed reports whether a folded word gets postings: two runes or more
// and not a stop word.
func indexed(w string) bool { return utf8.RuneCountInString(w) >= 2 && !stopWords[w] }

// tokens are the distinct indexed words of s.
func tokens(s string) []string {
	ws := slices.DeleteFunc(words(s), func(w string) bool { return !indexed(w) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// queryTerms splits a search into exact words and a last word matched as a
// prefix (so typing "acm" finds "Acme"). Words other than the last that are
// not indexed (one rune, stop words) are dropped.
func queryTerms(q string) (exact []string, prefix string) {
	ws := words(q)
	if len(ws) == 0 {
		return nil, ""
	}
	prefix = ws[len(ws)-1]
	for _, w := range ws[:len(ws)-1] {
		if indexed(w) && w != prefix {
			exact = append(exact, w)
		}
	}
	slices.Sort(exact)
	return slices.Compact(exact), prefix
}
