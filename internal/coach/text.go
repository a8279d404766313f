package coach

import (
	"strings"
	"text/template"
)

// Fallbacks for an empty debrief recipient or sender: the e-mail still reads
// well and the placeholder is obvious before sending.
const (
	NoWho  = "there"
	NoName = "[your name]"
)

// debriefData is what a debrief body template sees: Who said no (a
// company, a teacher, a friend), Contact the person to greet ("" when not
// known: a body greets neutrally then, "Hi{{with .Contact}} {{.}}{{end}},"),
// and Name the user.
type debriefData struct{ Who, Contact, Name string }

// RuleData is what a suggestion's Text and Because templates see.
type RuleData struct {
	Count   int    // No's matching the rule
	Total   int    // No's in the period
	Percent int    // Count/Total, rounded, 0-100
	Name    string // the competitor, for competitor_top
}

// text/template, not html/template: the output is plain text for a terminal
// or an e-mail client, so names must come through verbatim, never escaped.
func render(tmpl string, data any) (string, error) {
	if !strings.Contains(tmpl, "{{") { // most texts; skips parsing on every CLI start
		return tmpl, nil
	}
	t, err := template.New("").Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// checkTemplate parses and runs tmpl on sample data, catching unknown fields
// ({{.Nmae}}) at load time instead of on the user's screen.
func checkTemplate(tmpl string, sample any) error {
	_, err := render(tmpl, sample)
	return err
}

// DebriefEmail is the debrief request, filled in for who (the other side),
// contact (the person to greet, may be empty) and name (the user). Values
// are inserted as they are: quotes, emoji or "{{" in a name are data, never
// template code.
func (m *Mode) DebriefEmail(who, contact, name string) (subject, body string) {
	d := debriefData{Who: strings.TrimSpace(who), Contact: strings.TrimSpace(contact), Name: strings.TrimSpace(name)}
	if d.Who == "" {
		d.Who = NoWho
	}
	if d.Name == "" {
		d.Name = NoName
	}
	body, err := render(m.Debrief.Body, d)
	if err != nil {
		// Only reachable for a Mode built by hand; loaded modes are checked.
		body = m.Debrief.Body
	}
	return m.Debrief.Subject, body
}

// Render fills the rule's Text and Because with d.
func (r Rule) Render(d RuleData) (text, because string) {
	var err error
	if text, err = render(r.Text, d); err != nil {
		text = r.Text
	}
	if because, err = render(r.Because, d); err != nil {
		because = r.Because
	}
	return text, because
}
