package storage

import "photoconsent/app/register"

// NewVault opens the data folder dir as the register.Vault the desktop app
// and the command line sign in through.
func NewVault(dir string, opt Options) (register.Vault, error) {
	f, err := OpenFolder(dir, opt)
	if err != nil {
		return nil, err
	}
	return f.Vault(), nil
}
