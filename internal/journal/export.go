package journal

import "time"

// ExportFormat names the current export format; import refuses newer ones.
const ExportFormat = "rebound/v1"

// Export is everything the user keeps, as written by `rebound export --format json`.
type Export struct {
	Format      string       `json:"format"`
	ExportedAt  time.Time    `json:"exported_at"`
	Nos         []No         `json:"nos"`
	Reflections []Reflection `json:"reflections"`
	Wins        []Win        `json:"wins"`
	RestDays    []Day        `json:"rest_days"`
	Settings    *Settings    `json:"settings,omitempty"`
}

// Records receives an export's records one at a time, as an import reads
// them, so no more than one is ever held; a nil func skips that kind.
type Records struct {
	No         func(*No) error
	Reflection func(*Reflection) error
	Win        func(*Win) error
	RestDay    func(Day) error
}

// Size is how many records of each kind an export holds, and its bytes.
type Size struct {
	Nos, Reflections, Wins, RestDays int
	Bytes                            int64
}
