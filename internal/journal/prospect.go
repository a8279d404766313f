package journal

// Prospect is one prospect's history as a screen shows it: counts of every
// No from them, kept by the store with each write, and one page of their
// No's, newest first, so a prospect with ten thousand No's costs what one
// page costs (who, the prospect screen, the prep card).
type Prospect struct {
	// Name is the name as written on their newest No ("" when they have none).
	Name string
	// Nos are a page of their No's, newest first by (date, id).
	Nos []No
	// Total counts every No from them; Yes those whose outcome is yes.
	Total, Yes int
	// Latest is the outcome of their newest No ("" when they have none).
	Latest Outcome
	// OpenFollowUp is their soonest follow-up not done, settled No's left
	// out (followup.Earliest over all their No's); nil when none.
	OpenFollowUp *No
	// Next continues the list after Nos (Before in the next read); nil at the end.
	Next *Cursor
}
