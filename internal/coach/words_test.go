package coach

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
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

// promptWords is a prompt as lower-case words, punctuation and case gone.
func promptWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// wordEdits is the word-level edit distance between a and b.
func wordEdits(a, b []string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
		}
		prev = cur
	}
	return prev[len(b)]
}

// TestPromptsAreEachModesOwn: every mode has at least MinPrompts prompts of
// its own; no prompt is shared between two modes, word for word (case and
// punctuation aside) or as the same sentence with a few nouns swapped
// ("How did you feel when you first heard no?" / "… first saw the grade?"):
// two prompts of different modes differ in at least half their words.
func TestPromptsAreEachModesOwn(t *testing.T) {
	modes := catalog(t).Modes()
	seen := map[string]string{}
	for _, m := range modes {
		own := map[string]bool{}
		for _, p := range m.Prompts {
			k := strings.Join(promptWords(p.Text), " ")
			if own[k] {
				t.Errorf("%s: prompt %s repeats another of the mode: %q", m.ID, p.ID, p.Text)
			}
			own[k] = true
			if other, ok := seen[k]; ok {
				t.Errorf("%s and %s share the prompt %q", other, p.ID, p.Text)
			}
			seen[k] = p.ID
		}
		if len(own) < MinPrompts {
			t.Errorf("%s: %d distinct prompts, want at least %d", m.ID, len(own), MinPrompts)
		}
	}
	for i, a := range modes {
		for _, b := range modes[i+1:] {
			for _, p := range a.Prompts {
				for _, q := range b.Prompts {
					pw, qw := promptWords(p.Text), promptWords(q.Text)
					if 2*wordEdits(pw, qw) < max(len(pw), len(qw)) {
						t.Errorf("%s and %s are the same prompt with words swapped:\n  %q\n  %q", p.ID, q.ID, p.Text, q.Text)
					}
				}
			}
		}
	}
}

// TestNoPromptShamesABroadSearch: someone who must apply to many roles is
// not asked whether they were "applying to anything".
func TestNoPromptShamesABroadSearch(t *testing.T) {
	for _, p := range mode(t, "job").Prompts {
		if low := strings.ToLower(p.Text); strings.Contains(low, "applying to anything") || strings.Contains(low, "really fit what you want") {
			t.Errorf("%s shames a broad search: %q", p.ID, p.Text)
		}
	}
}
