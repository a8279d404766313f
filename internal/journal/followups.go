package journal

// FollowUpCounts are the open follow-ups (set, not done, the No not
// settled: what the follow-ups list shows) by section, counted by the
// store with every write, so a list that shows a page can say how many
// there are without reading them.
type FollowUpCounts struct {
	Overdue, Today, Upcoming int
	// LongLate are the overdue ones more than the given days late.
	LongLate int
}
