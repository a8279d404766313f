package common

import "sync/atomic"

// SyncString is a huh Accessor over *p that also keeps an atomic copy of
// the value for a DescriptionFunc: huh runs those in a command goroutine,
// so they must not read *p, which the form writes on the main goroutine.
type SyncString struct {
	p    *string
	copy atomic.Pointer[string]
}

// NewSyncString binds to *p (which keeps its value).
func NewSyncString(p *string) *SyncString {
	s := &SyncString{p: p}
	v := *p
	s.copy.Store(&v)
	return s
}

// Get is the value (the form's goroutine).
func (s *SyncString) Get() string { return *s.p }

// Set stores the value and its copy (the form's goroutine).
func (s *SyncString) Set(v string) {
	*s.p = v
	s.copy.Store(&v)
}

// Load is the value as last set, safe from any goroutine.
func (s *SyncString) Load() string { return *s.copy.Load() }
