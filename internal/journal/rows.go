package journal

import "iter"

// The shapes of the journal's reads: what a list, the follow-ups and home
// ask for and get back. They live here, beside the No, so the store and the
// screens that read it share them without a screen importing the store.

// Query selects No's for the journal screen; zero fields do not filter.
type Query struct {
	Limit  int     // 0 = no limit
	Before *Cursor // page after this cursor (exclusive), newest first
	// After is the page just before this cursor (exclusive): the Limit
	// No's newer than it, nearest first in the walk but returned newest
	// first like every page; the cursor returned continues with After.
	After *Cursor
	// Oldest is the last page of the list: the Limit oldest No's (within
	// the other bounds), returned newest first; the cursor returned
	// continues with After. The walk starts at the index's old end, so
	// the end of a long journal costs one page, not the whole list.
	Oldest bool
	// Text: every word must occur in the No (case and accents ignored); the
	// last word matches as a prefix, so typing "acm" finds "Acme".
	Text                  string
	Reason, Outcome, Mode string // exact filters
	From, To              Day    // inclusive date range
	// Kind and Tag are exact (a tag in any case); Who matches part of the
	// name, case and accents ignored.
	Kind, Tag, Who string
}

// Cursor is the position of the last No on a page: (date, id).
type Cursor struct {
	Date Day
	ID   uint64
}

// Row is one line of a journal list: the part of a No a list shows, which
// the store reads from an index without decoding the No.
type Row struct {
	ID           uint64
	Date         Day
	Who          string
	Reason, Mode string
	Outcome      Outcome
	FollowUp     Day
	FollowUpDone bool
}

// Rows are the rows of a query, read one at a time: the store keeps them
// compact (about 60 bytes a row) and at decodes row i when asked, so even a
// listing of the whole journal stays small.
type Rows struct {
	n  int
	at func(i int) Row
}

// NewRows are n rows, row i being at(i).
func NewRows(n int, at func(i int) Row) *Rows { return &Rows{n: n, at: at} }

// Len is the number of rows.
func (r *Rows) Len() int {
	if r == nil {
		return 0
	}
	return r.n
}

// At is row i.
func (r *Rows) At(i int) Row { return r.at(i) }

// All yields the rows in order.
func (r *Rows) All() iter.Seq[Row] {
	return func(yield func(Row) bool) {
		for i := range r.Len() {
			if !yield(r.At(i)) {
				return
			}
		}
	}
}

// FollowUpRow is one open follow-up as the follow-up list shows it, read
// from an index without decoding the No.
type FollowUpRow struct {
	ID      uint64
	Due     Day
	Date    Day // the No's
	Who     string
	Next    string
	Change  string
	Kind    Kind
	Outcome Outcome
	// Mode is the No's: a follow-up's odds count the No's of its mode.
	Mode string
}

// No is the part of the No the row holds.
func (r FollowUpRow) No() No {
	return No{ID: r.ID, Date: r.Date, Who: r.Who, Next: r.Next, Change: r.Change, Kind: r.Kind,
		Outcome: r.Outcome, FollowUp: r.Due}
}

// Home is today at a glance, as the home screen shows it.
type Home struct {
	Today, Week, Waiting, FollowUpsDue, FollowUpsOverdue, Total int
	// WaitingNos are the 5 waiting No's (No.Waiting: not reframed, or a
	// draft) with the latest dates, newest first.
	WaitingNos []No
}
