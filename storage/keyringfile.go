package storage

import (
	"errors"
	"fmt"
	"io/fs"

	"photoconsent/storage/keyring"
)

// keyringName is the key-slot file. It is plaintext: account IDs, logins,
// KDF parameters, salts, nonces and sealed keys. None of it helps an attacker
// beyond what the slow KDF already allows.
const keyringName = "keyring.json"

func (f *Folder) loadKeyring() (*keyring.File, error) {
	b, err := readCapped(f.path(keyringName), keyring.MaxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotInitialized
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", keyringName, err)
	}
	kr, err := keyring.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", keyringName, err)
	}
	return kr, nil
}

func (f *Folder) saveKeyring(kr *keyring.File) error {
	b, err := kr.Marshal()
	if err != nil {
		return err
	}
	if err := writeAtomic(f.path(keyringName), b); err != nil {
		return fmt.Errorf("writing %s: %w", keyringName, err)
	}
	return nil
}

// createKeyring writes the first keyring, failing with ErrAlreadyInitialized
// if another process got there first.
func (f *Folder) createKeyring(kr *keyring.File) error {
	b, err := kr.Marshal()
	if err != nil {
		return err
	}
	err = createAtomic(f.path(keyringName), b)
	if errors.Is(err, fs.ErrExist) {
		return ErrAlreadyInitialized
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", keyringName, err)
	}
	return nil
}
