package register

import (
	"errors"
	"fmt"
	"time"

	"photoconsent/app/access"
)

// Errors from opening the data folder. storage returns errors that match
// these with errors.Is, so screens can speak to each case.
var (
	ErrWrongPassword   = errors.New("wrong password")
	ErrTooManyAttempts = errors.New("too many wrong passwords")
	ErrInUse           = errors.New("the register is open in another window or program")
	ErrNotInitialized  = errors.New("no register has been set up in this folder")
	ErrBadRecoveryKey  = errors.New("that recovery key does not open this register")
	ErrAlreadySetUp    = errors.New("a register is already set up in this folder")
)

// LockedOutError says how long to wait after too many wrong passwords.
type LockedOutError struct{ Wait time.Duration }

func (e *LockedOutError) Error() string {
	return fmt.Sprintf("too many wrong passwords: try again in %s", e.Wait.Round(time.Second))
}

// Unwrap lets errors.Is match ErrTooManyAttempts.
func (e *LockedOutError) Unwrap() error { return ErrTooManyAttempts }

// Login is an account that can sign in, as listed before the store is open.
type Login struct {
	AccountID string
	Name      string
}

// Vault is the data folder before it is unlocked: its key slots and the
// encrypted store they open.
type Vault interface {
	Initialized() bool
	Logins() ([]Login, error)
	// Create makes a new store with one key slot and returns it open, with
	// the recovery key to show once.
	Create(accountID, login, password string) (Opened, string, error)
	// Unlock opens the store with a password and names the account.
	Unlock(login, password string) (Opened, string, error)
	// UnlockWithRecovery opens the store with the recovery key.
	UnlockWithRecovery(key string) (Opened, error)
}

// Opened is an unlocked store.
type Opened interface {
	Store
	Keyring
	// TakeFailedLogins returns, once, the failed sign-ins since the last success.
	TakeFailedLogins() ([]FailedLogin, error)
	Close() error
}

// CreateRegister sets up a new register: the store, its first head account
// and the school's settings. It returns the signed-in session, the open
// store (the caller closes it) and the recovery key to show once.
func CreateRegister(v Vault, schoolName, headLogin, password string, opt Options) (*Session, Opened, string, error) {
	if err := checkLogin(headLogin); err != nil {
		return nil, nil, "", err
	}
	if err := access.CheckPassword(password, headLogin); err != nil {
		return nil, nil, "", err
	}
	id := NewID()
	db, recovery, err := v.Create(id, headLogin, password)
	if err != nil {
		return nil, nil, "", err
	}
	if err := Setup(db, schoolName, id, headLogin, opt); err != nil {
		return nil, nil, "", errors.Join(err, db.Close())
	}
	s, err := Open(db, db, id, nil, opt)
	if err != nil {
		return nil, nil, "", errors.Join(err, db.Close())
	}
	return s, db, recovery, nil
}

// SignIn unlocks the store with a password and starts that person's session.
// Failed sign-ins since the last success go into the audit trail now that it
// can be written. The caller closes the returned store.
func SignIn(v Vault, login, password string, opt Options) (*Session, Opened, error) {
	db, id, err := v.Unlock(login, password)
	if err != nil {
		return nil, nil, err
	}
	failed, err := db.TakeFailedLogins()
	if err != nil {
		return nil, nil, errors.Join(err, db.Close())
	}
	s, err := Open(db, db, id, failed, opt)
	if err != nil {
		return nil, nil, errors.Join(err, db.Close())
	}
	return s, db, nil
}

// Recover opens the store with the recovery key and starts a session as the
// named head, who must set a new password before doing anything else.
func Recover(v Vault, key, headLogin string, opt Options) (*Session, Opened, error) {
	db, err := v.UnlockWithRecovery(key)
	if err != nil {
		return nil, nil, err
	}
	s, err := OpenWithRecoveryKey(db, db, headLogin, opt)
	if err != nil {
		return nil, nil, errors.Join(err, db.Close())
	}
	return s, db, nil
}
