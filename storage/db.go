package storage

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"photoconsent/app/register"
	"photoconsent/storage/keyring"
)

// DB is an unlocked store: Badger opened with the data key, plus the key
// itself so staff slots can be re-wrapped without touching the data. It
// implements register.Store and register.Keyring. Methods are safe to call
// from several goroutines; a Tx is not.
type DB struct {
	folder *Folder
	bdb    *badger.DB
	key    []byte

	mu      sync.RWMutex // held shared by every call, exclusively by Close
	closed  bool
	writeMu sync.Mutex // one writer at a time: Updates and keyring edits
}

var _ register.Opened = (*DB)(nil) // Store, Keyring, TakeFailedLogins, Close

// View runs fn in a read-only snapshot. fn must use only its Tx.
func (db *DB) View(fn func(register.Tx) error) error {
	return db.use(func() error {
		txn := db.bdb.NewTransaction(false)
		defer txn.Discard()
		return runTx(txn, fn)
	})
}

// Update runs fn in one read-write transaction and commits it durably (the
// write is on disk when Update returns nil). Updates run one at a time, so
// they never conflict; keep each to a few hundred records (ErrTxnTooBig
// beyond about 1 MiB). fn must use only its Tx, never the DB: a nested
// View or Update would deadlock.
func (db *DB) Update(fn func(register.Tx) error) error {
	return db.use(func() error {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
		txn := db.bdb.NewTransaction(true)
		defer txn.Discard()
		if err := runTx(txn, fn); err != nil {
			return err
		}
		return translate(txn.Commit())
	})
}

// SetPassword wraps the data key under a new password for the account, with
// a fresh salt, replacing its slot or adding one. The data is not touched.
// The account's failed-login count starts again.
func (db *DB) SetPassword(accountID, login, password string) error {
	if err := checkAccount(accountID, login, password); err != nil {
		return err
	}
	return db.use(func() error {
		slot, err := keyring.Seal(db.key, accountID, login, password, db.folder.opt.KDF)
		if err != nil {
			return err
		}
		err = db.editKeyring(func(kr *keyring.File) error { return kr.Put(slot) })
		if err != nil {
			return err
		}
		return db.folder.resetFailures(bucket(login))
	})
}

// CheckPassword returns nil if the password opens the account's slot, and
// ErrWrongPassword otherwise (also for an unknown account). Failures count
// towards the login's backoff like failed logins, so a second-person
// sign-off prompt cannot be used to guess a colleague's password.
func (db *DB) CheckPassword(accountID, password string) error {
	return db.use(func() error {
		kr, err := db.folder.loadKeyring()
		if err != nil {
			return err
		}
		slot, ok := kr.ByAccount(accountID)
		_, err = db.folder.tryPassword(kr, slot, ok, password)
		return err
	})
}

// RemoveSlot deletes the account's slot so its password opens nothing.
// Removing a slot that does not exist is not an error; removing the last
// one is (ErrLastSlot).
func (db *DB) RemoveSlot(accountID string) error {
	return db.use(func() error {
		return db.editKeyring(func(kr *keyring.File) error {
			if _, ok := kr.ByAccount(accountID); ok && len(kr.Slots) == 1 {
				return ErrLastSlot
			}
			kr.Remove(accountID)
			return nil
		})
	})
}

// TakeFailedLogins returns the failed attempts recorded since the last call
// and forgets them, so the caller can copy them into the audit trail once.
func (db *DB) TakeFailedLogins() ([]FailedLogin, error) {
	var failed []FailedLogin
	err := db.use(func() error {
		var err error
		failed, err = db.folder.takeFailed()
		return err
	})
	return failed, err
}

// Close waits for running transactions, reclaims value-log space, closes
// Badger and forgets the key. Closing twice is harmless.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	gcErr := db.collectGarbage()
	err := db.bdb.Close()
	// Badger holds this very slice as its master key, and closing may seal a
	// fresh internal key under it, so it is wiped only now.
	clear(db.key)
	if err != nil {
		return fmt.Errorf("closing the store: %w", err)
	}
	// The app closes the store when it locks and sits at the login screen;
	// give Badger's tens of MiB of buffers back rather than keep them.
	debug.FreeOSMemory()
	return gcErr
}

// collectGarbage rewrites a value-log file if half of it is deleted or
// replaced scans, so a deleted pupil's forms do not linger on disk (encrypted,
// but kept longer than the school's retention rules allow).
func (db *DB) collectGarbage() error {
	err := db.bdb.RunValueLogGC(0.5)
	if err == nil || errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
		return nil
	}
	return fmt.Errorf("reclaiming space: %w", err)
}

// use runs fn unless the DB is closed, keeping Close out meanwhile.
func (db *DB) use(fn func() error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.closed {
		return ErrClosed
	}
	return fn()
}

// editKeyring changes keyring.json under the write lock. Only the process
// holding Badger's lock edits it (Init aside), so no other process races.
func (db *DB) editKeyring(edit func(*keyring.File) error) error {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	kr, err := db.folder.loadKeyring()
	if err != nil {
		return err
	}
	if err := edit(kr); err != nil {
		return err
	}
	return db.folder.saveKeyring(kr)
}
