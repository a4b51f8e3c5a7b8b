package storage

import "photoconsent/app/register"

// Login is an account that can unlock the store. It is register's type so a
// Folder's list needs no copying.
type Login = register.Login

// FailedLogin is one failed password attempt, kept until a successful unlock
// takes it into the encrypted audit trail. Login is empty when the typed
// login matched no account.
type FailedLogin = register.FailedLogin

// Vault returns f as the register.Vault the app's sign-in code asks for. It
// only adapts return types: Go needs methods returning register.Opened,
// while Folder's own methods return the concrete *DB.
func (f *Folder) Vault() register.Vault { return vault{f} }

type vault struct{ f *Folder }

func (v vault) Initialized() bool                 { return v.f.Initialized() }
func (v vault) Logins() ([]register.Login, error) { return v.f.Logins() }

func (v vault) Create(accountID, login, password string) (register.Opened, string, error) {
	db, recovery, err := v.f.Init(accountID, login, password)
	if err != nil {
		return nil, "", err // a nil interface, not a typed nil *DB
	}
	return db, recovery, nil
}

func (v vault) Unlock(login, password string) (register.Opened, string, error) {
	db, id, err := v.f.Unlock(login, password)
	if err != nil {
		return nil, "", err
	}
	return db, id, nil
}

func (v vault) UnlockWithRecovery(key string) (register.Opened, error) {
	db, err := v.f.UnlockWithRecovery(key)
	if err != nil {
		return nil, err
	}
	return db, nil
}
