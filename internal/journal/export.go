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
	Experiments []Experiment `json:"experiments"`
	Reviews     []Review     `json:"reviews"`
}

// Records receives an export's records one at a time, as an import reads
// them, so no more than one is ever held; a nil func skips that kind.
type Records struct {
	No         func(*No) error
	Reflection func(*Reflection) error
	Win        func(*Win) error
	RestDay    func(Day) error
	Experiment func(*Experiment) error
	Review     func(*Review) error
	// Prepare, when set with NoPrepared, runs on each No once it is read
	// and checked, on the reading goroutines (several at once, in no
	// order); NoPrepared then receives the No's in the file's order
	// instead of No, each with what Prepare made of it. An import does its
	// per-No work there, off the goroutine that writes.
	Prepare    func(*No) any
	NoPrepared func(*No, any) error
}

// WithPrepared is r with NoPrepared (and Prepare) folded into No, for a
// reader that reads on one goroutine.
func (r Records) WithPrepared() Records {
	if r.NoPrepared != nil && r.No == nil {
		prepare, prepared := r.Prepare, r.NoPrepared
		r.No = func(n *No) error {
			var p any
			if prepare != nil {
				p = prepare(n)
			}
			return prepared(n, p)
		}
	}
	r.Prepare, r.NoPrepared = nil, nil
	return r
}

// Size is how many records of each kind an export holds, and its bytes.
type Size struct {
	Nos, Reflections, Wins, RestDays int
	Bytes                            int64
	Experiments                      int
	Reviews                          int
	// TopID is the largest number a No carries, up to MaxKeptID.
	TopID uint64
	// InDateOrder says every No comes after the one before by date, then
	// number (an export of a journal logged day by day): an import can
	// write them as they come instead of sorting them first.
	InDateOrder bool
}

// MaxKeptID is the largest number an imported No may keep: the search
// index and the sequence need room above it.
const MaxKeptID = 1 << 40

// Order follows the No's of an export as they come, for Size.TopID and
// Size.InDateOrder.
type Order struct {
	seen, out bool
	date      Day
	id        uint64
	top       uint64
}

// Add notes the next No.
func (o *Order) Add(n *No) {
	if o.seen && (n.Date < o.date || n.Date == o.date && n.ID < o.id) {
		o.out = true
	}
	o.seen, o.date, o.id = true, n.Date, n.ID
	if n.ID <= MaxKeptID {
		o.top = max(o.top, n.ID)
	}
}

// Out says a No came before the one added before it.
func (o *Order) Out() bool { return o.out }

// Fill puts what Add saw into size.
func (o *Order) Fill(size *Size) { size.TopID, size.InDateOrder = o.top, !o.out }
