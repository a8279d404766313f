package store

import "syscall"

// dropResident tells the kernel this process no longer needs the pages of
// [addr, addr+size) of the journal's read-only shared mapping. Their
// contents stay in the page cache and come back on the next touch, so for
// readers nothing changes but the resident size.
func dropResident(addr, size uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}

const canTrim = true

// adviseRandom tells the kernel that reads of [addr, addr+size) jump about,
// so that a page fault maps that page and not the ~700 KiB around it (the
// readahead window here): an import writing scattered search keys touches
// one page in each of thousands of places.
func adviseRandom(addr, size uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_RANDOM)
}
