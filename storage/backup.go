package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"

	"photoconsent/storage/keyring"
)

// WriteBackup writes an encrypted copy of the whole store to path and
// returns how many records it holds. Any staff password, or the recovery
// key, that opens the store opens the backup. The file is written beside
// path under a temporary name, synced, then renamed, so path is either the
// old file or a whole new backup; nothing is written in the clear.
func (db *DB) WriteBackup(path string) (int, error) {
	var n int
	err := db.use(func() error {
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
		if err != nil {
			return fmt.Errorf("writing the backup: %w", err)
		}
		n, err = db.writeBackup(f)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			return errors.Join(fmt.Errorf("writing the backup: %w", err), os.Remove(f.Name()))
		}
		return syncDir(filepath.Dir(path))
	})
	return n, err
}

// writeBackup writes header and payload to w: keyring.json, then every
// record from one read snapshot, so the copy is consistent even while
// others write.
func (db *DB) writeBackup(w io.Writer) (int, error) {
	krBytes, kr, err := db.readKeyringBytes()
	if err != nil {
		return 0, err
	}
	h, err := newBackupHeader(kr)
	if err != nil {
		return 0, err
	}
	raw, err := h.encode()
	if err != nil {
		return 0, err
	}
	if _, err := w.Write(raw); err != nil {
		return 0, err
	}
	key, err := fileKey(db.key, h.Salt)
	if err != nil {
		return 0, err
	}
	defer clear(key)
	sw, err := newSealWriter(w, key, headerAD(raw))
	if err != nil {
		return 0, err
	}
	rw := newRecordWriter(sw)
	if err := rw.keyring(krBytes); err != nil {
		return 0, err
	}
	if err := db.writeRecords(rw); err != nil {
		return 0, err
	}
	if err := rw.end(); err != nil {
		return 0, err
	}
	return int(rw.n), sw.Close()
}

// readKeyringBytes reads keyring.json as it is on disk, under the write
// lock so a password change is not half-seen.
func (db *DB) readKeyringBytes() ([]byte, *keyring.File, error) {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	b, err := readCapped(db.folder.path(keyringName), keyring.MaxFileSize)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", keyringName, err)
	}
	kr, err := keyring.Parse(b)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", keyringName, err)
	}
	return b, kr, nil
}

func (db *DB) writeRecords(rw *recordWriter) error {
	txn := db.bdb.NewTransaction(false)
	defer txn.Discard()
	it := txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		err := item.Value(func(v []byte) error { return rw.record(item.Key(), v) })
		if err != nil {
			return translate(err)
		}
	}
	return nil
}
