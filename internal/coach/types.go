// Package coach holds Rebound's coaching content — modes, their words,
// reason taxonomies, kinds of no, prompts, rituals, questions, the debrief kit
// and pattern-suggestion rules — loaded from assets/ (data, not code).
package coach

import "github.com/rebound-coach/rebound/internal/journal"

// Words are a mode's nouns, so every screen speaks the user's language.
type Words struct {
	Who       string `json:"who"`        // "prospect", "employer", "teacher", "invitee"
	WhoPlural string `json:"who_plural"` // "prospects"
	Offer     string `json:"offer"`      // "offer", "application", "assignment", "invitation"
	Event     string `json:"event"`      // "call", "interview", "grade", "event"
	Yes       string `json:"yes"`        // "deal", "offer", "good grade", "yes"
	// Alternative names what they chose instead (a No's competitor field).
	Alternative Alternative `json:"alternative"`
}

// Alternative is what they chose instead, in the mode's words: a competitor
// in sales; in job and school what stronger work looked like, never whose;
// another plan in personal. Labels are lower case, like the other words.
type Alternative struct {
	One  string `json:"one"`  // "competitor", "stronger profile", "stronger work", "other plan"
	Many string `json:"many"` // "competitors", ...: a section title
	Why  string `json:"why"`  // "why them": the competitor_why field's label
	// None says that none was named in a period ("No competitor named …").
	None string `json:"none"`
}

// Reason is one entry of a mode's taxonomy.
type Reason struct {
	ID    string       `json:"id"`
	Label string       `json:"label"`
	Hint  string       `json:"hint,omitempty"`
	Kind  journal.Kind `json:"kind,omitempty"` // the kind of no it usually is
}

// KindInfo explains a kind of no in the mode's words.
type KindInfo struct {
	Kind    journal.Kind `json:"kind"`
	Label   string       `json:"label"`   // "Not now"
	Explain string       `json:"explain"` // one line
	// FollowUpDays suggests when to follow up a No of this kind (0: none).
	FollowUpDays int `json:"follow_up_days"`
	// Referral says whether the reframe asks them for a referral ("Could
	// you point me to someone this would fit?") after a No of this kind:
	// never after a final no in personal mode. Every kind must say it
	// (nil is refused on load), so a new mode decides rather than inherits.
	Referral *bool `json:"referral"`
}

// Prompt is a resilience reflection prompt; IDs are stable for rotation.
type Prompt struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Ritual is a bounce-back ritual. Type "breathing" runs the guided timer,
// "win" shows a past win; anything else is a plain instruction.
type Ritual struct {
	ID    string   `json:"id"`
	Type  string   `json:"type"`
	Name  string   `json:"name"`
	Steps []string `json:"steps,omitempty"`
	// Seconds is how long the ritual takes (0: untimed).
	Seconds int `json:"seconds,omitempty"`
	// StepSeconds paces a timed ritual: one duration per step, cycled
	// until Seconds run out (breathing: inhale 4, hold 2, exhale 6).
	StepSeconds []int `json:"step_seconds,omitempty"`
}

// Questions are the coaching questions asked in the reframe flow.
type Questions struct {
	AskWhy     []string `json:"ask_why"`    // "Can you share why you won't move forward?", ...
	Turnaround string   `json:"turnaround"` // "What would need to change for us to revisit this?"
	// Reframe step titles, in the mode's words.
	Said       string `json:"said"`
	Assumed    string `json:"assumed"`
	Real       string `json:"real"`
	Kind       string `json:"kind"`
	Competitor string `json:"competitor"`
	// CompetitorHint is the help line under Competitor, and CompetitorWhy
	// the question after it ("Why that choice, as far as you know?").
	CompetitorHint string `json:"competitor_hint"`
	CompetitorWhy  string `json:"competitor_why"`
	// Who and WhoHint ask who said no in the log form; Contact and
	// ContactHint ask for the person to greet in the debrief e-mail.
	Who         string `json:"who"`
	WhoHint     string `json:"who_hint"`
	Contact     string `json:"contact"`
	ContactHint string `json:"contact_hint"`
	Lesson      string `json:"lesson"`
	Next        string `json:"next"`
	Intention   string `json:"intention"` // "What follow-up question will you ask next time?"
	Win         string `json:"win"`
	Mood        string `json:"mood"`

	// The thought record: the automatic thought, the traps it fits, the
	// evidence each way and a balanced thought.
	Thought         string `json:"thought"`
	Traps           string `json:"traps"`
	EvidenceFor     string `json:"evidence_for"`
	EvidenceAgainst string `json:"evidence_against"`
	Balanced        string `json:"balanced"`
	// Referral is the ask to say to them ("Could you point me to someone
	// this would fit?"); ReferralWho asks who they pointed to.
	Referral    string `json:"referral"`
	ReferralWho string `json:"referral_who"`
	// Stage, Mistake and Prepared are asked in the modes that have stages
	// or mistakes; IntentionKept asks about the day before's intention.
	Stage         string `json:"stage,omitempty"`
	Mistake       string `json:"mistake,omitempty"`
	Prepared      string `json:"prepared,omitempty"`
	IntentionKept string `json:"intention_kept"`
	// SecondaryReasons asks for the other decision drivers (sales); the log
	// and edit forms ask it only in a mode that sets it. Differently is the
	// exam wrapper's "what will you do differently" (school), kept as the
	// No's lesson.
	SecondaryReasons string `json:"secondary_reasons,omitempty"`
	Differently      string `json:"differently,omitempty"`
}

