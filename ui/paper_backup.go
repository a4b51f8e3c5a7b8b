package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"photoconsent/app/civil"
	"photoconsent/app/register"
)

// errBackupNotOnDisk: the file chooser gave a place that is not a file on
// this computer or a mapped drive, where a backup cannot be renamed into place.
var errBackupNotOnDisk = errors.New("choose a folder on this computer, a USB stick or a network drive")

// saveBackup asks where to save an encrypted backup of the whole register
// and writes it there (head and office). Any staff password, or the
// recovery key, opens it.
func (a *App) saveBackup() {
	if err := a.sess.Check(register.BackupAction); err != nil {
		a.notify(sentence(err))
		return
	}
	a.askSaveFile("photoconsent-"+civil.Today(a.now()).String()+".pcbackup", []string{".pcbackup"}, a.writeBackup)
}

// writeBackup writes the backup in the background behind a progress bar.
// The chooser made an empty file; the backup replaces it whole.
func (a *App) writeBackup(w fyne.URIWriteCloser) {
	s := a.sess
	withProgress(a, "Writing the backup…", func() (int, error) {
		if err := w.Close(); err != nil {
			return 0, err
		}
		if w.URI().Scheme() != "file" {
			return 0, errBackupNotOnDisk
		}
		return s.WriteBackup(w.URI().Path())
	}, func(n int, err error) {
		if err != nil {
			a.notify("The backup could not be saved there: " + sentence(err))
			return
		}
		a.notify(fmt.Sprintf("Backup of %d records saved in %s.", n, w.URI().Name()))
	})
}

// dailyBackup writes today's automatic backup into dir, keeping the newest
// keep, unless one was written today. The lead calls it after sign-in when
// the school has chosen a backup folder; it says something only on failure,
// since a missing USB stick should not go unnoticed.
func (a *App) dailyBackup(dir string, keep int) {
	s := a.sess
	background(a, func() (string, error) {
		return s.DailyBackup(dir, keep)
	}, func(_ string, err error) {
		if err != nil {
			a.notify("Today's automatic backup could not be written: " + sentence(err))
		}
	})
}

// restoreBackup fills this computer's empty data folder from a backup: for
// the first-run screen, after a new computer or a lost disk. The folder
// must hold no register yet; a failed restore leaves it as it was.
func (a *App) restoreBackup() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			a.notify(sentence(err))
			return
		}
		if r == nil {
			return
		}
		uri := r.URI()
		if err := r.Close(); err != nil {
			a.notify(sentence(err))
			return
		}
		if uri.Scheme() != "file" {
			a.notify(plain(errBackupNotOnDisk.Error()))
			return
		}
		a.askRestoreSecret(uri.Path())
	}, a.win)
	fd.SetFilter(fynestorage.NewExtensionFileFilter([]string{".pcbackup"}))
	fd.Resize(fyne.NewSize(900, 600))
	a.showDialog(fd)
}

// askRestoreSecret asks for an account's name and password, or, with the
// name left empty, the recovery key.
func (a *App) askRestoreSecret(path string) {
	login := newEntry(a, "Leave empty to use the recovery key")
	secret := newPasswordEntry(a, "")
	items := []*widget.FormItem{
		widget.NewFormItem("Account name", login),
		widget.NewFormItem("Password or recovery key", secret),
	}
	d := dialog.NewForm("Restore from a backup", "Restore", "Cancel", items, func(ok bool) {
		if ok {
			a.runRestore(path, strings.TrimSpace(login.Text), secret.Text)
		}
	}, a.win)
	d.Resize(fyne.NewSize(520, 0))
	a.showDialog(d)
}

func (a *App) runRestore(path, login, secret string) {
	rs, ok := a.cfg.Vault.(register.Restorer)
	if !ok {
		a.notify("This version of PhotoConsent cannot restore backups.")
		return
	}
	withProgress(a, "Restoring and checking the backup…", func() (int, error) {
		if login == "" {
			return rs.RestoreBackupWithRecovery(path, secret)
		}
		return rs.RestoreBackup(path, login, secret)
	}, func(n int, err error) {
		if err != nil {
			a.notify(restoreSentence(err))
			return
		}
		a.showUnlock(fmt.Sprintf("The backup is restored and all %d records checked. Sign in to continue.", n))
	})
}

// restoreSentence words a failed restore; nothing was restored in each case.
func restoreSentence(err error) string {
	switch {
	case errors.Is(err, register.ErrBackupDamaged):
		return "That backup file is damaged or incomplete, so nothing was restored."
	case errors.Is(err, register.ErrRestoreTarget):
		return "This computer's data folder already holds register files, so the backup was not restored over them."
	case errors.Is(err, register.ErrWrongPassword):
		return "That account name and password do not open this backup."
	case errors.Is(err, register.ErrBadRecoveryKey):
		return "That recovery key does not open this backup."
	}
	return sentence(err)
}
