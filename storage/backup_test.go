package storage

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/go-cmp/cmp"

	"photoconsent/app/register"
)

// officeLogin is a login that is a person's name: it must not be readable
// in a backup, which travels further than the data folder.
const officeLogin = "mrs.przybyszewska"

// backedUpStore makes a store with two accounts, needle records, keys and
// blobs (one big enough for Badger's value log), and writes a backup of it
// while it is open. It returns the backup's path, the recovery key and
// every record as Badger holds it.
func backedUpStore(t *testing.T) (path, recovery string, want map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	f := newFolder(t, dir, nil)
	db, recovery := initStore(t, f)
	if err := db.SetPassword(officeID, officeLogin, officePW); err != nil {
		t.Fatal(err)
	}
	for seq := 0; seq < 600; seq += 100 {
		if err := db.Update(func(tx register.Tx) error { return putNeedleBatch(tx, seq, 100) }); err != nil {
			t.Fatal(err)
		}
	}
	path = filepath.Join(t.TempDir(), "school.pcbackup")
	n, err := db.WriteBackup(path)
	if err != nil {
		t.Fatal(err)
	}
	want = dumpKVs(t, db)
	if n != len(want) {
		t.Errorf("WriteBackup counted %d records, want %d", n, len(want))
	}
	return path, recovery, want
}

// dumpKVs reads every key and value straight from Badger.
func dumpKVs(t *testing.T, db *DB) map[string][]byte {
	t.Helper()
	kv := map[string][]byte{}
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			kv[string(it.Item().KeyCopy(nil))] = v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kv
}

func TestBackupRestoreIdentical(t *testing.T) {
	path, recovery, want := backedUpStore(t)
	tests := []struct {
		name    string
		restore func(dir string) (int, error)
	}{
		{"head's password", func(dir string) (int, error) {
			return RestoreBackup(path, dir, "head", headPW, Options{KDF: InsecureTestKDF})
		}},
		{"office's password, login in another case", func(dir string) (int, error) {
			return RestoreBackup(path, dir, "MRS.Przybyszewska", officePW, Options{KDF: InsecureTestKDF})
		}},
		{"recovery key", func(dir string) (int, error) {
			return RestoreBackupWithRecovery(path, dir, recovery, Options{KDF: InsecureTestKDF})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "restored")
			n, err := tt.restore(dir)
			if err != nil {
				t.Fatalf("restore: %v", err)
			}
			if n != len(want) {
				t.Errorf("restore checked %d records, want %d", n, len(want))
			}
			// The restored folder opens with the usual logins.
			db := unlock(t, newFolder(t, dir, nil), officeLogin, officePW)
			if diff := cmp.Diff(want, dumpKVs(t, db)); diff != "" {
				t.Errorf("restored records differ (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBackupHasNoPlaintext(t *testing.T) {
	path, _, want := backedUpStore(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var plain []byte // control: the same records in the clear hold every needle
	for k, v := range want {
		plain = append(append(plain, k...), v...)
	}
	for _, n := range append(needles, officeLogin) {
		for form, enc := range forms(n) {
			if bytes.Contains(b, enc) {
				t.Errorf("%q (%s) is in the backup file in the clear", n, form)
			}
		}
		if n != officeLogin && !bytes.Contains(plain, []byte(n)) {
			t.Errorf("control: %q is not in the records backed up; the scan proves nothing", n)
		}
	}
}

func TestRestoreWrongSecret(t *testing.T) {
	path, recovery, _ := backedUpStore(t)
	opt := Options{KDF: InsecureTestKDF}
	tests := []struct {
		name    string
		restore func(dir string) (int, error)
		want    error
	}{
		{"wrong password", func(dir string) (int, error) { return RestoreBackup(path, dir, "head", "nope", opt) }, ErrWrongPassword},
		{"another account's password", func(dir string) (int, error) { return RestoreBackup(path, dir, "head", officePW, opt) }, ErrWrongPassword},
		{"unknown login", func(dir string) (int, error) { return RestoreBackup(path, dir, "nobody", headPW, opt) }, ErrWrongPassword},
		{"recovery key as a password", func(dir string) (int, error) { return RestoreBackup(path, dir, "head", recovery, opt) }, ErrWrongPassword},
		{"another store's recovery key", func(dir string) (int, error) {
			return RestoreBackupWithRecovery(path, dir, changeOne(recovery), opt)
		}, ErrBadRecoveryKey},
		{"not a recovery key", func(dir string) (int, error) { return RestoreBackupWithRecovery(path, dir, headPW, opt) }, ErrBadRecoveryKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "restored")
			if n, err := tt.restore(dir); !errors.Is(err, tt.want) {
				t.Fatalf("restore: got %d, %v; want error %v", n, err, tt.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("after a refused restore, stat %s: got %v, want it absent", dir, err)
			}
		})
	}
}

func changeOne(key string) string {
	if key[0] == 'A' {
		return "B" + key[1:]
	}
	return "A" + key[1:]
}
