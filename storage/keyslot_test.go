package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"photoconsent/app/access"
	"photoconsent/storage/keyring"
)

func TestSetPasswordRewrapsOnly(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	records := map[string]any{}
	for i := range 50 {
		records[recordKey(i)] = pupil{Seq: i, Surname: "Wójcik"}
	}
	putAll(t, db, records)

	before := openSlot(t, dir, "head", headPW)
	dbFiles := hashTree(t, filepath.Join(dir, dbDirName))
	const newPW = "New-Password-42"
	if err := db.SetPassword(headID, "head", newPW); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dbFiles, hashTree(t, filepath.Join(dir, dbDirName))); diff != "" {
		t.Errorf("SetPassword changed files under db/ (-before +after):\n%s", diff)
	}
	after := openSlot(t, dir, "head", newPW)
	if !bytes.Equal(before.key, after.key) {
		t.Error("the new slot wraps a different data key")
	}
	if bytes.Equal(before.slot.Salt, after.slot.Salt) {
		t.Error("the new slot reuses the old salt")
	}
	if _, err := after.slot.Open(headPW); !errors.Is(err, keyring.ErrWrongSecret) {
		t.Errorf("the old password opens the new slot: %v", err)
	}
	closeDB(t, db)

	if _, _, err := f.Unlock("head", headPW); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("Unlock with the old password: got %v, want %v", err, ErrWrongPassword)
	}
	db = unlock(t, f, "head", newPW)
	for i := range 50 {
		if p, ok := getPupil(t, db, recordKey(i)); !ok || p.Seq != i {
			t.Fatalf("record %d after the change: %+v, found %v", i, p, ok)
		}
	}
}

func TestSetPasswordAccounts(t *testing.T) {
	c := newClock()
	f := newFolder(t, t.TempDir(), c)
	db, _ := initStore(t, f)
	if err := db.SetPassword(officeID, "office", officePW); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPassword("acct-x", "OFFICE", "pw"); !errors.Is(err, ErrLoginTaken) {
		t.Errorf("SetPassword with a taken login: got %v, want %v", err, ErrLoginTaken)
	}
	if err := db.SetPassword(officeID, "office", ""); err == nil {
		t.Error("SetPassword accepted an empty password")
	}
	// A head resetting a locked-out colleague's password lifts the lockout.
	for range access.FreeLoginAttempts + 1 {
		if _, _, err := f.Unlock("office", "wrong"); !errors.Is(err, ErrWrongPassword) {
			t.Fatal(err)
		}
	}
	if err := db.SetPassword(officeID, "office", "Reset-Pass-1"); err != nil {
		t.Fatal(err)
	}
	// Unlocking office needs db closed (one opener at a time), so check the
	// backoff state directly.
	if err := f.checkLockout("office"); err != nil {
		t.Errorf("still locked out after a password reset: %v", err)
	}
}

func TestCheckPassword(t *testing.T) {
	c := newClock()
	f := newFolder(t, t.TempDir(), c)
	db, _ := initStore(t, f)
	if err := db.SetPassword(officeID, "office", officePW); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, account, pw string
		want              error
	}{
		{"right", officeID, officePW, nil},
		{"wrong", officeID, headPW, ErrWrongPassword},
		{"unknown account", "acct-nobody", officePW, ErrWrongPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.CheckPassword(tt.account, tt.pw); !errors.Is(err, tt.want) {
				t.Errorf("CheckPassword: got %v, want %v", err, tt.want)
			}
		})
	}
	// Guessing through CheckPassword meets the same backoff.
	for range access.FreeLoginAttempts {
		if err := db.CheckPassword(officeID, "guess"); !errors.Is(err, ErrWrongPassword) {
			t.Fatal(err)
		}
	}
	if err := db.CheckPassword(officeID, officePW); !errors.Is(err, ErrTooManyAttempts) {
		t.Errorf("CheckPassword after repeated guesses: got %v, want %v", err, ErrTooManyAttempts)
	}
}

