// Package journal is Rebound's domain: a No, its outcome history, reflections,
// wins and settings, with their validation. It does no I/O.
package journal

import (
	"reflect"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/words"
)

// Kind is what a No really meant.
type Kind string

const (
	KindNotNow        Kind = "not-now"
	KindNotThis       Kind = "not-this"
	KindNotYou        Kind = "not-you"
	KindNotUnderstood Kind = "not-understood"
	KindFinal         Kind = "final"
)

// Kinds in the order they are taught.
var Kinds = []Kind{KindNotNow, KindNotThis, KindNotYou, KindNotUnderstood, KindFinal}

// Outcome is where a No stands now.
type Outcome string

const (
	OutcomeOpen        Outcome = "open"
	OutcomeFollowingUp Outcome = "following-up"
	OutcomeMaybe       Outcome = "maybe"
	OutcomeYes         Outcome = "yes"
	OutcomeClosed      Outcome = "closed"
)

// Words is the outcome as screens say it ("following up"); the id
// ("following-up") is what flags, filters and exports take.
func (o Outcome) Words() string { return strings.ReplaceAll(string(o), "-", " ") }

// Outcomes in their natural order.
var Outcomes = []Outcome{OutcomeOpen, OutcomeFollowingUp, OutcomeMaybe, OutcomeYes, OutcomeClosed}

// OutcomeChange is one entry of a No's outcome history.
type OutcomeChange struct {
	Outcome Outcome   `json:"outcome"`
	At      time.Time `json:"at"`
}

// Answer is a question and the user's answer (reflection prompts, debrief questions).
type Answer struct {
	Prompt string `json:"prompt"`
	Answer string `json:"answer"`
}

