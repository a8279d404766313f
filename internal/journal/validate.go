package journal

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxField is the longest text a field may hold (bytes). A larger paste is
// refused with a clear message rather than slowing every screen.
const MaxField = 64 << 10

// The other limits every way in (command line, forms, import) applies:
// they keep a hand-edited or hostile export from storing what the command
// line would refuse, and bound what one record can cost to read.
const (
	MaxTags    = 32      // tags on one No
	MaxTag     = 100     // bytes in one tag, and in an id (mode, reason)
	MaxHistory = 1000    // outcome-history entries of one No
	MaxAnswers = 100     // debrief answers of a No, answers of a day's reflection
	MaxText    = 1 << 20 // bytes of text in one record, all fields together
)

// FirstDay and LastDay bound every date: outside them a date is a typo.
const (
	FirstDay Day = "1900-01-01"
	LastDay  Day = "2200-12-31"
)

// InRange reports whether d is a well-formed day from FirstDay to LastDay.
func (d Day) InRange() bool { return d.Valid() && d >= FirstDay && d <= LastDay }

// Reasons tells validation which modes exist and which reason ids a mode
// allows (coach.Catalog). A mode "" is the default mode.
type Reasons interface {
	HasReason(mode, id string) bool
	ReasonIDs(mode string) []string
	HasMode(id string) bool
	ModeIDs() []string
	ModeLists
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

// Validate checks a No before it is stored: the limits (CheckLimits), then,
// with r, that its mode exists and its reasons are that mode's.
func (n *No) Validate(r Reasons) error {
	if err := n.CheckLimits(); err != nil {
		return err
	}
	if r == nil {
		return nil
	}
	if err := checkMode(r, "mode", n.Mode); err != nil {
		return err
	}
	if n.Reason != "" && !r.HasReason(n.Mode, n.Reason) {
		return invalid("unknown reason %q for mode %s; choose one of: %s", n.Reason, n.Mode, strings.Join(r.ReasonIDs(n.Mode), ", "))
	}
	if n.Assumed != "" && !r.HasReason(n.Mode, n.Assumed) {
		return invalid("unknown assumed reason %q for mode %s; choose one of: %s", n.Assumed, n.Mode, strings.Join(r.ReasonIDs(n.Mode), ", "))
	}
	return n.checkModeIDs(r)
}

// CheckLimits checks what needs no coaching content: required fields,
// dates, known kinds and outcomes, and every size limit. The store applies
// it to every No it writes.
func (n *No) CheckLimits() error {
	if strings.TrimSpace(n.Who) == "" {
		return invalid("who said no is empty: name the person or company (--who)")
	}
	if err := checkDay("date", n.Date); err != nil {
		return err
	}
	if !n.FollowUp.IsZero() {
		if err := checkDay("follow-up date", n.FollowUp); err != nil {
			return err
		}
	}
	for _, id := range []struct{ name, v string }{{"mode", n.Mode}, {"reason", n.Reason}, {"assumed reason", n.Assumed}} {
		if len(id.v) > MaxTag {
			return invalid("the %s is %s bytes; an id is at most %d bytes", id.name, commas(len(id.v)), MaxTag)
		}
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
	if err := CheckTags(n.Tags); err != nil {
		return err
	}
	if len(n.OutcomeHistory) > MaxHistory {
		return invalid("the outcome history has %s entries; a No keeps at most %s", commas(len(n.OutcomeHistory)), commas(MaxHistory))
	}
	for i, h := range n.OutcomeHistory {
		if !slices.Contains(Outcomes, h.Outcome) {
			return invalid("outcome history entry %d: unknown outcome %q; choose one of: %s", i+1, h.Outcome, joinOutcomes())
		}
		if h.At.IsZero() || !sensible(h.At) {
			return invalid("outcome history entry %d is dated %s; times run from %s to %s", i+1, h.At.UTC().Format(time.RFC3339), FirstDay, LastDay)
		}
	}
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"created_at", n.CreatedAt}, {"updated_at", n.UpdatedAt}, {"reframed_at", derefTime(n.ReframedAt)}} {
		if !sensible(t.at) {
			return invalid("%s is %s; times run from %s to %s", t.name, t.at.UTC().Format(time.RFC3339), FirstDay, LastDay)
		}
	}
	if n.ReframeStep < 0 || n.ReframeStep > 20 {
		return invalid("reframe_step is %d; it must be 0 (no draft) to 20 (the reframe has 9 steps; later versions may add some)", n.ReframeStep)
	}
	if err := n.checkThought(); err != nil {
		return err
	}
	if err := n.checkImported(); err != nil {
		return err
	}
	if len(n.Debrief) > MaxAnswers {
		return invalid("the debrief has %s answers; a No keeps at most %d", commas(len(n.Debrief)), MaxAnswers)
	}
	total := 0
	// Invalid UTF-8 and control characters are stored as given; every view
	// renders them inert, so only size is limited here.
	for _, f := range n.texts() {
		if len(f.v) > MaxField {
			return tooLong(f.name, len(f.v))
		}
		total += len(f.v)
	}
	for i, a := range n.Debrief {
		if err := checkAnswer("debrief answer", i, a); err != nil {
			return err
		}
		total += len(a.Prompt) + len(a.Answer)
	}
	if total > MaxText {
		return invalid("the No holds %s KB of text; one No holds at most %d KB", commas(total>>10), MaxText>>10)
	}
	return nil
}

