package store

import "sync"

// unreadable is what the export readers left out because it could not be
// read (a damaged page, a record that does not decode).
type unreadable struct {
	mu    sync.Mutex
	lines []string
}
