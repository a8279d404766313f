package journal

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// MaxField is the longest text a field may hold (bytes). A larger paste is
// refused with a clear message rather than slowing every screen.
const MaxField = 64 << 10

// MaxTags is the most tags one No may carry.
const MaxTags = 32

// Reasons tells validation which reason ids a mode allows.
type Reasons interface {
	HasReason(mode, id string) bool
	ReasonIDs(mode string) []string
}

// ValidationError is bad input, stated as one sentence; the CLI exits 2 on it.
type ValidationError struct{ Msg string }

func (e *ValidationError) Error() string { return e.Msg }

func invalid(format string, a ...any) error { return &ValidationError{Msg: fmt.Sprintf(format, a...)} }

// IsValidation reports whether err is bad input rather than a failure.
func IsValidation(err error) bool {
	var v *ValidationError
	return errors.As(err, &v)
}

// Validate checks a No before it is stored.
func (n *No) Validate(r Reasons) error {
	if strings.TrimSpace(n.Who) == "" {
		return invalid("who said no is empty: name the person or company (--who)")
	}
	if !n.Date.Valid() {
		return invalid("the date %q is not a date of the form YYYY-MM-DD", n.Date)
	}
	if n.Reason != "" && r != nil && !r.HasReason(n.Mode, n.Reason) {
		return invalid("unknown reason %q for mode %s; choose one of: %s", n.Reason, n.Mode, strings.Join(r.ReasonIDs(n.Mode), ", "))
	}
	if n.Assumed != "" && r != nil && !r.HasReason(n.Mode, n.Assumed) {
		return invalid("unknown assumed reason %q for mode %s; choose one of: %s", n.Assumed, n.Mode, strings.Join(r.ReasonIDs(n.Mode), ", "))
	}
	if n.Kind != "" && !slices.Contains(Kinds, n.Kind) {
		return invalid("unknown kind of no %q; choose one of: %s", n.Kind, joinKinds())
	}
	if n.Outcome != "" && !slices.Contains(Outcomes, n.Outcome) {
		return invalid("unknown outcome %q; choose one of: %s", n.Outcome, joinOutcomes())
	}
	if n.Feeling < 0 || n.Feeling > 5 || n.FeelingAfter < 0 || n.FeelingAfter > 5 {
		return invalid("a feeling is a number from 1 (barely) to 5 (it really stung)")
	}
	if !n.FollowUp.IsZero() && !n.FollowUp.Valid() {
		return invalid("the follow-up date %q is not a date of the form YYYY-MM-DD", n.FollowUp)
	}
	if len(n.Tags) > MaxTags {
		return invalid("a No can carry at most %d tags", MaxTags)
	}
	// Invalid UTF-8 and control characters are stored as given; every view
	// renders them inert, so only size is limited here.
	for name, v := range n.texts() {
		if len(v) > MaxField {
			return invalid("%s is %d KB; the limit is %d KB per field", name, len(v)>>10, MaxField>>10)
		}
	}
	return nil
}

// texts names every free-text field, for limits and search.
func (n *No) texts() map[string]string {
	return map[string]string{
		"who": n.Who, "offer": n.Offer, "channel": n.Channel, "said": n.Said,
		"reason text": n.ReasonText, "change": n.Change, "competitor": n.Competitor,
		"competitor why": n.CompetitorWhy, "lesson": n.Lesson, "next": n.Next,
	}
}

// Text is every free-text field joined, for search indexing.
func (n *No) Text() string {
	parts := []string{n.Who, n.Offer, n.Channel, n.Said, n.Reason, n.ReasonText, n.Change,
		n.Competitor, n.CompetitorWhy, n.Lesson, n.Next, strings.Join(n.Tags, " ")}
	for _, a := range n.Debrief {
		parts = append(parts, a.Answer)
	}
	return strings.Join(parts, " ")
}

// ParseKind accepts a kind id, also with spaces ("not now").
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-"))
	if slices.Contains(Kinds, k) {
		return k, nil
	}
	return "", invalid("unknown kind of no %q; choose one of: %s", s, joinKinds())
}

// ParseOutcome accepts an outcome id.
func ParseOutcome(s string) (Outcome, error) {
	o := Outcome(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-"))
	if slices.Contains(Outcomes, o) {
		return o, nil
	}
	return "", invalid("unknown outcome %q; choose one of: %s", s, joinOutcomes())
}

func joinKinds() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func joinOutcomes() string {
	s := make([]string, len(Outcomes))
	for i, o := range Outcomes {
		s[i] = string(o)
	}
	return strings.Join(s, ", ")
}

// Invalid builds a ValidationError for callers outside the package.
func Invalid(format string, a ...any) error { return invalid(format, a...) }