// CheckNotFuture refuses a No dated after today (the user's local day): a
// No is logged on or after the day it happened, never ahead, or it would
// show as "No today" and wait outside every count until its day came. The
// command line, the edit form and import apply it where a date is set; the
// store does not, since it has no clock of the user's zone.
func (n *No) CheckNotFuture(today Day) error {
	if today.Valid() && n.Date.Valid() && today.Before(n.Date) {
		return invalid("the No is dated %s, after today (%s); log a No on or after the day it happened", n.Date, today)
	}
	return nil
}

// CheckTags checks a No's tags: at most MaxTags, each at most MaxTag bytes.
func CheckTags(tags []string) error {
	if len(tags) > MaxTags {
		return invalid("a No can carry at most %d tags; this one has %d", MaxTags, len(tags))
	}
	for i, t := range tags {
		if len(t) > MaxTag {
			return invalid("tag %d is %s bytes; a tag is at most %d bytes", i+1, commas(len(t)), MaxTag)
		}
	}
	return nil
}

// CheckLimits checks a reflection as CheckLimits does a No.
func (r *Reflection) CheckLimits() error {
	if err := checkDay("reflection date", r.Date); err != nil {
		return err
	}
	if r.Mood < 0 || r.Mood > 5 {
		return invalid("a mood is a number from 1 (rough) to 5 (strong), 0 when not given, not %d", r.Mood)
	}
	if !sensible(r.CompletedAt) {
		return invalid("completed_at is %s; times run from %s to %s", r.CompletedAt.UTC().Format(time.RFC3339), FirstDay, LastDay)
	}
	if r.IntentionKept != "" && !slices.Contains(IntentionKepts, r.IntentionKept) {
		return invalid("intention_kept is %q; it is one of: yes, partly, not-yet", r.IntentionKept)
	}
	if r.Sessions < 0 || r.Sessions > MaxAnswers {
		return invalid("sessions is %d; a day's reflection counts 0 to %d sessions", r.Sessions, MaxAnswers)
	}
	if len(r.Answers) > MaxAnswers {
		return invalid("the reflection has %s answers; a day keeps at most %d", commas(len(r.Answers)), MaxAnswers)
	}
	if len(r.PromptIDs) > MaxAnswers {
		return invalid("the reflection has %s prompt ids; a day keeps at most %d", commas(len(r.PromptIDs)), MaxAnswers)
	}
	for i, id := range r.PromptIDs {
		if len(id) > MaxTag {
			return invalid("prompt id %d is %s bytes; an id is at most %d bytes", i+1, commas(len(id)), MaxTag)
		}
	}
	total := 0
	for _, f := range []field{{"ritual", r.Ritual}, {"win", r.Win}, {"intention", r.Intention}} {
		if len(f.v) > MaxField {
			return tooLong(f.name, len(f.v))
		}
		total += len(f.v)
	}
	for i, a := range r.Answers {
		if err := checkAnswer("answer", i, a); err != nil {
			return err
		}
		total += len(a.Prompt) + len(a.Answer)
	}
	if total > MaxText {
		return invalid("the reflection holds %s KB of text; one day holds at most %d KB", commas(total>>10), MaxText>>10)
	}
	return nil
}

