package store

import "syscall"

// limitMemory caps the page check child's address space: a damaged page
// header can make bbolt's check fill a map for minutes, and the child
// must fail (and be reported) before it takes the machine's memory. The
// journal's own map is counted too, so the cap grows with the file.
func limitMemory(fileSize int64) {
	limit := uint64(4<<30) + 2*uint64(fileSize)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
}
