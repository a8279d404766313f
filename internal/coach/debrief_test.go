package coach

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestDebriefEmail(t *testing.T) {
	long := strings.Repeat("Ω", 250) + strings.Repeat("x", 250)
	tests := []struct {
		contact, name         string
		wantContact, wantName string
	}{
		{"Dana", "Sam", "Dana", "Sam"},
		{`O'Brien "The Boss"`, `Zoë 🚀 <dana@example.com>`, `O'Brien "The Boss"`, `Zoë 🚀 <dana@example.com>`},
		{"{{.Name}}", "{{ .Who }} {{", "{{.Name}}", "{{ .Who }} {{"},
		{"Tom & Jerry", "a\\b%s%v", "Tom & Jerry", "a\\b%s%v"},
		{long, long, long, long},
	}
	for _, m := range catalog(t).Modes() {
		for _, tt := range tests {
			_, body := m.DebriefEmail("Globex Inc", tt.contact, tt.name)
			first, _, _ := strings.Cut(body, "\n")
			if first != "Hi "+tt.wantContact+"," {
				t.Errorf("%s: contact %.40q: greeting %.60q, want the contact greeted", m.ID, tt.contact, first)
			}
			if !strings.HasSuffix(body, "\n"+tt.wantName) {
				t.Errorf("%s: name %.40q: body does not end with the name:\n%s", m.ID, tt.name, body)
			}
		}
		_, body := m.DebriefEmail("", "  ", "\t")
		if !strings.HasSuffix(body, "\n"+NoName) {
			t.Errorf("%s: no name: body does not end with %q:\n%s", m.ID, NoName, body)
		}
	}
}

// TestDebriefGreeting: without a contact, an organisation is never
// greeted as if it were a person ("Hi Globex Inc,"): sales and job open
// with a plain "Hi,"; school and personal, where who said no is a person,
// greet them by that name.
func TestDebriefGreeting(t *testing.T) {
	for _, tt := range []struct{ mode, who, contact, want string }{
		{"sales", "Globex Inc", "", "Hi,"},
		{"sales", "Globex Inc", "Dana", "Hi Dana,"},
		{"job", "Initech", "", "Hi,"},
		{"job", "Initech", " Priya ", "Hi Priya,"},
		{"school", "Ms. Novak", "", "Hi Ms. Novak,"},
		{"school", "Ms. Novak", "Tom (TA)", "Hi Tom (TA),"},
		{"school", "", "", "Hi there,"},
		{"personal", "Sam", "", "Hi Sam,"},
		{"personal", "Samuel Jones", "Sammy", "Hi Sammy,"},
	} {
		kit := NewKit(mode(t, tt.mode), journal.No{Who: tt.who, Contact: tt.contact}, "Alex")
		first, _, _ := strings.Cut(kit.Body, "\n")
		if first != tt.want {
			t.Errorf("%s, who %q, contact %q: greeting %q, want %q", tt.mode, tt.who, tt.contact, first, tt.want)
		}
		if strings.Contains(first, "Globex") || strings.Contains(first, "Initech") {
			t.Errorf("%s: the e-mail greets the organisation: %q", tt.mode, first)
		}
	}
}

// TestDebriefPersonalIsKind: in personal mode the debrief is an optional,
// kind note that asks for nothing (no call, no "10 minutes", no favour),
// presented as optional; the work modes keep the seed's request for ten
// minutes of feedback.
func TestDebriefPersonalIsKind(t *testing.T) {
	p := NewKit(mode(t, "personal"), journal.No{Who: "Sam"}, "Alex")
	low := strings.ToLower(p.Subject + "\n" + p.Body)
	for _, pressure := range []string{"10 minutes", "favor", "favour", "call", "feedback", "let me know"} {
		if strings.Contains(low, pressure) {
			t.Errorf("personal note says %q:\n%s\n%s", pressure, p.Subject, p.Body)
		}
	}
	if !strings.Contains(low, "no need to reply") {
		t.Errorf("personal note does not say it needs no reply:\n%s", p.Body)
	}
	if p.Note == "" || !strings.Contains(strings.ToLower(p.MessageTitle), "if you want") {
		t.Errorf("personal kit is not presented as optional: title %q, note %q", p.MessageTitle, p.Note)
	}
	for _, q := range p.Questions {
		if strings.Contains(strings.ToLower(q), "why did you") {
			t.Errorf("personal question asks a friend to justify themselves: %q", q)
		}
	}
	for _, id := range []string{"sales", "job", "school"} {
		k := NewKit(mode(t, id), journal.No{Who: "X"}, "Alex")
		if k.Subject != "Can I ask a quick favor?" || !strings.Contains(k.Body, "10 minutes") || k.Note != "" {
			t.Errorf("%s: subject %q, note %q, body:\n%s", id, k.Subject, k.Note, k.Body)
		}
		if k.MessageTitle == "" || k.QuestionsTitle == "" {
			t.Errorf("%s: kit headings %q, %q", id, k.MessageTitle, k.QuestionsTitle)
		}
	}
}
