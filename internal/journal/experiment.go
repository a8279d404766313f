package journal

import (
	"slices"
	"strings"
	"time"
)

// Experiment is a change in the pitch the user tries from Start on
// (`rebound experiment start`): the No's of Mode that give one of the
// Watch reasons should become rarer. End is the last day it ran ("" while
// it runs).
type Experiment struct {
	ID        uint64    `json:"id"`
	Name      string    `json:"name"`
	Mode      string    `json:"mode"`
	Watch     []string  `json:"watch"`
	Start     Day       `json:"start"`
	End       Day       `json:"end,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxWatch is the most reasons one experiment watches: a mode has a dozen.
const MaxWatch = 32

// MaxExperiments is the most experiments an import reads: one per change
// tried, so a file with more is not an export of a journal.
const MaxExperiments = 10000

// Running reports whether e has not ended.
func (e *Experiment) Running() bool { return e.End == "" }

// Validate checks an experiment before it is stored or imported; with r,
// that its mode exists and each watched reason is one of the mode's.
func (e *Experiment) Validate(r Reasons) error {
	if strings.TrimSpace(e.Name) == "" {
		return invalid(`the experiment has no name; say what you change, e.g. "Lead with ROI"`)
	}
	if len(e.Name) > MaxField {
		return tooLong("the name", len(e.Name))
	}
	if strings.TrimSpace(e.Mode) == "" {
		return invalid("the experiment has no mode")
	}
	if len(e.Mode) > MaxTag {
		return invalid("the mode is %s bytes; an id is at most %d bytes", commas(len(e.Mode)), MaxTag)
	}
	if len(e.Watch) == 0 {
		return invalid("the experiment watches no reason; name the reasons the change should make rarer, e.g. --watch price,budget")
	}
	if len(e.Watch) > MaxWatch {
		return invalid("the experiment watches %d reasons; at most %d", len(e.Watch), MaxWatch)
	}
	for i, id := range e.Watch {
		if len(id) > MaxTag {
			return invalid("a watched reason is %s bytes; an id is at most %d bytes", commas(len(id)), MaxTag)
		}
		if slices.Contains(e.Watch[:i], id) {
			return invalid("the reason %q is watched twice", id)
		}
	}
	if err := checkDay("start", e.Start); err != nil {
		return err
	}
	if e.End != "" {
		if err := checkDay("end", e.End); err != nil {
			return err
		}
		if e.End < e.Start {
			return invalid("the experiment ends on %s, before it starts (%s)", e.End, e.Start)
		}
	}
	if !sensible(e.CreatedAt) {
		return invalid("created_at is %s; times run from %s to %s", e.CreatedAt.UTC().Format(time.RFC3339), FirstDay, LastDay)
	}
	if r == nil {
		return nil
	}
	if err := checkMode(r, "mode", e.Mode); err != nil {
		return err
	}
	for _, id := range e.Watch {
		if !r.HasReason(e.Mode, id) {
			return invalid("unknown reason %q for mode %s; choose one of: %s", id, e.Mode, strings.Join(r.ReasonIDs(e.Mode), ", "))
		}
	}
	return nil
}
