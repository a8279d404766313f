package store

import bolt "go.etcd.io/bbolt"

// maxModesInUse bounds what ModesInUse collects: a journal holds a mode or
// two; one damaged by an old import could hold a different one per No.
const maxModesInUse = 100

// ModesInUse counts the No's of each mode, read from by_day without
// decoding a No, so that doctor can name the modes this build does not
// have (left by an import from before modes were checked, say).
func (s *Store) ModesInUse() (map[string]int, error) {
	out := map[string]int{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		return forEach(b.byDay, func(_, v []byte) error {
			_, _, mode := dayFields(v)
			if _, ok := out[string(mode)]; ok || len(out) < maxModesInUse {
				out[string(mode)]++
			}
			return nil
		})
	})
	return out, wrapOp("read the modes in use", err)
}
