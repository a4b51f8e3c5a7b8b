package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/app/register"
)

func TestBackoff(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	f := newFolder(t, dir, c)
	db, _ := initStore(t, f)
	closeDB(t, db)

	fail := func() error {
		t.Helper()
		db, _, err := f.Unlock("head", "wrong")
		if db != nil {
			t.Fatal("a wrong password opened the store")
		}
		return err
	}
	for i := 1; i <= access.FreeLoginAttempts+1; i++ {
		if err := fail(); !errors.Is(err, ErrWrongPassword) {
			t.Fatalf("failure %d: got %v, want %v", i, err, ErrWrongPassword)
		}
	}

	// Locked out now: even the right password is refused, unpaid.
	_, _, err := f.Unlock("HEAD", headPW)
	var lo *LockedOutError
	if !errors.As(err, &lo) || lo.Wait != access.FirstLoginDelay {
		t.Fatalf("Unlock while locked out: got %v, want a %v LockedOutError", err, access.FirstLoginDelay)
	}
	var rlo *register.LockedOutError
	if !errors.Is(err, ErrTooManyAttempts) || !errors.Is(err, register.ErrTooManyAttempts) || !errors.As(err, &rlo) || rlo.Wait != lo.Wait {
		t.Errorf("the lockout %v does not also match register's errors (got %+v)", err, rlo)
	}
	failed, err := takeFailed(t, f)
	if err != nil || len(failed) != access.FreeLoginAttempts+1 {
		t.Errorf("a locked-out try was recorded as a failure: %d failures kept (%v)", len(failed), err)
	}
	// Another process sees the same lockout: the count is on disk.
	if _, _, err := newFolder(t, dir, c).Unlock("head", headPW); !errors.Is(err, ErrTooManyAttempts) {
		t.Errorf("a second Folder ignores the lockout: %v", err)
	}
	// Other logins are not locked out by head's failures.
	if _, _, err := f.Unlock("nobody", "x"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("an unknown login shares head's lockout: %v", err)
	}

	c.advance(access.FirstLoginDelay - 1500*time.Millisecond)
	if _, _, err := f.Unlock("head", headPW); !errors.As(err, &lo) || lo.Wait != 2*time.Second {
		t.Fatalf("1.5 s before the end: got %v, want a 2s wait (rounded up)", err)
	}
	c.advance(1500 * time.Millisecond)
	if err := fail(); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("after the wait, a wrong password: got %v", err)
	}
	if _, _, err := f.Unlock("head", headPW); !errors.As(err, &lo) || lo.Wait != 2*access.FirstLoginDelay {
		t.Fatalf("after one more failure: got %v, want the wait doubled", err)
	}
	c.advance(2 * access.FirstLoginDelay)
	unlockClose(t, f, "head", headPW)

	// A success resets the count: the free attempts are back.
	for i := 1; i <= access.FreeLoginAttempts; i++ {
		if err := fail(); !errors.Is(err, ErrWrongPassword) {
			t.Fatalf("failure %d after a success: got %v, want %v", i, err, ErrWrongPassword)
		}
	}
	unlockClose(t, f, "head", headPW)
}

func TestBackoffClockSetBack(t *testing.T) {
	c := newClock()
	f := newFolder(t, t.TempDir(), c)
	db, _ := initStore(t, f)
	closeDB(t, db)
	for range access.FreeLoginAttempts + 1 {
		if _, _, err := f.Unlock("head", "wrong"); !errors.Is(err, ErrWrongPassword) {
			t.Fatal(err)
		}
	}
	c.advance(-24 * time.Hour)
	var lo *LockedOutError
	if _, _, err := f.Unlock("head", headPW); !errors.As(err, &lo) || lo.Wait > access.FirstLoginDelay {
		t.Errorf("with the clock set back a day: got %v, want at most %v", err, access.FirstLoginDelay)
	}
}

func TestTakeFailedLogins(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	f := newFolder(t, dir, c)
	db, _ := initStore(t, f)
	if err := db.SetPassword(officeID, "office", officePW); err != nil {
		t.Fatal(err)
	}
	closeDB(t, db)

	t0 := c.Now()
	tries := []struct{ login, pw string }{
		{"head", "wrong"},
		{"Office", "wrong"},
		{"pupil Wójcik typed here", "x"}, // unknown: its text must not be kept
	}
	for _, try := range tries {
		if _, _, err := f.Unlock(try.login, try.pw); !errors.Is(err, ErrWrongPassword) {
			t.Fatal(err)
		}
		c.advance(time.Minute)
	}
	raw, err := os.ReadFile(filepath.Join(dir, attemptsName))
	if err != nil {
		t.Fatal(err)
	}
	if contains(raw, "Wójcik") || contains(raw, "wrong") {
		t.Errorf("the attempts file keeps typed text: %s", raw)
	}

	db = unlock(t, f, "office", officePW)
	got, err := db.TakeFailedLogins()
	if err != nil {
		t.Fatal(err)
	}
	want := []FailedLogin{
		{Login: "head", At: t0},
		{Login: "office", At: t0.Add(time.Minute)},
		{Login: "", At: t0.Add(2 * time.Minute)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TakeFailedLogins (-want +got):\n%s", diff)
	}
	again, err := db.TakeFailedLogins()
	if err != nil || len(again) != 0 {
		t.Errorf("second TakeFailedLogins: got %v, %v; want none", again, err)
	}
}

func TestDamagedAttemptsFile(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{"not JSON", "\x00\xffgarbage"},
		{"wrong types", `{"logins":{"head":{"count":"many"}},"failed":7}`},
		{"huge count", `{"logins":{"head":{"count":9223372036854775807,"last":"2026-03-02T09:00:00Z"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			c := newClock()
			f := newFolder(t, dir, c)
			db, _ := initStore(t, f)
			closeDB(t, db)
			if err := os.WriteFile(filepath.Join(dir, attemptsName), []byte(tt.content), filePerm); err != nil {
				t.Fatal(err)
			}
			c.advance(access.MaxLoginDelay)
			unlockClose(t, f, "head", headPW)
		})
	}
}

func FuzzAttemptsFile(f *testing.F) {
	f.Add([]byte(`{"logins":{"head":{"count":5,"last":"2026-03-02T09:00:00Z"}},"failed":[{"login":"head","at":"2026-03-02T09:00:00Z"}]}`))
	f.Add([]byte(`{"logins":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, attemptsName), b, filePerm); err != nil {
			t.Fatal(err)
		}
		fo := newFolder(t, dir, newClock())
		err := fo.checkLockout("head")
		var lo *LockedOutError
		if err != nil && (!errors.As(err, &lo) || lo.Wait > access.MaxLoginDelay) {
			t.Fatalf("checkLockout: %v", err)
		}
		if err := fo.recordFailure("head", "head"); err != nil {
			t.Fatal(err)
		}
		if _, err := fo.takeFailed(); err != nil {
			t.Fatal(err)
		}
	})
}

func unlockClose(t *testing.T, f *Folder, login, pw string) {
	t.Helper()
	db, _, err := f.Unlock(login, pw)
	if err != nil {
		t.Fatalf("Unlock(%q): %v", login, err)
	}
	closeDB(t, db)
}

func takeFailed(t *testing.T, f *Folder) ([]FailedLogin, error) {
	t.Helper()
	a, err := f.loadAttempts()
	if err != nil {
		return nil, err
	}
	out := make([]FailedLogin, len(a.Failed))
	for i, x := range a.Failed {
		out[i] = FailedLogin{Login: x.Login, At: x.At}
	}
	return out, nil
}
