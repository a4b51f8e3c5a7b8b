package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Automatic backups are named for the minute they were made, so names sort
// in time order: photoconsent-20260302-0915.pcbackup.
const (
	backupPrefix = "photoconsent-"
	BackupExt    = ".pcbackup"
	backupStamp  = "20060102-1504"
)

// BackupName is the file name of an automatic backup made at t.
func BackupName(t time.Time) string { return backupPrefix + t.Format(backupStamp) + BackupExt }

// RotateBackups writes a new backup into dir with write, named for now, and
// then deletes the oldest automatic backups beyond keep. Only files named
// like automatic backups are ever deleted, and none unless the new one was
// written. It returns the new backup's path.
func RotateBackups(dir string, keep int, now time.Time, write func(path string) error) (string, error) {
	if keep < 1 {
		return "", fmt.Errorf("keeping %d backups: keep at least one", keep)
	}
	path := filepath.Join(dir, BackupName(now))
	if err := write(path); err != nil {
		return "", err
	}
	names, err := backupNames(dir)
	if err != nil {
		return path, err
	}
	var errs []error
	for len(names) > keep {
		errs = append(errs, os.Remove(filepath.Join(dir, names[0])))
		names = names[1:]
	}
	return path, errors.Join(errs...)
}

// BackupDue reports whether dir holds no automatic backup made on now's day
// (in now's time zone).
func BackupDue(dir string, now time.Time) (bool, error) {
	names, err := backupNames(dir)
	if err != nil {
		return false, err
	}
	today := backupPrefix + now.Format("20060102") + "-"
	return !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, today) }), nil
}

// backupNames lists dir's automatic backups, oldest first.
func backupNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading the backup folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		stamp, ok := strings.CutPrefix(n, backupPrefix)
		stamp, ok2 := strings.CutSuffix(stamp, BackupExt)
		if !ok || !ok2 || !e.Type().IsRegular() {
			continue
		}
		if _, err := time.Parse(backupStamp, stamp); err == nil {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// BackupDaily writes today's automatic backup into dir unless one is there
// already, keeping the newest keep. It returns the new file's path, or ""
// if none was due.
func (db *DB) BackupDaily(dir string, keep int, now time.Time) (string, error) {
	due, err := BackupDue(dir, now)
	if err != nil || !due {
		return "", err
	}
	return RotateBackups(dir, keep, now, func(path string) error {
		_, err := db.WriteBackup(path)
		return err
	})
}
