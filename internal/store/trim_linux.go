package store

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// dropResident tells the kernel this process no longer needs the pages of
// [addr, addr+size) of the journal's read-only shared mapping. Their
// contents stay in the page cache and come back on the next touch, so for
// readers nothing changes but the resident size.
func dropResident(addr, size uintptr) {
	syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}

const canTrim = true

// residentOver reports, each time it is asked, whether this process's
// mapped file pages (statm's shared pages: the journal's map, the
// executable) have grown by more than budget bytes since it was made;
// done closes what it reads. over is nil when /proc cannot say.
func residentOver(budget int64) (over func() bool, done func()) {
	f, err := os.Open("/proc/self/statm")
	if err != nil {
		return nil, nil
	}
	page := int64(os.Getpagesize())
	shared := func() (int64, bool) {
		var b [160]byte
		n, _ := f.ReadAt(b[:], 0)
		fields := bytes.Fields(b[:n])
		if len(fields) < 3 {
			return 0, false
		}
		v, err := strconv.ParseInt(string(fields[2]), 10, 64)
		return v * page, err == nil
	}
	base, ok := shared()
	if !ok {
		f.Close()
		return nil, nil
	}
	return func() bool {
		now, ok := shared()
		return !ok || now-base > budget
	}, func() { f.Close() }
}
