//go:build !linux

package store

func dropResident(addr, size uintptr) {}

const canTrim = false
