package coach

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// texts collects every human-facing string of a mode (labels, hints,
// questions, prompts, the debrief kit, suggestions), leaving out ids,
// metrics and keys, which are data.
func texts(m *Mode) []string {
	var out []string
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		switch name {
		case "ID", "Metric", "Keys", "Kind", "Type":
			return
		}
		switch v.Kind() {
		case reflect.String:
			out = append(out, v.String())
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), v.Type().Field(i).Name)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), name)
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), name)
			}
		}
	}
	walk(reflect.ValueOf(m), "")
	return out
}

// salesWords leak when a job seeker, a student or a host reads them.
var salesWords = regexp.MustCompile(`(?i)\b(competitors?|prospects?|deals?|buyers?|pitch(es)?|customers?|clients?|sales|vendors?)\b`)

func TestNoSalesWordsOutsideSales(t *testing.T) {
	for _, m := range catalog(t).Modes() {
		if m.ID == "sales" {
			continue
		}
		for _, s := range texts(m) {
			if w := salesWords.FindString(s); w != "" {
				t.Errorf("%s says %q: %q", m.ID, w, s)
			}
		}
	}
}

// TestAskWhatNotWho: an employer rarely can say which candidate they chose,
// and a teacher should not rank classmates: job and school ask what
// stronger work looked like, never who or whose.
func TestAskWhatNotWho(t *testing.T) {
	who := regexp.MustCompile(`(?i)\b(who|whose|whom|which candidate|classmates?|that person)\b`)
	for _, id := range []string{"job", "school"} {
		m := mode(t, id)
		asked := []string{m.Questions.Competitor, m.Questions.CompetitorHint, m.Questions.CompetitorWhy,
			m.Words.Alternative.One, m.Words.Alternative.Many, m.Words.Alternative.Why, m.Words.Alternative.None}
		asked = append(asked, m.Debrief.Questions...)
		for _, s := range asked {
			if strings.Contains(s, "not who") || strings.Contains(s, "not whose") {
				continue // saying what not to ask is fine
			}
			if w := who.FindString(s); w != "" {
				t.Errorf("%s asks %q: %q", id, w, s)
			}
		}
	}
}