func TestRemoveSlot(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	if err := db.SetPassword(officeID, "office", officePW); err != nil {
		t.Fatal(err)
	}
	for range 2 { // removing twice is fine
		if err := db.RemoveSlot(officeID); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RemoveSlot(headID); !errors.Is(err, ErrLastSlot) {
		t.Errorf("RemoveSlot of the last slot: got %v, want %v", err, ErrLastSlot)
	}
	if err := db.CheckPassword(officeID, officePW); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("CheckPassword of a removed account: got %v", err)
	}
	closeDB(t, db)
	if _, _, err := f.Unlock("office", officePW); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("Unlock with a removed slot's password: got %v, want %v", err, ErrWrongPassword)
	}
	logins, err := f.Logins()
	if diff := cmp.Diff([]Login{{AccountID: headID, Name: "head"}}, logins); err != nil || diff != "" {
		t.Errorf("Logins after removal (%v), -want +got:\n%s", err, diff)
	}
}

func TestSlotSwap(t *testing.T) {
	tests := []struct {
		name string
		edit func(head, office *keyring.Slot)
	}{
		{"account IDs swapped", func(h, o *keyring.Slot) { h.Account, o.Account = o.Account, h.Account }},
		{"sealed keys swapped", func(h, o *keyring.Slot) {
			h.KDF, o.KDF = o.KDF, h.KDF
			h.Salt, o.Salt = o.Salt, h.Salt
			h.Nonce, o.Nonce = o.Nonce, h.Nonce
			h.Sealed, o.Sealed = o.Sealed, h.Sealed
		}},
		{"logins swapped", func(h, o *keyring.Slot) { h.Login, o.Login = o.Login, h.Login }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f := newFolder(t, dir, nil)
			db, _ := initStore(t, f)
			if err := db.SetPassword(officeID, "office", officePW); err != nil {
				t.Fatal(err)
			}
			closeDB(t, db)
			editKeyringFile(t, dir, func(kr *keyring.File) { tt.edit(&kr.Slots[0], &kr.Slots[1]) })
			for _, login := range []string{"head", "office"} {
				for _, pw := range []string{headPW, officePW} {
					if db, _, err := f.Unlock(login, pw); !errors.Is(err, ErrWrongPassword) {
						if db != nil {
							closeDB(t, db)
						}
						t.Errorf("Unlock(%q, %q's password) after the edit: got %v, want %v", login, pwOwner(pw), err, ErrWrongPassword)
					}
				}
			}
		})
	}
}

func TestAbsurdStoredParams(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, _ := initStore(t, f)
	closeDB(t, db)
	editKeyringFile(t, dir, func(kr *keyring.File) { kr.Slots[0].KDF.MemoryKiB = 64 << 20 })
	_, _, err := f.Unlock("head", headPW)
	if err == nil || errors.Is(err, ErrWrongPassword) || !errors.Is(err, keyring.ErrBadParams) {
		t.Errorf("Unlock with a 64 GiB KDF slot: got %v, want a refusal naming bad params", err)
	}
}

type opened struct {
	slot keyring.Slot
	key  []byte
}

// openSlot reads keyring.json as stored and opens login's slot directly,
// independent of DB's copy of the key.
func openSlot(t *testing.T, dir, login, pw string) opened {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, keyringName))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := keyring.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := kr.ByLogin(login)
	if !ok {
		t.Fatalf("no slot for %q", login)
	}
	key, err := s.Open(pw)
	if err != nil {
		t.Fatalf("opening %q's slot: %v", login, err)
	}
	return opened{s, key}
}

func editKeyringFile(t *testing.T, dir string, edit func(*keyring.File)) {
	t.Helper()
	path := filepath.Join(dir, keyringName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kr keyring.File
	if err := json.Unmarshal(b, &kr); err != nil {
		t.Fatal(err)
	}
	edit(&kr)
	if b, err = json.Marshal(&kr); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, filePerm); err != nil {
		t.Fatal(err)
	}
}

// hashTree maps each file under dir to its SHA-256.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func pwOwner(pw string) string {
	if pw == headPW {
		return "head"
	}
	return "office"
}
