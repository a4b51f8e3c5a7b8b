package register

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"photoconsent/app/access"
	"photoconsent/app/audit"
	"photoconsent/app/idle"
)

// Errors a caller may want to tell apart.
var (
	ErrNotSetUp           = errors.New("the register has not been set up")
	ErrNoAccount          = errors.New("no such account")
	ErrNoPupil            = errors.New("no such pupil")
	ErrMustChangePassword = errors.New("the password was reset and must be changed first")
	ErrInvalid            = errors.New("invalid request")
)

// Session is one signed-in person's use of the register. Every method checks
// that person's role first. A Session is not safe for concurrent use by
// several goroutines that change things; reads may run alongside.
type Session struct {
	store Store
	keys  Keyring
	now   func() time.Time
	me    Account
}

// Options configure a session. The zero value uses the real clock.
type Options struct {
	Now func() time.Time
}

func (o Options) clock() func() time.Time {
	if o.Now == nil {
		return time.Now
	}
	return o.Now
}

// Setup writes a new register's settings and its first account, a head, in
// one transaction. The store and the head's key slot must already exist.
func Setup(store Store, schoolName, headID, headLogin string, opt Options) error {
	schoolName = strings.TrimSpace(schoolName)
	if schoolName == "" {
		return invalidf("the school needs a name")
	}
	if err := checkLogin(headLogin); err != nil {
		return err
	}
	now := opt.clock()()
	head := Account{ID: headID, Login: strings.TrimSpace(headLogin), Role: access.Head, Created: now}
	return store.Update(func(tx Tx) error {
		if ok, err := tx.Get(keySchool, &Settings{}); err != nil {
			return err
		} else if ok {
			return errors.New("the register is already set up")
		}
		if err := tx.Put(keySchool, DefaultSettings(schoolName)); err != nil {
			return err
		}
		if err := tx.Put(prefAccount+head.ID, head); err != nil {
			return err
		}
		return appendEvent(tx, head, now, audit.StoreCreated, "", "register created for "+schoolName)
	})
}

// Open starts a session for an account whose password (or the recovery key)
// has just opened the store. Failed sign-ins noticed before the store was
// open are written to the audit trail, and so is this sign-in.
func Open(store Store, keys Keyring, accountID string, failed []FailedLogin, opt Options) (*Session, error) {
	s := &Session{store: store, keys: keys, now: opt.clock()}
	err := store.Update(func(tx Tx) error {
		if ok, err := tx.Get(keySchool, &Settings{}); err != nil {
			return err
		} else if !ok {
			return ErrNotSetUp
		}
		ok, err := tx.Get(prefAccount+accountID, &s.me)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("opening a session: %w", ErrNoAccount)
		}
		for _, f := range failed {
			ev := audit.Event{ID: timeID(f.At), At: f.At, ActorName: f.Login, Kind: audit.LoginFailed,
				Detail: "wrong password"}
			if err := tx.Put(prefAudit+ev.ID, ev); err != nil {
				return err
			}
		}
		return appendEvent(tx, s.me, s.now(), audit.Login, s.me.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// OpenWithRecoveryKey starts a session after the recovery key opened the
// store: it acts as the named head account, records that the recovery key
// was used, and requires that head to set a new password at once.
func OpenWithRecoveryKey(store Store, keys Keyring, headLogin string, opt Options) (*Session, error) {
	var head Account
	err := store.Update(func(tx Tx) error {
		acc, err := accountByLogin(tx, headLogin)
		if err != nil {
			return err
		}
		if acc.Role != access.Head {
			return invalidf("the recovery key resets a head's password, and %q is not a head", acc.Login)
		}
		acc.MustChangePassword = true
		head = acc
		if err := tx.Put(prefAccount+acc.ID, acc); err != nil {
			return err
		}
		return appendEvent(tx, acc, opt.clock()(), audit.RecoveryKeyUsed, acc.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return &Session{store: store, keys: keys, now: opt.clock(), me: head}, nil
}

// Now is the session's clock: the time the register writes on records.
func (s *Session) Now() time.Time { return s.now() }

// Me is the signed-in account.
func (s *Session) Me() Account { return s.me }

// Can reports whether the signed-in person may take the action; screens use
// it to hide what would be refused anyway.
func (s *Session) Can(a access.Action) bool { return access.Can(s.me.Role, a) }

// Check refuses the action unless the role allows it and the password is not
// waiting to be changed. Every method checks for itself; callers use Check
// to refuse early, before asking for more input.
func (s *Session) Check(a access.Action) error { return s.check(a) }

func (s *Session) check(a access.Action) error {
	if s.me.MustChangePassword {
		return ErrMustChangePassword
	}
	return access.Check(s.me.Role, a)
}

// NewIdleTimer returns the idle timer for this school's setting.
func (s *Session) NewIdleTimer() (*idle.Timer, error) {
	set, err := s.Settings()
	if err != nil {
		return nil, err
	}
	return idle.New(time.Duration(set.IdleMinutes)*time.Minute, s.now), nil
}

// Settings returns the school's settings; everyone signed in may read them.
func (s *Session) Settings() (Settings, error) {
	var set Settings
	err := s.store.View(func(tx Tx) error {
		ok, err := tx.Get(keySchool, &set)
		if err == nil && !ok {
			err = ErrNotSetUp
		}
		return err
	})
	return set, err
}

func appendEvent(tx Tx, actor Account, at time.Time, kind audit.Kind, subject, detail string) error {
	ev := audit.Event{ID: timeID(at), At: at, Actor: actor.ID, ActorName: actor.Login,
		Kind: kind, Subject: subject, Detail: detail}
	return tx.Put(prefAudit+ev.ID, ev)
}

// invalidError is a request the register refuses; its message is the whole
// explanation, and it matches ErrInvalid.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }
func (e *invalidError) Unwrap() error { return ErrInvalid }

func invalidf(format string, a ...any) error {
	return &invalidError{fmt.Sprintf(format, a...)}
}