// Debrief is the kit for asking feedback after a No.
type Debrief struct {
	Subject string `json:"subject"` // "Can I ask a quick favor?"
	// Body is a text/template with {{.Who}} (the prospect) and {{.Name}} (the user).
	Body      string   `json:"body"`
	Questions []string `json:"questions"` // in the seed's order; the last asks if anything could change their mind
	// How the kit is presented, in the mode's tone: the message's heading
	// ("The e-mail"), the questions' heading ("Questions for the call") and
	// an optional line under the headings (personal: the message is
	// optional and asks nothing of them).
	MessageTitle   string `json:"message_title"`
	QuestionsTitle string `json:"questions_title"`
	Note           string `json:"note,omitempty"`
}

// Rule is a pattern suggestion, evaluated by package insights.
//
// Metric is one of:
//
//	"reason_share"   share of the period's No's whose reason is in Keys
//	"kind_share"     share whose kind is in Keys
//	"tag_share"      share carrying a tag in Keys (e.g. "outside-icp")
//	"competitor_top" share of No's naming the most frequent competitor (Keys unused)
//	"guessed_reason" share whose reason is only the user's guess (an assumed
//	                 reason, none they said): "ask why" reads it
//
// The rule fires when the share >= MinShare and the count >= MinCount, and
// for reason_share and kind_share only when the count also stands out from
// chance (the mode's reasons, or the five kinds, spread evenly; see
// insights.Alpha), on at least insights.MinRuleNos No's.
// Text and Because are text/templates over {{.Count}} {{.Total}} {{.Percent}} {{.Name}}.
type Rule struct {
	ID       string   `json:"id"`
	Metric   string   `json:"metric"`
	Keys     []string `json:"keys,omitempty"`
	MinShare float64  `json:"min_share"`
	MinCount int      `json:"min_count"`
	Text     string   `json:"text"`
	Because  string   `json:"because"`
}

// Trap is a thinking trap (journal.Traps ids) in the mode's words: its
// name and one example of a thought that fits it, as the user might think
// it after a No of this mode.
type Trap struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Example string `json:"example"`
}

// Choice is one entry of a mode's short lists: the stages a No can come at
// (sales, job), the kinds of mistake behind a grade (school).
type Choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Hint  string `json:"hint,omitempty"`
}

// Mode is everything one mode (sales, job, school, personal) needs.
type Mode struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	// Order places the mode in lists (sales 1 first); 0 sorts after the rest.
	Order int `json:"order,omitempty"`
	// FollowUpDays suggests a follow-up for a No whose kind is not known yet.
	FollowUpDays int        `json:"follow_up_days,omitempty"`
	Words        Words      `json:"words"`
	Reasons      []Reason   `json:"reasons"`
	Kinds        []KindInfo `json:"kinds"`
	// Traps are the eight thinking traps, every mode all of them.
	Traps []Trap `json:"traps"`
	// Stages and Mistakes are optional: a No carries a stage or a mistake
	// only in a mode that lists them.
	Stages      []Choice  `json:"stages,omitempty"`
	Mistakes    []Choice  `json:"mistakes,omitempty"`
	Questions   Questions `json:"questions"`
	Prompts     []Prompt  `json:"prompts"`
	Rituals     []Ritual  `json:"rituals"`
	Debrief     Debrief   `json:"debrief"`
	Suggestions []Rule    `json:"suggestions"`
	// Prep is the prep card's checklist and opening lines (prep.go).
	Prep Prep `json:"prep"`
	// Review is the weekly review's words (review.go).
	Review ReviewWords `json:"review"`
}
