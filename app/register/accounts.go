package register

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"photoconsent/app/access"
	"photoconsent/app/audit"
)

// MaxLoginLength bounds a login name.
const MaxLoginLength = 64

// Accounts lists every staff account by login name (head only).
func (s *Session) Accounts() ([]Account, error) {
	if err := s.check(access.ManageUsers); err != nil {
		return nil, err
	}
	var out []Account
	err := s.store.View(func(tx Tx) error {
		var err error
		out, err = allAccounts(tx)
		return err
	})
	return out, err
}

// AddAccount creates a staff account with a temporary password that must be
// changed at first sign-in (head only).
func (s *Session) AddAccount(login string, role access.Role, tempPassword string) (Account, error) {
	if err := s.check(access.ManageUsers); err != nil {
		return Account{}, err
	}
	login = strings.TrimSpace(login)
	if err := checkLogin(login); err != nil {
		return Account{}, err
	}
	if _, err := access.ParseRole(string(role)); err != nil {
		return Account{}, invalidf("%v", err)
	}
	if err := access.CheckPassword(tempPassword, login); err != nil {
		return Account{}, err
	}
	acc := Account{ID: NewID(), Login: login, Role: role, MustChangePassword: true,
		Created: s.now(), CreatedBy: s.me.ID}
	// The account is written before its key slot: if we stop in between,
	// the head sees an account with no password and can reset it.
	err := s.store.Update(func(tx Tx) error {
		if _, err := accountByLogin(tx, login); err == nil {
			return invalidf("there is already an account called %q", login)
		} else if !errors.Is(err, ErrNoAccount) {
			return err
		}
		if err := tx.Put(prefAccount+acc.ID, acc); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.UserAdded, acc.ID, fmt.Sprintf("%s (%s)", login, role))
	})
	if err != nil {
		return Account{}, err
	}
	if err := s.keys.SetPassword(acc.ID, acc.Login, tempPassword); err != nil {
		return acc, fmt.Errorf("the account was made but its password could not be saved: %w", err)
	}
	return acc, nil
}

// RemoveAccount deletes a staff account and its key slot (head only). Heads
// cannot remove themselves or the last head.
func (s *Session) RemoveAccount(id string) error {
	if err := s.check(access.ManageUsers); err != nil {
		return err
	}
	if id == s.me.ID {
		return invalidf("you cannot remove your own account")
	}
	acc, err := s.account(id)
	if err != nil {
		return err
	}
	if err := s.keepAHead(acc, ""); err != nil {
		return err
	}
	// The slot goes first: once it is gone the password opens nothing.
	if err := s.keys.RemoveSlot(id); err != nil {
		return err
	}
	return s.store.Update(func(tx Tx) error {
		if err := tx.Delete(prefAccount + id); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.UserRemoved, id, acc.Login)
	})
}

// SetRole changes a staff member's role (head only), keeping at least one head.
func (s *Session) SetRole(id string, role access.Role) error {
	if err := s.check(access.ManageUsers); err != nil {
		return err
	}
	if _, err := access.ParseRole(string(role)); err != nil {
		return invalidf("%v", err)
	}
	acc, err := s.account(id)
	if err != nil {
		return err
	}
	if acc.Role == role {
		return nil
	}
	if err := s.keepAHead(acc, role); err != nil {
		return err
	}
	old := acc.Role
	acc.Role = role
	return s.store.Update(func(tx Tx) error {
		if err := tx.Put(prefAccount+id, acc); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.RoleChanged, id, fmt.Sprintf("%s: %s → %s", acc.Login, old, role))
	})
}

// SetWebsiteAuthoriser names a staff member as one of the school's website
// authorisers, or stops (head only). Heads always publish to the website.
func (s *Session) SetWebsiteAuthoriser(id string, on bool) error {
	if err := s.check(access.ManageUsers); err != nil {
		return err
	}
	acc, err := s.account(id)
	if err != nil {
		return err
	}
	if acc.WebsiteAuthoriser == on {
		return nil
	}
	acc.WebsiteAuthoriser = on
	what := "no longer a website authoriser"
	if on {
		what = "named a website authoriser"
	}
	return s.store.Update(func(tx Tx) error {
		if err := tx.Put(prefAccount+id, acc); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.AuthoriserChanged, id, acc.Login+": "+what)
	})
}

