package common

import "charm.land/huh/v2"

// Question is one field of a form run standalone, outside Bubble Tea
// (accessible mode), with the hint to say before it: huh's accessible
// prompts print only the title.
type Question struct {
	Field huh.Field
	Hint  string
	// Before, when set, runs just before the question is asked: a
	// question whose choices follow an earlier answer updates them.
	Before func()
}

// Questions pairs fields with their hints by field key.
func Questions(fields []huh.Field, hints map[string]string) []Question {
	out := make([]Question, len(fields))
	for i, f := range fields {
		out[i] = Question{Field: f, Hint: hints[f.GetKey()]}
	}
	return out
}
