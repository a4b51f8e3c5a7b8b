package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/register"
)

func TestInitUnlockRoundTrip(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	if f.Initialized() {
		t.Fatal("a fresh folder says it is initialized")
	}
	if _, _, err := f.Unlock("head", headPW); !errors.Is(err, ErrNotInitialized) {
		t.Fatalf("Unlock before Init: got %v, want %v", err, ErrNotInitialized)
	}
	db, recovery := initStore(t, f)
	if recovery == "" || !f.Initialized() {
		t.Fatalf("after Init: recovery %q, Initialized %v", recovery, f.Initialized())
	}
	want := pupil{Seq: 1, Surname: "Wójcik", UPN: "K999200119014"}
	putAll(t, db, map[string]any{"pupil/1": want})
	closeDB(t, db)

	db2, id, err := newFolder(t, dir, nil).Unlock("HEAD", headPW) // logins ignore case
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(t, db2)
	if id != headID {
		t.Errorf("Unlock returned account %q, want %q", id, headID)
	}
	got, ok := getPupil(t, db2, "pupil/1")
	if diff := cmp.Diff(want, got); !ok || diff != "" {
		t.Errorf("record after reopening (found %v), -want +got:\n%s", ok, diff)
	}
}

func TestDataFolderLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "PhotoConsent")
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	putAll(t, db, map[string]any{"k": 1})
	if _, _, err := f.Unlock("head", "wrong"); !errors.Is(err, ErrWrongPassword) {
		t.Fatal(err)
	}
	closeDB(t, db)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{attemptsName, dbDirName, keyringName}, names); diff != "" {
		t.Errorf("data folder holds (-want +got):\n%s", diff)
	}
	for _, p := range []string{dir, filepath.Join(dir, dbDirName), filepath.Join(dir, keyringName), filepath.Join(dir, attemptsName)} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v, want no group or other access", p, fi.Mode().Perm())
		}
	}
}

func TestWrongPasswordOpensNothing(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	closeDB(t, db)
	tests := []struct{ name, login, pw string }{
		{"wrong password", "head", headPW + "x"},
		{"empty password", "head", ""},
		{"unknown login", "nobody", headPW},
		{"empty login", "", headPW},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, id, err := f.Unlock(tt.login, tt.pw)
			if !errors.Is(err, ErrWrongPassword) || !errors.Is(err, register.ErrWrongPassword) {
				t.Errorf("Unlock: got error %v, want %v (matching register's too)", err, ErrWrongPassword)
			}
			if db != nil || id != "" {
				t.Errorf("Unlock returned db %v, account %q on failure", db, id)
			}
			if badgerLocked(dir) {
				t.Errorf("Badger's lock is held after a failed unlock")
			}
		})
	}
	// And nothing was left open: the right password still gets in.
	unlock(t, f, "head", headPW)
}

func TestInitRefusals(t *testing.T) {
	t.Run("twice", func(t *testing.T) {
		f := newFolder(t, t.TempDir(), nil)
		initStore(t, f)
		_, _, err := f.Init("acct-2", "other", "pw")
		if !errors.Is(err, ErrAlreadyInitialized) || !errors.Is(err, register.ErrAlreadySetUp) {
			t.Errorf("second Init: got %v, want %v", err, ErrAlreadyInitialized)
		}
	})
	t.Run("store without keyring", func(t *testing.T) {
		dir := t.TempDir()
		f := newFolder(t, dir, nil)
		db, _ := initStore(t, f)
		closeDB(t, db)
		if err := os.Rename(filepath.Join(dir, keyringName), filepath.Join(t.TempDir(), "backup.json")); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.Init("acct-2", "other", "pw"); !errors.Is(err, ErrAlreadyInitialized) {
			t.Errorf("Init over an orphaned db/: got %v, want %v", err, ErrAlreadyInitialized)
		}
	})
	t.Run("empty fields", func(t *testing.T) {
		f := newFolder(t, t.TempDir(), nil)
		for _, args := range [][3]string{{"", "head", "pw"}, {"id", "", "pw"}, {"id", "head", ""}} {
			if db, _, err := f.Init(args[0], args[1], args[2]); err == nil {
				closeDB(t, db)
				t.Errorf("Init%q succeeded", args)
			}
		}
		if f.Initialized() {
			t.Error("a refused Init left a keyring behind")
		}
	})
}

func TestSecondOpenInUse(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	initStore(t, f) // stays open
	other := newFolder(t, dir, nil)
	db, _, err := other.Unlock("head", headPW)
	if !errors.Is(err, ErrInUse) || !errors.Is(err, register.ErrInUse) || db != nil {
		t.Errorf("Unlock while open elsewhere: got %v, %v; want %v", db, err, ErrInUse)
	}
}

func TestKeyringFromAnotherStore(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		db, _ := initStore(t, newFolder(t, dir, nil))
		closeDB(t, db)
	}
	kr, err := os.ReadFile(filepath.Join(b, keyringName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a, keyringName), kr, filePerm); err != nil {
		t.Fatal(err)
	}
	f := newFolder(t, a, nil)
	if _, _, err := f.Unlock("head", headPW); !errors.Is(err, ErrKeyringMismatch) {
		t.Errorf("Unlock with another store's keyring: got %v, want %v", err, ErrKeyringMismatch)
	}
	if badgerLocked(a) {
		t.Error("Badger's lock is held after the mismatch")
	}
}

func TestLogins(t *testing.T) {
	f := newFolder(t, t.TempDir(), nil)
	db, _ := initStore(t, f)
	for _, a := range [][2]string{{"acct-z", "zoe"}, {"acct-b", "Bob"}, {"acct-c", "carol"}} {
		if err := db.SetPassword(a[0], a[1], "pw-"+a[1]); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.Logins()
	if err != nil {
		t.Fatal(err)
	}
	want := []Login{
		{AccountID: "acct-b", Name: "Bob"},
		{AccountID: "acct-c", Name: "carol"},
		{AccountID: headID, Name: "head"},
		{AccountID: "acct-z", Name: "zoe"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Logins (-want +got):\n%s", diff)
	}
}

func TestVaultAdapter(t *testing.T) {
	dir := t.TempDir()
	v := newFolder(t, dir, nil).Vault()
	db, recovery, err := v.Create(headID, "head", headPW)
	if err != nil || recovery == "" {
		t.Fatalf("Create: %v, recovery %q", err, recovery)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	opened, _, err := v.Unlock("head", "wrong")
	if opened != nil || !errors.Is(err, register.ErrWrongPassword) {
		t.Errorf("Unlock with a wrong password: got %v (nil interface: %v), %v", opened, opened == nil, err)
	}
	opened, id, err := v.Unlock("head", headPW)
	if err != nil || id != headID {
		t.Fatalf("Unlock: %v, %q", err, id)
	}
	if err := opened.Close(); err != nil {
		t.Fatal(err)
	}
	opened, err = v.UnlockWithRecovery(recovery)
	if err != nil {
		t.Fatal(err)
	}
	if err := opened.Close(); err != nil {
		t.Fatal(err)
	}
}
