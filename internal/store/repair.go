package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Repair rebuilds every index, tally and counter from the No's, reflections
// and wins, in a copy of the journal that replaces it (rewrite.go): all or
// nothing, in memory that does not grow with the journal. A No that cannot
// be read is moved to bucket "damaged" (kept, not deleted) so the rest of
// the journal is consistent again.
func (s *Store) Repair() error {
	err := s.withDB(false, func(db *bolt.DB) error {
		defer s.longOp("a repair")() // seconds under the lock: others wait (busy.go)
		var st schemaState
		if err := db.View(func(tx *bolt.Tx) error { st = readSchema(tx); return nil }); err != nil {
			return err
		}
		if err := s.schemaErr(st); err != nil {
			return err
		}
		if st.fresh {
			return db.Update(initSchema)
		}
		if st.version != currentSchema {
			return fmt.Errorf("%s has schema %d; open it with rebound first to upgrade it", s.path, st.version)
		}
		return s.rewrite(db, repairingSuffix, currentSchema)
	})
	return wrapOp("repair journal", err)
}
