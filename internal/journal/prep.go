package journal

// ProspectMatch is one prospect a typed name finds (who, prep, the
// prospect screen): the name as written on their newest No, and their
// counts.
type ProspectMatch struct {
	Name  string `json:"name"`
	Nos   int    `json:"nos"`
	Yes   int    `json:"yes"`
	Exact bool   `json:"exact"` // the name typed is theirs, whole (case and spaces aside)
}

// Lesson is what an earlier No taught, for the prep card's "what similar
// No's taught": its lesson, and what made it similar.
type Lesson struct {
	ID     uint64 `json:"id"`
	Date   Day    `json:"date"`
	Who    string `json:"who"`
	Reason string `json:"reason,omitempty"`
	Kind   Kind   `json:"kind,omitempty"`
	Lesson string `json:"lesson"`
	// Same is "reason" or "kind": what it shares with the No prepared for.
	Same string `json:"same"`
}
