package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Rebound writes whole files through temporaries renamed into place: a new
// journal (".<journal>.new-N" next to it), exports and backups
// (".rebound-export-N", ".rebound-backup-N" in the folder of the file
// named, the daily ones in backups/), a large import's copy
// ("<journal>.importing"), the new journal of an upgrade or a repair
// ("<journal>.upgrading", "<journal>.repairing"); and doctor checks a copy
// of the journal (".rebound-check-N", snapshot.go). A process killed
// mid-write leaves its temporary behind; a later run removes it.
//
// A temporary is stale, and removed, only when all of these hold:
//   - its name is one Rebound gives (os.CreateTemp's suffix is digits);
//   - it is a regular file, not a link or anything else;
//   - it was last written more than staleAfter ago;
//   - no live process holds its lock. A writer holds an exclusive flock on
//     its temporary for as long as it writes it (bbolt holds one on a new
//     journal; newTemp takes one for exports and backups), and the kernel
//     drops the lock when the process dies, however it dies. An import's
//     copy is written under the journal's own exclusive lock, so that lock
//     is the one tried. The remover tries the lock without waiting and
//     removes the file while it holds it.
//
// The lock alone decides on Linux and the BSDs; the age covers the moments
// before a writer takes its lock and after it lets go (microseconds), and
// writers that take none: an older Rebound, and systems without flock,
// where the age alone decides (a writer rewrites its file continuously, so
// ten minutes without a write means it has stopped).
const staleAfter = 10 * time.Minute

// TempFile is a temporary a Rebound process left behind.
type TempFile struct {
	Path    string
	Size    int64
	ModTime time.Time
	What    string // what was being written: "an unfinished export"…
	Removed bool   // removed as stale
	InUse   bool   // a live process holds its lock (kept)
	// Neither: kept because it was written less than staleAfter ago.
}

// ImportCopy is the What of a large import's copy of the journal;
// UpgradeCopy and RepairCopy of the new journal an upgrade and doctor
// --repair write next to it (rewrite.go). The next upgrade or repair
// removes a copy a killed one left; so does any later run once it is stale.
const (
	ImportCopy  = "an import's copy of the journal"
	UpgradeCopy = "an unfinished upgrade of the journal"
	RepairCopy  = "an unfinished repair of the journal"
)

// StaleAfter is how long a temporary must go unwritten, with no process
// holding its lock, before a later run removes it.
const StaleAfter = staleAfter

var ownTemp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\.rebound-(export|backup|check)-[0-9]+$`) })

// tempKind is what a file named name in a folder next to the journal (or
// in its backups folder) was, or "" when the name is not a temporary of
// this journal's.
func (s *Store) tempKind(name string) string {
	if m := ownTemp().FindStringSubmatch(name); m != nil {
		return "an unfinished " + m[1]
	}
	if rest, ok := strings.CutPrefix(name, snapshotPrefix); ok && digits(rest) {
		return "doctor's copy of the journal"
	}
	prefix := "." + filepath.Base(s.path) + ".new-"
	if rest, ok := strings.CutPrefix(name, prefix); ok && digits(rest) {
		return "a journal being created"
	}
	return ""
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// CleanTemps removes the stale temporaries of this journal (next to it
// and in its backups folder, and an interrupted import's copy) and returns
// every one it found, removed or kept, oldest first. Errors other than a
// missing folder are skipped: cleaning up never stops the user's work.
func (s *Store) CleanTemps(now time.Time) []TempFile {
	var found []TempFile
	for _, dir := range []string{filepath.Dir(s.path), s.BackupDir()} {
		found = append(found, sweep(dir, s.tempKind, now)...)
	}
	if t, ok := s.cleanImportCopy(now); ok {
		found = append(found, t)
	}
	if target, err := filepath.EvalSymlinks(s.path); err == nil {
		for _, c := range []struct{ suffix, what string }{{upgradingSuffix, UpgradeCopy}, {repairingSuffix, RepairCopy}} {
			if t, ok := cleanCopy(target, target+c.suffix, c.what, now); ok {
				found = append(found, t)
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].ModTime.Before(found[j].ModTime) })
	return found
}

// CleanOutputTemps removes stale export and backup temporaries in dir, the
// folder a file is about to be written to (where a killed export left its
// temporary: Rebound cannot know every folder the user exported to, so it
// cleans each one the next time it writes there).
func CleanOutputTemps(dir string, now time.Time) []TempFile {
	return sweep(dir, func(name string) string {
		if m := ownTemp().FindStringSubmatch(name); m != nil {
			return "an unfinished " + m[1]
		}
		return ""
	}, now)
}

// sweep lists dir and removes the stale files kind names.
func sweep(dir string, kind func(string) string, now time.Time) []TempFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var found []TempFile
	for _, e := range entries {
		what := kind(e.Name())
		if what == "" || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		fi, err := e.Info()
		if err != nil {
			continue
		}
		t := TempFile{Path: path, Size: fi.Size(), ModTime: fi.ModTime(), What: what}
		t.Removed, t.InUse = removeIfUnlocked(path, path, now.Sub(fi.ModTime()) > staleAfter)
		found = append(found, t)
	}
	return found
}

// cleanImportCopy removes the copy a killed large import left next to the
// journal. A live import holds the journal's exclusive lock from before it
// creates the copy until after it renames it over the journal, so holding
// that lock (without waiting for it) proves no import is writing the copy.
func (s *Store) cleanImportCopy(now time.Time) (TempFile, bool) {
	p, ok := s.LeftoverImport()
	if !ok {
		return TempFile{}, false
	}
	target, _ := filepath.EvalSymlinks(s.path)
	return cleanCopy(target, p, ImportCopy, now)
}

// cleanCopy removes p, a copy of the journal at target written under the
// journal's exclusive lock (an import's, an upgrade's, a repair's), when
// it is stale and no live process holds that lock. With no target (the
// journal cannot be found) it is only listed.
func cleanCopy(target, p, what string, now time.Time) (TempFile, bool) {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return TempFile{}, false
	}
	t := TempFile{Path: p, Size: fi.Size(), ModTime: fi.ModTime(), What: what}
	if target != "" {
		t.Removed, t.InUse = removeIfUnlocked(target, p, now.Sub(fi.ModTime()) > staleAfter)
	}
	return t, true
}

// removeIfUnlocked tries lockPath's exclusive lock without waiting: when
// a live process holds it, victim is in use; otherwise, if stale, victim is
// removed while the lock is held (and lockPath still names the file it
// locked).
func removeIfUnlocked(lockPath, victim string, stale bool) (removed, inUse bool) {
	f, err := openNoFollow(lockPath)
	if err != nil {
		return false, false
	}
	defer f.Close() // releases the lock
	if !tryLock(f) {
		return false, true
	}
	if !stale || replaced(f, lockPath) {
		return false, false
	}
	err = os.Remove(victim)
	return err == nil || errors.Is(err, fs.ErrNotExist), false
}

// newTemp is os.CreateTemp for a file about to be written in dir, named
// prefix (".rebound-export-*"), that first removes the stale temporaries
// an earlier, killed run left there and then locks the new one for as
// long as this process keeps it open, so a later run never takes it for a
// leftover.
func newTemp(dir, prefix string) (*os.File, error) {
	CleanOutputTemps(dir, time.Now())
	f, err := os.CreateTemp(dir, prefix)
	if err != nil {
		return nil, err
	}
	lockTemp(f)
	return f, nil
}
