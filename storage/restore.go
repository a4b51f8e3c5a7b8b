package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"

	"photoconsent/storage/keyring"
)

// RestoreBackup restores the backup at path into dir, which must not exist
// or be empty, opening it with a staff login and password. It returns the
// number of records restored, each checked against the backup after the
// store was closed and reopened. On any failure nothing is left behind: dir
// is emptied, and removed if this call made it. A wrong password is
// ErrWrongPassword, a damaged or cut-short file ErrBackupDamaged.
func RestoreBackup(path, dir, login, password string, opt Options) (int, error) {
	return restoreInto(path, dir, opt, func(h backupHeader) ([]byte, error) {
		return h.openWithPassword(login, password)
	})
}

// RestoreBackupWithRecovery is RestoreBackup opened with the recovery key;
// a key that does not open it is ErrBadRecoveryKey.
func RestoreBackupWithRecovery(path, dir, recoveryKey string, opt Options) (int, error) {
	return restoreInto(path, dir, opt, func(h backupHeader) ([]byte, error) {
		return h.openWithRecovery(recoveryKey)
	})
}

// The vault's methods let the app restore into the folder it opened (see
// register.Restorer). The folder exists already, so it is only emptied on
// failure.
func (v vault) RestoreBackup(path, login, password string) (int, error) {
	return RestoreBackup(path, v.f.dir, login, password, v.f.opt)
}

func (v vault) RestoreBackupWithRecovery(path, recoveryKey string) (int, error) {
	return RestoreBackupWithRecovery(path, v.f.dir, recoveryKey, v.f.opt)
}

func restoreInto(path, dir string, opt Options, open func(backupHeader) ([]byte, error)) (int, error) {
	file, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("opening the backup: %w", err)
	}
	defer file.Close()
	h, raw, err := readBackupHeader(file)
	if err != nil {
		return 0, err
	}
	dataKey, err := open(h)
	if err != nil {
		return 0, err
	}
	defer clear(dataKey)
	made, err := prepareTarget(dir)
	if err != nil {
		return 0, err
	}
	f, err := OpenFolder(dir, opt)
	if err == nil {
		var n int
		n, err = f.restore(file, h, raw, dataKey)
		if err == nil {
			return n, nil
		}
	}
	return 0, errors.Join(err, undoRestore(dir, made))
}

// prepareTarget refuses a folder that holds anything, and reports whether
// it had to create it.
func prepareTarget(dir string) (made bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, dirPerm); err != nil {
			return false, fmt.Errorf("creating the folder to restore into: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("reading the folder to restore into: %w", err)
	case len(entries) > 0:
		return false, fmt.Errorf("%s is not empty: %w", dir, ErrRestoreTarget)
	}
	return false, nil
}

// undoRestore removes everything the restore wrote.
func undoRestore(dir string, made bool) error {
	if made {
		return os.RemoveAll(dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
	}
	return errors.Join(errs...)
}

// restore loads the payload into a new db/, writes keyring.json last (so a
// crash midway never leaves a folder that looks ready), then reopens the
// store and checks every record against a second reading of the file.
func (f *Folder) restore(file *os.File, h backupHeader, raw, dataKey []byte) (int, error) {
	payloadAt, err := file.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	key, err := fileKey(dataKey, h.Salt)
	if err != nil {
		return 0, err
	}
	defer clear(key)
	payload := func() (*recordReader, error) {
		or, err := newOpenReader(io.NewSectionReader(file, payloadAt, 1<<62), key, headerAD(raw))
		return newRecordReader(or), err
	}
	krBytes, err := f.load(payload, dataKey)
	if err != nil {
		return 0, err
	}
	if err := createAtomic(f.path(keyringName), krBytes); err != nil {
		return 0, fmt.Errorf("writing %s: %w", keyringName, err)
	}
	return f.verify(payload, dataKey)
}

func (f *Folder) load(payload func() (*recordReader, error), dataKey []byte) ([]byte, error) {
	rr, err := payload()
	if err != nil {
		return nil, err
	}
	krBytes, err := rr.readKeyring()
	if err != nil {
		return nil, err
	}
	if _, err := keyring.Parse(krBytes); err != nil {
		return nil, fmt.Errorf("the backup's keyring: %w: %w", ErrBackupDamaged, err)
	}
	k := bytes.Clone(dataKey) // Badger keeps it as its master key until Close
	defer clear(k)
	bdb, err := openBadger(f.path(dbDirName), k)
	if err != nil {
		return nil, err
	}
	err = loadRecords(bdb, rr)
	return krBytes, errors.Join(err, bdb.Close())
}

func loadRecords(bdb *badger.DB, rr *recordReader) error {
	wb := bdb.NewWriteBatch()
	defer wb.Cancel()
	for {
		k, v, ok, err := rr.next()
		if err != nil {
			return err
		}
		if !ok {
			return translate(wb.Flush())
		}
		if err := wb.Set(k, v); err != nil {
			return translate(err)
		}
	}
}

// verify reopens the restored store and walks it beside the backup: the
// same keys, in the same order, with the same values, and nothing more.
func (f *Folder) verify(payload func() (*recordReader, error), dataKey []byte) (int, error) {
	rr, err := payload()
	if err != nil {
		return 0, err
	}
	if _, err := rr.readKeyring(); err != nil {
		return 0, err
	}
	db, err := f.open(bytes.Clone(dataKey))
	if err != nil {
		return 0, err
	}
	var n int
	err = db.use(func() error {
		txn := db.bdb.NewTransaction(false)
		defer txn.Discard()
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		var err error
		n, err = compareRecords(it, rr)
		return err
	})
	return n, errors.Join(err, db.Close())
}

// errMismatch: the restored store differs from the backup it came from.
var errMismatch = errors.New("the restored register does not match the backup")

func compareRecords(it *badger.Iterator, rr *recordReader) (int, error) {
	n := 0
	it.Rewind()
	for ; ; it.Next() {
		k, v, ok, err := rr.next()
		if err != nil {
			return n, err
		}
		if !ok {
			break
		}
		if !it.Valid() || !bytes.Equal(it.Item().Key(), k) {
			return n, fmt.Errorf("record %d is missing: %w", n+1, errMismatch)
		}
		got, err := it.Item().ValueCopy(nil)
		if err != nil {
			return n, translate(err)
		}
		if !bytes.Equal(got, v) {
			return n, fmt.Errorf("record %d differs: %w", n+1, errMismatch)
		}
		n++
	}
	if it.Valid() {
		return n, fmt.Errorf("more records than the backup holds: %w", errMismatch)
	}
	return n, nil
}
