//go:build linux

package resident

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// DropProgram hands back the pages of this program's code and read-only
// data that are resident now: a long command (an import) calls it once its
// start is over. Those pages are the executable file's, shared with the
// page cache: the ones the command still runs come back on first touch
// from the cache (a minor fault each), the rest (the terminal UI, the other
// commands, what only start-up ran) stop counting as its memory. Nothing
// writable is touched. Reports how many bytes it asked the kernel to drop.
func DropProgram() int64 {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return 0
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0
	}
	defer f.Close()
	var total int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 00400000-00c3e000 r-xp 00000000 08:01 1234 /path/to/rebound
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != exe || (fields[1] != "r-xp" && fields[1] != "r--p") {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED); errno == 0 {
			total += int64(end - start)
		}
	}
	return total
}
