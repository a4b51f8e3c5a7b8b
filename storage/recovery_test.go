package storage

import (
	"errors"
	"strings"
	"testing"

	"photoconsent/app/register"
)

func TestUnlockWithRecovery(t *testing.T) {
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, recovery := initStore(t, f)
	putAll(t, db, map[string]any{"pupil/1": pupil{Seq: 1, Surname: "Wójcik"}})
	closeDB(t, db)

	other, otherRecovery := initStore(t, newFolder(t, t.TempDir(), nil))
	closeDB(t, other)

	tests := []struct {
		name  string
		typed string
		want  error
	}{
		{"as printed", recovery, nil},
		{"typed sloppily", strings.ToLower(strings.NewReplacer("-", " ", "0", "O", "1", "I").Replace(recovery)), nil},
		{"one symbol wrong", mistype(recovery), ErrBadRecoveryKey},
		{"one symbol short", recovery[:len(recovery)-1], ErrBadRecoveryKey},
		{"another store's key", otherRecovery, ErrBadRecoveryKey},
		{"a password", headPW, ErrBadRecoveryKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := f.UnlockWithRecovery(tt.typed)
			if !errors.Is(err, tt.want) {
				t.Fatalf("UnlockWithRecovery: got %v, want %v", err, tt.want)
			}
			if err != nil {
				if !errors.Is(err, register.ErrBadRecoveryKey) || db != nil || badgerLocked(dir) {
					t.Errorf("a refused key: db %v, error %v, Badger locked %v", db, err, badgerLocked(dir))
				}
				return
			}
			defer closeDB(t, db)
			if p, ok := getPupil(t, db, "pupil/1"); !ok || p.Surname != "Wójcik" {
				t.Errorf("record via the recovery key: %+v, found %v", p, ok)
			}
		})
	}
}

func TestRecoveryThenNewPassword(t *testing.T) {
	f := newFolder(t, t.TempDir(), nil)
	db, recovery := initStore(t, f)
	closeDB(t, db)
	db, err := f.UnlockWithRecovery(recovery)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetPassword(headID, "head", "Found-It-Again-1"); err != nil {
		t.Fatal(err)
	}
	closeDB(t, db)
	unlockClose(t, f, "head", "Found-It-Again-1")
	// The recovery key still works: it is a separate slot.
	db, err = f.UnlockWithRecovery(recovery)
	if err != nil {
		t.Fatal(err)
	}
	closeDB(t, db)
}

// mistype changes one symbol to another valid one.
func mistype(key string) string {
	if key[0] == 'Z' {
		return "Y" + key[1:]
	}
	return "Z" + key[1:]
}
