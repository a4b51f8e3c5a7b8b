package register

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
)

// KindBackup is the audit event for a backup written by hand or daily.
const KindBackup = audit.Kind("backup-written")

// Errors from restoring a backup; storage's match them with errors.Is.
var (
	ErrBackupDamaged = errors.New("the backup file is damaged or incomplete")
	ErrRestoreTarget = errors.New("restore needs a new or empty folder")
)

// ErrNoBackups: the store this session runs on cannot write backups (a
// test's in-memory store, say).
var ErrNoBackups = errors.New("this register cannot write backups")

// backupStore is what an open store offers for backups (storage.DB).
type backupStore interface {
	WriteBackup(path string) (int, error)
	BackupDaily(dir string, keep int, now time.Time) (string, error)
}

// Restorer is a vault that can be filled from a backup file: the folder
// must be new or empty, and is left as it was if the restore fails. Any
// account's login and password, or the recovery key, opens a backup.
// Both return how many records were restored and checked.
type Restorer interface {
	RestoreBackup(path, login, password string) (int, error)
	RestoreBackupWithRecovery(path, recoveryKey string) (int, error)
}

// BackupAction is who may write a backup: it holds everything, contact
// details and scanned forms included, so the roles that may see those.
const BackupAction = access.ViewScans

// WriteBackup writes an encrypted copy of the whole register to path and
// records it in the audit trail. It returns how many records it holds.
func (s *Session) WriteBackup(path string) (int, error) {
	if err := s.check(BackupAction); err != nil {
		return 0, err
	}
	bs, ok := s.store.(backupStore)
	if !ok {
		return 0, ErrNoBackups
	}
	n, err := bs.WriteBackup(path)
	if err != nil {
		return 0, err
	}
	return n, s.logBackup(fmt.Sprintf("backup of %d records to %s", n, filepath.Base(path)))
}

// DailyBackup writes today's automatic backup into dir unless one is there
// already, keeping the newest keep. Anyone signed in triggers it: it runs
// for the school, not for the person. It returns the new file, or "".
func (s *Session) DailyBackup(dir string, keep int) (string, error) {
	if s.me.MustChangePassword {
		return "", ErrMustChangePassword
	}
	bs, ok := s.store.(backupStore)
	if !ok {
		return "", ErrNoBackups
	}
	path, err := bs.BackupDaily(dir, keep, s.now())
	if err != nil || path == "" {
		return "", err
	}
	return path, s.logBackup("daily backup to " + filepath.Base(path))
}

func (s *Session) logBackup(detail string) error {
	return s.store.Update(func(tx Tx) error {
		return appendEvent(tx, s.me, s.now(), KindBackup, "", detail)
	})
}
