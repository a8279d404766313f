package ritual

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Rough is the mood at or below which a day counts as rough (1 rough … 5 strong).
const Rough = 2

// CareNote is home's short, warm note when most recent moods were rough:
// at least 4 of the last 7 days' reflections rated 1 or 2. It names what it
// saw, says that talking to someone helps, adds the user's own support line
// when they set one, and says how to hide it. It diagnoses nothing and
// reaches out to no one.
func CareNote(recent []journal.Reflection, support string) (string, bool) {
	rated, rough := 0, 0
	for _, r := range recent {
		if r.Mood == 0 {
			continue
		}
		rated++
		if r.Mood <= Rough {
			rough++
		}
	}
	if rough < 4 {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The last days have been rough: %d of your last %d moods were 1 or 2 of 5. That is a lot to carry; talking it over with someone you trust helps.", rough, rated)
	if s := strings.TrimSpace(support); s != "" {
		b.WriteString(" Your line: " + s + ".")
	}
	b.WriteString(" (rebound settings --mood-note off hides this.)")
	return b.String(), true
}