// Validate checks a win before it is stored; with r, that its mode exists.
func (w *Win) Validate(r Reasons) error {
	if strings.TrimSpace(w.Who) == "" && strings.TrimSpace(w.What) == "" {
		return invalid("the win is empty: say who said yes (--who) or what it was")
	}
	if err := checkDay("date", w.Date); err != nil {
		return err
	}
	for _, f := range []field{{"who", w.Who}, {"what", w.What}} {
		if len(f.v) > MaxField {
			return tooLong(f.name, len(f.v))
		}
	}
	if len(w.Mode) > MaxTag {
		return invalid("the mode is %s bytes; an id is at most %d bytes", commas(len(w.Mode)), MaxTag)
	}
	if !sensible(w.CreatedAt) {
		return invalid("created_at is %s; times run from %s to %s", w.CreatedAt.UTC().Format(time.RFC3339), FirstDay, LastDay)
	}
	if r != nil && w.Mode != "" {
		return checkMode(r, "mode", w.Mode)
	}
	return nil
}

// Validate checks settings before they are stored; with r, that the mode
// exists (an unknown one would stop every command that reads it).
func (s *Settings) Validate(r Reasons) error {
	if s.WeekGoal < 0 || s.WeekGoal > 7 {
		return invalid("the week goal is %d; it is a number of days from 0 to 7", s.WeekGoal)
	}
	if len(s.Name) > MaxField {
		return tooLong("name", len(s.Name))
	}
	if len(s.Support) > MaxField {
		return tooLong("support", len(s.Support))
	}
	if len(s.Mode) > MaxTag {
		return invalid("the mode is %s bytes; an id is at most %d bytes", commas(len(s.Mode)), MaxTag)
	}
	if err := checkWorkdays(s.Workdays); err != nil {
		return err
	}
	if err := s.checkImportReasons(r); err != nil {
		return err
	}
	if r != nil {
		return checkMode(r, "mode", s.Mode)
	}
	return nil
}

// MaxImportReasons bounds the saved lost-reason answers, and
// MaxImportValue the value one answers (a CRM's free-text reason).
const (
	MaxImportReasons = 2000
	MaxImportValue   = 1000
)

// checkImportReasons checks the saved answers: bounded, and with r each
// a reason id of an existing mode.
func (s *Settings) checkImportReasons(r Reasons) error {
	n := 0
	for mode, m := range s.ImportReasons {
		if r != nil {
			if err := checkMode(r, "mode of a saved import answer", mode); err != nil {
				return err
			}
		}
		for v, id := range m {
			if n++; n > MaxImportReasons {
				return invalid("the settings keep more than %d import answers", MaxImportReasons)
			}
			if len(v) > MaxImportValue {
				return invalid("a saved import answer is for a value of %s bytes; at most %d", commas(len(v)), MaxImportValue)
			}
			if r != nil && !r.HasReason(mode, id) {
				return invalid("a saved import answer maps %q to %q, not a reason of mode %s; choose one of: %s", v, id, mode, strings.Join(r.ReasonIDs(mode), ", "))
			}
		}
	}
	return nil
}

// CheckRestDay checks a rest day.
func CheckRestDay(d Day) error { return checkDay("rest day", d) }

func checkMode(r Reasons, name, id string) error {
	if r.HasMode(id) {
		return nil
	}
	return invalid("unknown %s %q; choose one of: %s", name, id, strings.Join(r.ModeIDs(), ", "))
}

