package coach

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// MaxName is the longest name kept in the settings (it signs the debrief
// e-mail, not a novel).
const MaxName = 100

// Kit is the filled-in debrief kit for one No: the request e-mail and the
// questions to ask, with the headings the mode presents them under.
type Kit struct {
	Who       string   `json:"who"`
	Contact   string   `json:"contact,omitempty"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"`
	Questions []string `json:"questions"`
	// MessageTitle and QuestionsTitle head the two parts ("The e-mail",
	// "Questions for the call"); Note, when set, says how to use the kit
	// (personal: optional, no pressure).
	MessageTitle   string `json:"-"`
	QuestionsTitle string `json:"-"`
	Note           string `json:"note,omitempty"`
}

// NewKit fills the mode's debrief e-mail for n — greeting n's contact when
// known, else neutrally — signed by name. Names are made inert first (no
// escape sequences reach a clipboard or a terminal) and inserted verbatim:
// quotes, emoji and "{{" are just text.
func NewKit(mode *Mode, n journal.No, name string) Kit {
	subject, body := mode.DebriefEmail(textsafe.Inline(n.Who), textsafe.Inline(n.Contact), textsafe.Inline(name))
	d := mode.Debrief
	return Kit{Who: n.Who, Contact: n.Contact, Subject: subject, Body: body, Questions: mode.DebriefQuestions(),
		MessageTitle: cmp.Or(d.MessageTitle, "The e-mail"), QuestionsTitle: cmp.Or(d.QuestionsTitle, "Questions for the call"),
		Note: d.Note}
}

// Email is the e-mail as copied: the subject line, a blank line, the body.
func (k Kit) Email() string { return "Subject: " + k.Subject + "\n\n" + k.Body }

// QuestionList is the questions numbered, one per line.
func (k Kit) QuestionList() string {
	var b strings.Builder
	for i, q := range k.Questions {
		fmt.Fprintf(&b, "%d. %s\n", i+1, q)
	}
	return strings.TrimRight(b.String(), "\n")
}
