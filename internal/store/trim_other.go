//go:build !linux

package store

func dropResident(addr, size uintptr) {}

const canTrim = false

func residentOver(int64) (over func() bool, done func()) { return nil, nil }