func checkDay(name string, d Day) error {
	if !d.Valid() {
		return invalid("the %s %q is not a date of the form YYYY-MM-DD", name, d)
	}
	if !d.InRange() {
		return invalid("the %s %s is out of range; dates run from %s to %s", name, d, FirstDay, LastDay)
	}
	return nil
}

func checkAnswer(name string, i int, a Answer) error {
	if len(a.Prompt) > MaxField {
		return tooLong(fmt.Sprintf("the question of %s %d", name, i+1), len(a.Prompt))
	}
	if len(a.Answer) > MaxField {
		return tooLong(fmt.Sprintf("%s %d", name, i+1), len(a.Answer))
	}
	return nil
}

func tooLong(name string, n int) error {
	return invalid("%s is %s bytes; a field holds at most %s bytes (%d KB)", name, commas(n), commas(MaxField), MaxField>>10)
}

// sensible reports whether t is unset or within the years dates may have.
func sensible(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	y := t.UTC().Year()
	return y >= 1900 && y <= 2200
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// Commas writes n with thousands separators: 20,000,000.
func Commas(n int) string { return commas(n) }

func commas(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

type field struct{ name, v string }

// texts names every free-text field, in form order, for limits (an
// array: checking a No allocates nothing).
func (n *No) texts() [17]field {
	return [17]field{
		{"who", n.Who}, {"contact", n.Contact}, {"offer", n.Offer}, {"channel", n.Channel}, {"said", n.Said},
		{"reason text", n.ReasonText}, {"change", n.Change}, {"competitor", n.Competitor},
		{"competitor why", n.CompetitorWhy}, {"lesson", n.Lesson}, {"next", n.Next},
		{"thought", n.Thought}, {"evidence for", n.EvidenceFor}, {"evidence against", n.EvidenceAgainst},
		{"balanced thought", n.Balanced}, {"referral", n.Referral}, {"prepared", n.Prepared},
	}
}

// Text is every free-text field joined, for search indexing.
func (n *No) Text() string { return strings.Join(n.TextParts(), " ") }

// TextParts are the parts Text joins, in order (the tags as one part), for
// those that index a No a field at a time.
func (n *No) TextParts() []string {
	parts := []string{n.Who, n.Contact, n.Offer, n.Channel, n.Said, n.Reason, n.ReasonText, n.Change,
		n.Competitor, n.CompetitorWhy, n.Lesson, n.Next, strings.Join(n.Tags, " ")}
	for _, a := range n.Debrief {
		parts = append(parts, a.Answer)
	}
	// The thought record and the referral are the user's own words too:
	// "never" finds the No's where they thought it. Ids (traps, stage,
	// mistake, secondary reasons) are filters, not text.
	for _, p := range [...]string{n.Thought, n.EvidenceFor, n.EvidenceAgainst, n.Balanced, n.Referral, n.Prepared} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return parts
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

// MaxAmount bounds a No's amount: beyond it the value is a typo, and a
// float64 no longer keeps its cents.
const MaxAmount = 1e13

// MaxSource is the longest source (its name and the row's id there).
const MaxSource = 200

// checkImported checks what a CRM import sets: an amount that is a number
// within ±MaxAmount, and a source of printable text (it is an index key).
func (n *No) checkImported() error {
	if math.IsNaN(n.Amount) || math.IsInf(n.Amount, 0) || math.Abs(n.Amount) > MaxAmount {
		return invalid("the amount %v is out of range; an amount is at most %.0f", n.Amount, float64(MaxAmount))
	}
	if len(n.Source) > MaxSource {
		return invalid("the source is %s bytes; a source is at most %d bytes", commas(len(n.Source)), MaxSource)
	}
	for _, r := range n.Source {
		if r < ' ' || r == 0x7f || r == utf8.RuneError {
			return invalid("the source %q holds a control character or invalid text", n.Source)
		}
	}
	return nil
}
