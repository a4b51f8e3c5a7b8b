package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"photoconsent/app/register"
	"photoconsent/storage"
)

// backupOf seeds a register with the sample pupils and writes a backup of it.
func backupOf(t *testing.T) (path, recoveryKey string) {
	t.Helper()
	c := newClock()
	v := newVault(t, c.Now)
	recoveryKey = seed(t, v, c.Now, sharedSample(t, "sims_student_list.csv"))
	s, st, err := register.SignIn(v, headLogin, headPassword, register.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "school.pcbackup")
	if _, err := s.WriteBackup(path); err != nil {
		t.Fatalf("WriteBackup: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path, recoveryKey
}

func TestRestoreOnFirstRun(t *testing.T) {
	path, key := backupOf(t)
	tests := []struct {
		name          string
		login, secret string
		wantRestored  bool
	}{
		{"head's password", headLogin, headPassword, true},
		{"recovery key", "", key, true},
		{"wrong password", headLogin, "Not-the-password-1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClock()
			v := newVault(t, c.Now)
			a := newTestApp(t, v, c.Now)
			a.runRestore(path, tt.login, tt.secret)
			a.settle()
			if got := v.Initialized(); got != tt.wantRestored {
				t.Fatalf("after restoring, Initialized() = %v, want %v", got, tt.wantRestored)
			}
			if !tt.wantRestored {
				return
			}
			if a.unlock == nil {
				t.Fatal("a restore did not lead to the sign-in screen")
			}
			signIn(t, a, headLogin, headPassword)
			pupils, err := a.sess.Pupils()
			if err != nil || len(pupils) != 40 {
				t.Errorf("restored register: %d pupils, %v; want 40", len(pupils), err)
			}
		})
	}
}

func TestRestoreSentence(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("chunk 3: %w", storage.ErrBackupDamaged), "That backup file is damaged or incomplete, so nothing was restored."},
		{storage.ErrRestoreTarget, "This computer's data folder already holds register files, so the backup was not restored over them."},
		{storage.ErrWrongPassword, "That account name and password do not open this backup."},
		{storage.ErrBadRecoveryKey, "That recovery key does not open this backup."},
		{&os.PathError{Op: "open", Path: "x", Err: os.ErrNotExist}, sentence(os.ErrNotExist)},
	}
	for _, tt := range tests {
		if got := restoreSentence(tt.err); got != tt.want {
			t.Errorf("restoreSentence(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
