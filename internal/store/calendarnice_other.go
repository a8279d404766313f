//go:build !unix

package store

// yieldCPU does nothing where priorities are not set this way.
func yieldCPU() {}