// MayUploadToWebsite reports whether the signed-in person publishes to the
// school's website, as their account stands now (the head may have named
// them, or stopped, since they signed in).
func (s *Session) MayUploadToWebsite() (bool, error) {
	acc, err := s.account(s.me.ID)
	if err != nil {
		return false, err
	}
	return acc.MayUploadToWebsite(), nil
}

// ResetPassword gives a staff member a temporary password that must be
// changed at their next sign-in (head only).
func (s *Session) ResetPassword(id, tempPassword string) error {
	if err := s.check(access.ManageUsers); err != nil {
		return err
	}
	acc, err := s.account(id)
	if err != nil {
		return err
	}
	if err := access.CheckPassword(tempPassword, acc.Login); err != nil {
		return err
	}
	// Flag first: if we stop before the new slot is written, the old
	// password still works and must be changed, which is harmless.
	acc.MustChangePassword = true
	err = s.store.Update(func(tx Tx) error {
		if err := tx.Put(prefAccount+id, acc); err != nil {
			return err
		}
		return appendEvent(tx, s.me, s.now(), audit.PasswordReset, id, acc.Login)
	})
	if err != nil {
		return err
	}
	return s.keys.SetPassword(acc.ID, acc.Login, tempPassword)
}

// ChangePassword sets the signed-in person's own password. The old password
// is asked for unless a reset or the recovery key has just proved who they are.
func (s *Session) ChangePassword(oldPassword, newPassword string) error {
	if !s.me.MustChangePassword {
		if err := s.keys.CheckPassword(s.me.ID, oldPassword); err != nil {
			return err
		}
	}
	if err := access.CheckPassword(newPassword, s.me.Login); err != nil {
		return err
	}
	if newPassword == oldPassword || s.keys.CheckPassword(s.me.ID, newPassword) == nil {
		return invalidf("choose a password different from the current one")
	}
	if err := s.keys.SetPassword(s.me.ID, s.me.Login, newPassword); err != nil {
		return err
	}
	me := s.me
	me.MustChangePassword = false
	err := s.store.Update(func(tx Tx) error {
		if err := tx.Put(prefAccount+me.ID, me); err != nil {
			return err
		}
		return appendEvent(tx, me, s.now(), audit.PasswordChanged, me.ID, "")
	})
	if err == nil {
		s.me = me
	}
	return err
}

// CheckPassword reports whether the password is the signed-in person's; the
// idle lock uses it to let them back in.
func (s *Session) CheckPassword(password string) error {
	return s.keys.CheckPassword(s.me.ID, password)
}

func (s *Session) account(id string) (Account, error) {
	var acc Account
	err := s.store.View(func(tx Tx) error {
		ok, err := tx.Get(prefAccount+id, &acc)
		if err == nil && !ok {
			err = ErrNoAccount
		}
		return err
	})
	return acc, err
}

// keepAHead refuses a change that would leave the school with no head.
func (s *Session) keepAHead(acc Account, newRole access.Role) error {
	if acc.Role != access.Head || newRole == access.Head {
		return nil
	}
	var heads int
	err := s.store.View(func(tx Tx) error {
		all, err := allAccounts(tx)
		for _, a := range all {
			if a.Role == access.Head {
				heads++
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	if heads <= 1 {
		return invalidf("the school must keep at least one head account")
	}
	return nil
}

func allAccounts(tx Tx) ([]Account, error) {
	var out []Account
	err := tx.Scan(prefAccount, func(_ string, decode func(any) error) error {
		var a Account
		if err := decode(&a); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Login) < strings.ToLower(out[j].Login) })
	return out, err
}

func accountByLogin(tx Tx, login string) (Account, error) {
	all, err := allAccounts(tx)
	if err != nil {
		return Account{}, err
	}
	for _, a := range all {
		if strings.EqualFold(a.Login, strings.TrimSpace(login)) {
			return a, nil
		}
	}
	return Account{}, fmt.Errorf("%q: %w", login, ErrNoAccount)
}

func checkLogin(login string) error {
	login = strings.TrimSpace(login)
	switch {
	case login == "":
		return invalidf("the account needs a name")
	case utf8.RuneCountInString(login) > MaxLoginLength:
		return invalidf("an account name may have at most %d characters", MaxLoginLength)
	case strings.IndexFunc(login, unicode.IsControl) >= 0:
		return invalidf("an account name cannot hold control characters")
	}
	return nil
}
