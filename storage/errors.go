package storage

import (
	"errors"
	"fmt"
	"time"

	"photoconsent/app/register"
	"photoconsent/storage/keyring"
)

// Errors callers check with errors.Is. Badger's and the crypto libraries'
// errors are translated into these so no library detail leaks into a message
// a person reads. Where app/register names the same case (register.ErrInUse
// and so on), the storage error also matches the register's, so screens can
// test for either.
var (
	// ErrWrongPassword: the login and password do not open a slot. Also for an
	// unknown login, so the two cannot be told apart.
	ErrWrongPassword error = &sentinel{"wrong login or password", register.ErrWrongPassword}
	// ErrNotInitialized: the folder has no keyring yet; call Init.
	ErrNotInitialized error = &sentinel{"no store in this folder yet", register.ErrNotInitialized}
	// ErrAlreadyInitialized: Init on a folder that already holds a store.
	ErrAlreadyInitialized error = &sentinel{"folder already holds a store", register.ErrAlreadySetUp}
	// ErrInUse: another window or process has the store open.
	ErrInUse error = &sentinel{"store is open in another window or program", register.ErrInUse}
	// ErrTooManyAttempts: wrapped in a *LockedOutError saying how long to wait.
	ErrTooManyAttempts error = &sentinel{"too many failed attempts", register.ErrTooManyAttempts}
	// ErrBadRecoveryKey: the recovery key is mistyped or belongs to another store.
	ErrBadRecoveryKey error = &sentinel{"recovery key does not open this store", register.ErrBadRecoveryKey}

	// ErrLoginTaken: SetPassword with a login another account already uses.
	ErrLoginTaken = keyring.ErrLoginTaken
	// ErrLastSlot: RemoveSlot of the only password slot left, which would
	// leave the recovery key as the only way in.
	ErrLastSlot = errors.New("cannot remove the last account that can log in")
	// ErrKeyringMismatch: a slot opened but its key does not open db/, so
	// keyring.json belongs to another store (restored from the wrong backup?).
	ErrKeyringMismatch = errors.New("keyring does not belong to this store")
	// ErrTooLarge: a key or value over the size limits.
	ErrTooLarge = errors.New("too large to store")
	// ErrTxnTooBig: one Update wrote more than Badger can commit at once;
	// split the work into smaller transactions.
	ErrTxnTooBig = errors.New("transaction too big; split it")
	// ErrClosed: the DB was used after Close.
	ErrClosed = errors.New("store is closed")
)

// sentinel is a storage error that also matches the app's error of the same
// meaning.
type sentinel struct {
	msg string
	app error
}

func (e *sentinel) Error() string { return e.msg }
func (e *sentinel) Unwrap() error { return e.app }

// LockedOutError says a login must wait before it may try again. It wraps
// ErrTooManyAttempts, and errors.As also fills a *register.LockedOutError.
type LockedOutError struct {
	Wait time.Duration // time left, rounded up to the second
}

func (e *LockedOutError) Error() string {
	return fmt.Sprintf("too many failed attempts; try again in %v", e.Wait)
}

func (e *LockedOutError) Unwrap() error { return ErrTooManyAttempts }

// As lets screens written against app/register read the wait.
func (e *LockedOutError) As(target any) bool {
	t, ok := target.(**register.LockedOutError)
	if ok {
		*t = &register.LockedOutError{Wait: e.Wait}
	}
	return ok
}
