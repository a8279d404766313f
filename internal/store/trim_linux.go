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
