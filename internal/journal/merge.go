package journal

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
)

// Conflict is one field that was changed both by the user, in a screen that
// loaded the No earlier, and by someone else since (another terminal, a
// script). Neither change is dropped silently: the screen shows both and lets
// the user pick.
type Conflict struct {
	Field  string // the export name: "lesson", "tags"
	Label  string // for people: "lesson", "reason text"
	Mine   string // the user's value, as text
	Theirs string // the stored value, as text
	// Text is true for free-text fields, where keeping both is an option.
	Text bool
}

// ConflictError is the store's answer when a field the user changed was
// also changed elsewhere since their screen loaded the No. Nothing was
// written. Merged holds every change that did not collide (the user's values
// in the colliding fields); Stored is the No as it is now, the base for the
// next attempt.
type ConflictError struct {
	Stored    No
	Merged    No
	Conflicts []Conflict
}

func (e *ConflictError) Error() string {
	names := make([]string, len(e.Conflicts))
	for i, c := range e.Conflicts {
		names[i] = c.Label
	}
	return fmt.Sprintf("No #%d was changed elsewhere while you edited it (%s); choose which to keep", e.Stored.ID, strings.Join(names, ", "))
}

// Merge is the three-way merge of a No a screen loaded (base), the user's
// edit of it (mine) and what is stored now (theirs). A field the user left
// alone takes the stored value; a field only the user changed takes theirs;
// a field both changed to different values is a conflict and keeps the
// user's value in the result until they choose.
//
// Bookkeeping fields follow the store: the id, the created time, the stored
// outcome history (the store appends the user's outcome change to it) and
// the first reframed time come from theirs; the draft's reframe step is the
// user's (it is where their screen is, not content).
func Merge(base, mine, theirs No) (No, []Conflict) {
	out := mine
	var conflicts []Conflict
	bv, mv, tv := reflect.ValueOf(base), reflect.ValueOf(mine), reflect.ValueOf(theirs)
	ov := reflect.ValueOf(&out).Elem()
	t := bv.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if !mergeable()[name] {
			continue
		}
		b, m, th := bv.Field(i).Interface(), mv.Field(i).Interface(), tv.Field(i).Interface()
		switch {
		case equalValue(m, b): // untouched by the user: the newer stored value
			ov.Field(i).Set(tv.Field(i))
		case equalValue(th, b), equalValue(m, th): // only the user changed it, or both alike
		default:
			conflicts = append(conflicts, Conflict{
				Field: name, Label: strings.ReplaceAll(name, "_", " "),
				Mine: valueText(m), Theirs: valueText(th),
				Text: proseFields[name],
			})
		}
	}
	out.ID, out.CreatedAt, out.UpdatedAt = theirs.ID, theirs.CreatedAt, theirs.UpdatedAt
	out.OutcomeHistory = theirs.OutcomeHistory
	out.ReframedAt = theirs.ReframedAt
	return out, conflicts
}

// Resolve sets a conflicting field to the user's choice: "mine", "theirs" or,
// for a text field, "both" (the stored text, then the user's).
func Resolve(n *No, c Conflict, theirs No, choice string) error {
	v := reflect.ValueOf(n).Elem()
	tv := reflect.ValueOf(theirs)
	for i := range v.NumField() {
		if jsonName(v.Type().Field(i)) != c.Field {
			continue
		}
		switch choice {
		case "mine":
		case "theirs":
			v.Field(i).Set(tv.Field(i))
		case "both":
			if !c.Text {
				return fmt.Errorf("resolve %s: only text can keep both", c.Label)
			}
			v.Field(i).SetString(joinNonEmpty(c.Theirs, c.Mine, "\n"))
		default:
			return fmt.Errorf("resolve %s: unknown choice %q", c.Label, choice)
		}
		return nil
	}
	return fmt.Errorf("resolve: no field %q", c.Field)
}

// proseFields are the free-text fields where keeping both versions reads
// well; ids, names and dates must be one or the other.
var proseFields = map[string]bool{"said": true, "reason_text": true, "change": true,
	"competitor_why": true, "lesson": true, "next": true, "thought": true, "evidence_for": true,
	"evidence_against": true, "balanced": true, "prepared": true}

// mergeable lists the fields a user edits; the rest is bookkeeping (above).
// Made when first merged: every process start would pay for the reflection.
var mergeable = sync.OnceValue(func() map[string]bool {
	skip := map[string]bool{"id": true, "created_at": true, "updated_at": true,
		"outcome_history": true, "reframed_at": true, "reframe_step": true}
	m := map[string]bool{}
	t := reflect.TypeFor[No]()
	for i := range t.NumField() {
		if n := jsonName(t.Field(i)); !skip[n] {
			m[n] = true
		}
	}
	return m
})

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

// equalValue treats a nil and an empty slice alike: a form that clears the
// tags and a record without tags say the same thing.
func equalValue(a, b any) bool {
	av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
	if av.Kind() == reflect.Slice && av.Len() == 0 && bv.Len() == 0 {
		return true
	}
	if at, ok := a.(time.Time); ok {
		return at.Equal(b.(time.Time))
	}
	return reflect.DeepEqual(a, b)
}

// valueText shows a field's value to a person.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []string:
		return strings.Join(x, ", ")
	case []Answer:
		var parts []string
		for _, a := range x {
			parts = append(parts, a.Prompt+" — "+a.Answer)
		}
		return strings.Join(parts, "\n")
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case int:
		if x == 0 {
			return ""
		}
	}
	return fmt.Sprint(v)
}
