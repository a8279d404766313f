package coach

import (
	"strings"
	"testing"
)

func TestDebriefEmail(t *testing.T) {
	long := strings.Repeat("Ω", 250) + strings.Repeat("x", 250)
	tests := []struct {
		who, name         string
		wantWho, wantName string
	}{
		{"Acme Corp", "Dana", "Acme Corp", "Dana"},
		{`O'Brien "The Boss"`, `Zoë 🚀 <dana@example.com>`, `O'Brien "The Boss"`, `Zoë 🚀 <dana@example.com>`},
		{"{{.Name}}", "{{ .Who }} {{", "{{.Name}}", "{{ .Who }} {{"},
		{"Tom & Jerry", "a\\b%s%v", "Tom & Jerry", "a\\b%s%v"},
		{long, long, long, long},
		{"", "", NoWho, NoName},
		{"  ", "\t", NoWho, NoName},
	}
	for _, m := range catalog(t).Modes() {
		for _, tt := range tests {
			subject, body := m.DebriefEmail(tt.who, tt.name)
			if subject != "Can I ask a quick favor?" {
				t.Errorf("%s: subject %q", m.ID, subject)
			}
			want := strings.NewReplacer("{{.Who}}", tt.wantWho, "{{.Name}}", tt.wantName).Replace(m.Debrief.Body)
			if body != want {
				t.Errorf("%s: DebriefEmail(%.40q, %.40q) body =\n%s\nwant\n%s", m.ID, tt.who, tt.name, body, want)
			}
		}
	}
}
