package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// KeepBackups is how many automatic daily backups are kept.
const KeepBackups = 7

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// BackupDir is where backups live: a "backups" folder next to the journal.
func (s *Store) BackupDir() string { return filepath.Join(filepath.Dir(s.path), "backups") }

// backupBase is the journal's file name without extension, so several
// journals in one folder keep separate backups.
func (s *Store) backupBase() string {
	b := filepath.Base(s.path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// DailyBackupPath is the automatic backup file for day (YYYY-MM-DD).
func (s *Store) DailyBackupPath(day string) string {
	return filepath.Join(s.BackupDir(), s.backupBase()+"-"+day+".db")
}

// BackupTo writes a consistent copy to path (0600). A new or regular file
// is written via a temp file and a rename, with the folder synced after, so
// a failed backup never leaves half a file under the final name; a device,
// pipe or socket is written in place (see Output).
func (s *Store) BackupTo(path string) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	out, err := CreateOutput(path, ".rebound-backup-*")
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	defer out.Close()
	n, err := s.Backup(out)
	if err == nil {
		err = out.Commit()
	}
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	return n, nil
}

// Backups lists this journal's backups next to it, newest first: the daily
// ones (<journal>-YYYY-MM-DD.db), the manual ones (<journal>-manual-….db)
// and the copies made before an upgrade (<journal>-schemaN-….db). Files of
// another journal in the same folder ("demo-job-…" beside "demo") are not
// this journal's, and restoring one over it would replace it with another.
func (s *Store) Backups() ([]BackupInfo, error) {
	entries, err := os.ReadDir(s.BackupDir())
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []BackupInfo
	for _, e := range entries {
		if e.IsDir() || !s.ownBackup(e.Name()) {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(s.BackupDir(), e.Name()), Size: fi.Size(), ModTime: fi.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].ModTime.Equal(out[j].ModTime) {
			return out[i].ModTime.After(out[j].ModTime)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// ManualBackupPath is where `rebound backup` with no file writes, at now.
func (s *Store) ManualBackupPath(now time.Time) string {
	return filepath.Join(s.BackupDir(), s.backupBase()+"-manual-"+now.Format("20060102-150405")+".db")
}

// ownBackup reports whether name is one of this journal's backup files.
func (s *Store) ownBackup(name string) bool {
	rest, ok := strings.CutPrefix(name, s.backupBase()+"-")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, ".db")
	if !ok {
		return false
	}
	if _, err := time.Parse("2006-01-02", rest); err == nil {
		return true
	}
	if stamp, ok := strings.CutPrefix(rest, "manual-"); ok {
		_, err := time.Parse("20060102-150405", stamp)
		return err == nil
	}
	if v, ok := strings.CutPrefix(rest, "schema"); ok {
		n, stamp, ok := strings.Cut(v, "-")
		if _, err := strconv.Atoi(n); err != nil || !ok {
			return false
		}
		_, err := time.Parse("20060102T150405.000Z", stamp)
		return err == nil
	}
	return false
}

// AutoBackup makes today's backup once, before the first write of the day,
// and keeps the newest KeepBackups daily files. It costs one stat when
// today's backup exists. A failure is reported but never blocks the write.
func (s *Store) AutoBackup(now time.Time) error {
	day := now.In(time.Local).Format("2006-01-02")
	path := s.DailyBackupPath(day)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	fi, err := os.Stat(s.path)
	if err != nil || fi.Size() == 0 {
		return nil
	}
	if _, err := s.BackupTo(path); err != nil {
		return err
	}
	return s.pruneDaily()
}

// pruneDaily removes daily backups beyond KeepBackups (by date in the name)
// and pre-upgrade copies beyond KeepMigrationBackups. (Temporaries a killed
// backup left behind go with every write: see CleanTemps.)
func (s *Store) pruneDaily() error {
	if err := s.pruneMigrationBackups(); err != nil {
		return err
	}
	list, err := s.Backups()
	if err != nil {
		return err
	}
	var daily []BackupInfo
	for _, b := range list {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(b.Path), s.backupBase()+"-"), ".db")
		if _, err := time.Parse("2006-01-02", name); err == nil {
			daily = append(daily, b)
		}
	}
	// The date in the name decides which are the newest, not the file time.
	sort.Slice(daily, func(i, j int) bool { return daily[i].Path > daily[j].Path })
	for _, b := range daily[min(len(daily), KeepBackups):] {
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("prune backups: %w", err)
		}
	}
	return nil
}
