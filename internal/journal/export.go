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
