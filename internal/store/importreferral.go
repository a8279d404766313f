package store

import "github.com/rebound-coach/rebound/internal/journal"

// A win's referral_from names a No by its number in the file. Into a
// journal with No's the import numbers them anew, so such a win is held
// until every No is written (the sorted path writes them after the wins)
// and then pointed at the No's number in the journal.

// Now is the number the No numbered was in the file got in the journal,
// when the import numbered it anew and Runs still holds it.
func (m *IDMap) Now(was uint64) (uint64, bool) {
	if was == 0 {
		return 0, false
	}
	for _, r := range m.Runs {
		if r.Was != 0 && was >= r.Was && was-r.Was < r.Count {
			return r.Now + (was - r.Was), true
		}
	}
	return 0, false
}

// referral is the journal's number for the No the file numbered was. Into
// an empty journal the No kept its number (the first of two that shared
// it); otherwise it is the new one. A No the import did not add (already in
// the journal, or not in the file) has no number here to point at: 0, so a
// win never points at the wrong No.
func (im *importer) referral(was uint64) uint64 {
	if im.keep && keepable(was) != 0 {
		return was
	}
	if now, ok := im.res.IDs.Now(was); ok {
		return now
	}
	return 0
}

// holdWin keeps a win with a referral until the No's are written; it
// reports whether it did. Wins with a referral are few: they are held in
// memory.
func (im *importer) holdWin(w *journal.Win) bool {
	if w.ReferralFrom == 0 || im.nosDone {
		return false
	}
	im.later = append(im.later, *w)
	return true
}

// nosWritten writes the wins held for their referral, renumbered.
func (im *importer) nosWritten() error {
	im.nosDone = true
	later := im.later
	im.later = nil
	for i := range later {
		if err := im.win(&later[i]); err != nil {
			return err
		}
	}
	return nil
}