// No is one rejection: the core record. JSON names are the export format.
type No struct {
	ID        uint64    `json:"id"`
	Date      Day       `json:"date"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Mode      string    `json:"mode"`

	Who string `json:"who"`
	// Contact is the person to greet in the debrief e-mail when Who is an
	// organisation ("Dana" at "Globex Inc"); empty greets neutrally.
	Contact string `json:"contact,omitempty"`
	Offer   string `json:"offer,omitempty"`
	Channel string `json:"channel,omitempty"`
	Said    string `json:"said,omitempty"`

	Reason        string `json:"reason,omitempty"`
	ReasonText    string `json:"reason_text,omitempty"`
	Assumed       string `json:"assumed,omitempty"`
	Kind          Kind   `json:"kind,omitempty"`
	Change        string `json:"change,omitempty"`
	Competitor    string `json:"competitor,omitempty"`
	CompetitorWhy string `json:"competitor_why,omitempty"`
	Feeling       int    `json:"feeling,omitempty"`
	FeelingAfter  int    `json:"feeling_after,omitempty"`
	Lesson        string `json:"lesson,omitempty"`
	Next          string `json:"next,omitempty"`

	FollowUp     Day  `json:"follow_up,omitempty"`
	FollowUpDone bool `json:"follow_up_done"`

	Outcome        Outcome         `json:"outcome"`
	OutcomeHistory []OutcomeChange `json:"outcome_history"`

	Tags []string `json:"tags,omitempty"`

	// Debrief holds the answers from a debrief call, in question order.
	Debrief []Answer `json:"debrief,omitempty"`
	// ReframeStep is the step a half-done reframe stopped at (0: not started
	// or finished), so the flow resumes where the user left it.
	ReframeStep int `json:"reframe_step,omitempty"`
	// ReframedAt is when the No first became reframed (reason+change+lesson).
	ReframedAt *time.Time `json:"reframed_at,omitempty"`

	// The thought record, between the two sting ratings: the automatic
	// thought the No set off, the thinking traps it fits (Traps ids), what
	// supports it, what does not, and a more balanced way to put it.
	// Optional: none of it changes what counts as reframed.
	Thought         string   `json:"thought,omitempty"`
	Traps           []string `json:"traps,omitempty"`
	EvidenceFor     string   `json:"evidence_for,omitempty"`
	EvidenceAgainst string   `json:"evidence_against,omitempty"`
	Balanced        string   `json:"balanced,omitempty"`
	// ReferralAsked: they were asked "Could you point me to someone this
	// would fit?"; Referral is who they pointed to.
	ReferralAsked bool   `json:"referral_asked,omitempty"`
	Referral      string `json:"referral,omitempty"`
	// Stage is where the No came (a stage id of the mode: sales, job);
	// Prepared and Mistake are school's exam wrapper (how I prepared, a
	// mistake id of the mode); SecondaryReasons are the other decision
	// drivers beside Reason (reason ids of the mode).
	Stage            string   `json:"stage,omitempty"`
	Prepared         string   `json:"prepared,omitempty"`
	Mistake          string   `json:"mistake,omitempty"`
	SecondaryReasons []string `json:"secondary_reasons,omitempty"`
	// ConditionMet: the user has marked what would need to change (Change)
	// as having changed, so the prep card opens with it.
	ConditionMet bool `json:"condition_met,omitempty"`
	// Amount is the deal's value from a CRM import (no currency: the
	// CRM's own); Source is where an imported No came from and its id
	// there ("hubspot:9012345601"): importing the same row again adds
	// nothing. Both empty for a No logged here.
	Amount float64 `json:"amount,omitempty"`
	Source string  `json:"source,omitempty"`
}

// Reframed reports whether the No has a reason, a turnaround answer and a lesson.
func (n *No) Reframed() bool {
	return strings.TrimSpace(n.Reason) != "" && strings.TrimSpace(n.Change) != "" && strings.TrimSpace(n.Lesson) != ""
}

// Draft reports whether a reframe was started and left before its last step.
func (n *No) Draft() bool { return n.ReframeStep > 0 }

// Waiting reports whether the No waits to be reframed: not reframed yet, or
// a draft (whose answers may already make it reframed: the flow is not done).
func (n *No) Waiting() bool { return !n.Reframed() || n.Draft() }

// SetOutcome changes the outcome and records the change; setting the same outcome is a no-op.
func (n *No) SetOutcome(o Outcome, at time.Time) {
	if n.Outcome == o && len(n.OutcomeHistory) > 0 {
		return
	}
	n.Outcome = o
	n.OutcomeHistory = append(n.OutcomeHistory, OutcomeChange{Outcome: o, At: at.UTC()})
}

// YesAt is when the No last became a yes (zero when it is not a yes).
func (n *No) YesAt() time.Time {
	if n.Outcome != OutcomeYes {
		return time.Time{}
	}
	for i := len(n.OutcomeHistory) - 1; i >= 0; i-- {
		if n.OutcomeHistory[i].Outcome == OutcomeYes {
			return n.OutcomeHistory[i].At
		}
	}
	return n.UpdatedAt
}

// Reflection is one day's reflection; a second session the same day adds to it.
type Reflection struct {
	Date        Day       `json:"date"`
	Mood        int       `json:"mood,omitempty"`
	Answers     []Answer  `json:"answers,omitempty"`
	Ritual      string    `json:"ritual,omitempty"`
	Win         string    `json:"win,omitempty"`
	Intention   string    `json:"intention,omitempty"`
	CompletedAt time.Time `json:"completed_at"`
	// PromptIDs are the resilience prompts shown, for rotation.
	PromptIDs []string `json:"prompt_ids,omitempty"`
	// Sessions counts the reflections merged into this day.
	Sessions int `json:"sessions,omitempty"`
	// IntentionKept answers "Did you do it?" about the day before's
	// intention: yes, partly or not-yet ("" when not asked).
	IntentionKept IntentionKept `json:"intention_kept,omitempty"`
}

// Empty reports a reflection with nothing written: no answer, no win and
// no intention (a mood or a ritual alone). It is kept, but it does not make
// its day active.
func (r *Reflection) Empty() bool {
	if strings.TrimSpace(r.Win) != "" || strings.TrimSpace(r.Intention) != "" {
		return false
	}
	for _, a := range r.Answers {
		if strings.TrimSpace(a.Answer) != "" {
			return false
		}
	}
	return true
}

// ActiveSessions is how many sessions of the day count for the streak: the
// sessions held (at least 1), or 0 when nothing was written.
func (r *Reflection) ActiveSessions() int {
	if r.Empty() {
		return 0
	}
	return max(r.Sessions, 1)
}

// Merge adds a later session of the same day to r. Sessions counts the
// sessions with something written (ActiveSessions), so an empty one adds
// nothing to the day.
func (r *Reflection) Merge(o Reflection) {
	written := r.ActiveSessions() + o.ActiveSessions()
	if o.Mood != 0 {
		r.Mood = o.Mood
	}
	r.Answers = append(r.Answers, o.Answers...)
	r.PromptIDs = append(r.PromptIDs, o.PromptIDs...)
	r.Ritual = joinNonEmpty(r.Ritual, o.Ritual, ", ")
	r.Win = joinNonEmpty(r.Win, o.Win, "\n")
	r.Intention = joinNonEmpty(r.Intention, o.Intention, "\n")
	if o.CompletedAt.After(r.CompletedAt) {
		r.CompletedAt = o.CompletedAt
	}
	r.Sessions = written
	if o.IntentionKept != "" {
		r.IntentionKept = o.IntentionKept
	}
}

func joinNonEmpty(a, b, sep string) string {
	switch {
	case a == "":
		return b
	case b == "" || a == b:
		return a
	}
	return a + sep + b
}

// Win is a yes that did not start as a No (`rebound win`), so ratios stay honest.
type Win struct {
	ID        uint64    `json:"id"`
	Date      Day       `json:"date"`
	Who       string    `json:"who"`
	What      string    `json:"what,omitempty"`
	Mode      string    `json:"mode,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// ReferralFrom is the No whose referral led to this yes (0: none).
	ReferralFrom uint64 `json:"referral_from,omitempty"`
}

// Settings are the user's choices from the welcome, editable later.
type Settings struct {
	Mode     string `json:"mode"`
	Name     string `json:"name,omitempty"`
	WeekGoal int    `json:"week_goal"`
	// Welcomed is set once the first-run welcome has been completed or skipped.
	Welcomed bool `json:"welcomed"`
	// Workdays are the days (Weekdays ids, Monday first) a streak counts:
	// days outside never break one. None is every day (Workweek).
	Workdays []string `json:"workdays,omitempty"`
	// Support is the user's own line for a rough stretch ("Call Maya"),
	// shown with home's care note; MoodNoteOff hides that note.
	Support     string `json:"support,omitempty"`
	MoodNoteOff bool   `json:"mood_note_off,omitempty"`
	// ImportReasons are the answers imports saved for lost-reason values
	// no mapping knew: mode -> the value (lower case, spaces collapsed) ->
	// a reason id of the mode. The next import of that mode uses them.
	ImportReasons map[string]map[string]string `json:"import_reasons,omitempty"`
}

// Equal reports whether s and o hold the same choices (no workdays and
// all seven are the same week). Every field counts, new ones too.
func (s Settings) Equal(o Settings) bool {
	s.Workdays, o.Workdays = s.Workweek().IDs(), o.Workweek().IDs()
	return reflect.DeepEqual(s, o)
}

// DefaultSettings before the welcome has run.
func DefaultSettings() Settings { return Settings{Mode: "sales", WeekGoal: 5} }

// CountNos says n No's in words: "1 No", "3 No's".
func CountNos(n int) string { return words.Count(n, "No", "No's") }
