// Package storage is the app's vault: an encrypted Badger store in one data
// folder, the key slots that let each member of staff (or the printed
// recovery key) unlock it, and the failed-login backoff. It implements the
// interfaces app/register declares and touches only files in its folder:
//
//	keyring.json   key slots (plaintext: IDs, logins, salts, sealed keys)
//	attempts.json  failed logins: names, counts and times only
//	db/            Badger, encrypted with a random 32-byte data key
//
// The data key is made once, at Init, and never changes; passwords only wrap
// it. storage is synchronous: key derivation takes about half a second, so
// callers in ui/ run Init, Unlock and SetPassword off the UI goroutine.
package storage

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"photoconsent/storage/keyring"
)

// Folder is a data folder, locked or not. It holds no open files; the store
// is opened by Init, Unlock or UnlockWithRecovery, which return a DB.
type Folder struct {
	dir string
	opt Options
	mu  sync.Mutex // serialises this process's edits of the attempts file
}

// OpenFolder prepares dir (creating it, private to the user, if needed).
func OpenFolder(dir string, opt Options) (*Folder, error) {
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, fmt.Errorf("creating the data folder: %w", err)
	}
	return &Folder{dir: dir, opt: opt}, nil
}

// Initialized reports whether the folder holds a keyring, that is, whether
// to show the login screen rather than first-run setup.
func (f *Folder) Initialized() bool { return exists(f.path(keyringName)) }

// Init creates the store with its first account and a recovery key. The
// recovery key is returned formatted for printing and is never stored: show
// it once. The keyring is written before Badger creates db/, so a crash in
// between leaves a keyring whose store is simply empty.
func (f *Folder) Init(accountID, login, password string) (*DB, string, error) {
	if err := checkAccount(accountID, login, password); err != nil {
		return nil, "", err
	}
	if err := f.checkFresh(); err != nil {
		return nil, "", err
	}
	key := keyring.NewDataKey()
	kr, recovery, err := newKeyring(key, accountID, login, password, f.opt.KDF)
	if err != nil {
		return nil, "", err
	}
	if err := f.createKeyring(kr); err != nil {
		return nil, "", err
	}
	db, err := f.open(key)
	if err != nil {
		// Ours alone: createKeyring refused to replace anyone else's.
		return nil, "", errors.Join(err, os.Remove(f.path(keyringName)))
	}
	return db, recovery, nil
}

// checkFresh refuses to start over a store whose keyring has gone: db/ may
// be the only copy of the register, waiting for keyring.json from a backup.
func (f *Folder) checkFresh() error {
	if f.Initialized() {
		return ErrAlreadyInitialized
	}
	entries, err := os.ReadDir(f.path(dbDirName))
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("%s has a store but no %s (restore it from a backup): %w", f.dir, keyringName, ErrAlreadyInitialized)
	}
	return nil
}

func newKeyring(key []byte, accountID, login, password string, p KDFParams) (*keyring.File, string, error) {
	slot, err := keyring.Seal(key, accountID, login, password, p)
	if err != nil {
		return nil, "", err
	}
	recovery, rslot, err := keyring.NewRecovery(key)
	if err != nil {
		return nil, "", err
	}
	kr := keyring.New()
	kr.Recovery = &rslot
	return kr, recovery, kr.Put(slot)
}

// Logins lists the accounts that can unlock the store, by name.
func (f *Folder) Logins() ([]Login, error) {
	kr, err := f.loadKeyring()
	if err != nil {
		return nil, err
	}
	logins := make([]Login, 0, len(kr.Slots))
	for _, s := range kr.Slots {
		logins = append(logins, Login{AccountID: s.Account, Name: s.Login})
	}
	slices.SortFunc(logins, func(a, b Login) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return logins, nil
}

// Unlock opens the store with a login and password and returns the account
// ID. A wrong password, or a login that matches no account, is
// ErrWrongPassword after the same key-derivation time, and opens nothing.
// After repeated failures the login must wait (see access.LoginDelay): Unlock
// then returns a *LockedOutError at once, without trying the password.
func (f *Folder) Unlock(login, password string) (*DB, string, error) {
	kr, err := f.loadKeyring()
	if err != nil {
		return nil, "", err
	}
	slot, ok := kr.ByLogin(login)
	key, err := f.tryPassword(kr, slot, ok, password)
	if err != nil {
		return nil, "", err
	}
	db, err := f.open(key)
	if err != nil {
		return nil, "", err
	}
	return db, slot.Account, nil
}

// tryPassword opens slot (or, if !ok, a decoy that costs the same) with the
// backoff applied: refused unpaid while locked out, failures counted and
// kept for the audit trail, the count reset on success.
func (f *Folder) tryPassword(kr *keyring.File, slot keyring.Slot, ok bool, password string) ([]byte, error) {
	b, login := unknownLogin, ""
	if ok {
		b, login = bucket(slot.Login), slot.Login
	} else {
		slot = keyring.Decoy(f.decoyParams(kr))
	}
	if err := f.checkLockout(b); err != nil {
		return nil, err
	}
	key, err := slot.Open(password)
	switch {
	case errors.Is(err, keyring.ErrWrongSecret):
		return nil, errors.Join(ErrWrongPassword, f.recordFailure(b, login))
	case err != nil:
		return nil, fmt.Errorf("the key slot for %q is damaged: %w", login, err)
	}
	if err := f.resetFailures(b); err != nil {
		clear(key)
		return nil, err
	}
	return key, nil
}

// decoyParams copies a real slot's parameters so an unknown login takes as
// long as a known one.
func (f *Folder) decoyParams(kr *keyring.File) KDFParams {
	for _, s := range kr.Slots {
		if s.KDF.Validate() == nil {
			return s.KDF
		}
	}
	return f.opt.KDF
}

// UnlockWithRecovery opens the store with the printed recovery key, for when
// every password is lost. The caller should then set a new password.
func (f *Folder) UnlockWithRecovery(recoveryKey string) (*DB, error) {
	kr, err := f.loadKeyring()
	if err != nil {
		return nil, err
	}
	if kr.Recovery == nil {
		return nil, fmt.Errorf("the keyring has no recovery slot: %w", ErrBadRecoveryKey)
	}
	key, err := kr.Recovery.Open(recoveryKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRecoveryKey, err)
	}
	return f.open(key)
}

// open opens db/ with the data key.
func (f *Folder) open(key []byte) (*DB, error) {
	bdb, err := openBadger(f.path(dbDirName), key)
	if err != nil {
		clear(key)
		return nil, err
	}
	return &DB{folder: f, bdb: bdb, key: key}, nil
}

// checkAccount refuses empty names and passwords. Password strength is the
// app's rule (access.CheckPassword), not storage's.
func checkAccount(accountID, login, password string) error {
	if accountID == "" || login == "" || password == "" {
		return errors.New("storage: account ID, login and password must not be empty")
	}
	return nil
}
