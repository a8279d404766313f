package journal

import (
	"slices"
	"strings"
)

// Traps are the thinking-trap ids a No's thought can fit (a thought record:
// the automatic thought, the traps it fits, the evidence for and against,
// a more balanced way to put it). The ids are the same in every mode; the
// names and examples are the mode's (assets/modes).
var Traps = []string{"personalising", "mind-reading", "fortune-telling", "all-or-nothing",
	"overgeneralising", "labelling", "discounting", "catastrophising"}

// IntentionKept says whether yesterday's intention was kept, as the next
// reflection asks: yes, partly or not yet ("" when not asked).
type IntentionKept string

const (
	KeptYes    IntentionKept = "yes"
	KeptPartly IntentionKept = "partly"
	KeptNotYet IntentionKept = "not-yet"
)

// IntentionKepts in the order they are offered.
var IntentionKepts = []IntentionKept{KeptYes, KeptPartly, KeptNotYet}

// ParseIntentionKept accepts yes, partly or not-yet (also "not yet").
func ParseIntentionKept(s string) (IntentionKept, error) {
	k := IntentionKept(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-"))
	if slices.Contains(IntentionKepts, k) {
		return k, nil
	}
	return "", invalid("unknown answer %q to whether the intention was kept; choose one of: yes, partly, not-yet", s)
}

// ModeLists tells validation the ids a mode's file defines beyond its
// reasons: the stages a No can end at (sales, job) and the kinds of
// mistake (school). A mode without stages (or mistakes) returns none, and a
// No of that mode cannot carry one. Reasons includes it.
type ModeLists interface {
	StageIDs(mode string) []string
	MistakeIDs(mode string) []string
}

// checkIDList checks a list of ids (traps, secondary reasons): at most
// MaxTags, each at most MaxTag bytes, none empty, none twice.
func checkIDList(name string, ids []string) error {
	if len(ids) > MaxTags {
		return invalid("a No can carry at most %d %s; this one has %d", MaxTags, name, len(ids))
	}
	for i, id := range ids {
		switch {
		case strings.TrimSpace(id) == "":
			return invalid("%s %d is empty", name, i+1)
		case len(id) > MaxTag:
			return invalid("%s %d is %s bytes; an id is at most %d bytes", name, i+1, commas(len(id)), MaxTag)
		case slices.Contains(ids[:i], id):
			return invalid("%s lists %q twice", name, id)
		}
	}
	return nil
}

// checkThought checks the thought record's ids and the mode-free limits of
// the fields this file adds; CheckLimits calls it.
func (n *No) checkThought() error {
	if err := checkIDList("traps", n.Traps); err != nil {
		return err
	}
	for _, t := range n.Traps {
		if !slices.Contains(Traps, t) {
			return invalid("unknown thinking trap %q; choose one of: %s", t, strings.Join(Traps, ", "))
		}
	}
	if err := checkIDList("secondary reasons", n.SecondaryReasons); err != nil {
		return err
	}
	for _, id := range []struct{ name, v string }{{"stage", n.Stage}, {"mistake", n.Mistake}} {
		if len(id.v) > MaxTag {
			return invalid("the %s is %s bytes; an id is at most %d bytes", id.name, commas(len(id.v)), MaxTag)
		}
	}
	return nil
}

// checkModeIDs checks the ids that come from the No's mode: secondary
// reasons are reasons of the mode, a stage or a mistake one the mode
// defines (and only in a mode that has them).
func (n *No) checkModeIDs(r Reasons) error {
	for _, id := range n.SecondaryReasons {
		if !r.HasReason(n.Mode, id) {
			return invalid("unknown secondary reason %q for mode %s; choose one of: %s", id, n.Mode, strings.Join(r.ReasonIDs(n.Mode), ", "))
		}
	}
	for _, c := range []struct {
		name, v string
		ids     func(string) []string
	}{{"stage", n.Stage, r.StageIDs}, {"mistake", n.Mistake, r.MistakeIDs}} {
		if c.v == "" {
			continue
		}
		ids := c.ids(n.Mode)
		switch {
		case len(ids) == 0:
			var have []string
			for _, mode := range r.ModeIDs() {
				if len(c.ids(mode)) > 0 {
					have = append(have, mode)
				}
			}
			return invalid("%s mode has no %ss; a %s is for %s mode", n.Mode, c.name, c.name, strings.Join(have, " or "))
		case !slices.Contains(ids, c.v):
			return invalid("unknown %s %q for mode %s; choose one of: %s", c.name, c.v, n.Mode, strings.Join(ids, ", "))
		}
	}
	return nil
}
