package keyring

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Sizes of the things a slot holds.
const (
	DataKeySize = 32 // the store's data key: AES-256 in Badger
	keySize     = 32 // a sealing key derived from a password or recovery key
	saltSize    = 16
	nonceSize   = chacha20poly1305.NonceSizeX
	sealedSize  = DataKeySize + chacha20poly1305.Overhead
)

// ErrWrongSecret is returned when a password or recovery key does not open a
// slot. It cannot say which, by design: the AEAD only knows the tag failed.
var ErrWrongSecret = errors.New("secret does not open the slot")

// ErrMalformed is returned, wrapped, for a slot or keyring document whose
// shape is wrong (sizes, missing fields). Such a file was damaged or edited.
var ErrMalformed = errors.New("malformed keyring")

// Slot is the data key sealed under one account's password. Everything in
// it is safe to keep in plaintext: the salt and parameters are public inputs
// to the KDF, and the account ID and login are bound in as additional data so
// a sealed key moved to another account's slot no longer opens.
type Slot struct {
	Account string `json:"account"`
	Login   string `json:"login"`
	KDF     Params `json:"kdf"`
	Salt    []byte `json:"salt"`
	Nonce   []byte `json:"nonce"`
	Sealed  []byte `json:"sealed"`
}

// NewDataKey returns a fresh random data key for a new store.
func NewDataKey() []byte { return randomBytes(DataKeySize) }

// Seal wraps dataKey under password for the account. It runs the KDF, so it
// takes as long as p says.
func Seal(dataKey []byte, account, login, password string, p Params) (Slot, error) {
	if err := p.Validate(); err != nil {
		return Slot{}, err
	}
	if len(dataKey) != DataKeySize {
		return Slot{}, fmt.Errorf("data key is %d bytes, want %d", len(dataKey), DataKeySize)
	}
	if account == "" || login == "" {
		return Slot{}, fmt.Errorf("a slot needs an account ID and a login: %w", ErrMalformed)
	}
	s := Slot{Account: account, Login: login, KDF: p, Salt: randomBytes(saltSize)}
	kek := p.derive(password, s.Salt)
	defer clear(kek)
	var err error
	s.Nonce, s.Sealed, err = seal(kek, dataKey, slotAD(account, login))
	return s, err
}

// Open unwraps the data key with password. It refuses parameters outside the
// limits before running the KDF, since they come from a plaintext file.
func (s Slot) Open(password string) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	if err := s.KDF.Validate(); err != nil {
		return nil, err
	}
	kek := s.KDF.derive(password, s.Salt)
	defer clear(kek)
	return open(kek, s.Nonce, s.Sealed, slotAD(s.Account, s.Login))
}

// Decoy returns a slot no password opens that costs the same KDF time as a
// real slot with params p. Trying it for an unknown login makes that failure
// look, and take, the same as a wrong password.
func Decoy(p Params) Slot {
	return Slot{
		Account: "decoy", Login: "decoy", KDF: p,
		Salt: randomBytes(saltSize), Nonce: randomBytes(nonceSize), Sealed: randomBytes(sealedSize),
	}
}

// check validates the slot's shape, not its parameters.
func (s Slot) check() error {
	switch {
	case s.Account == "" || s.Login == "":
		return fmt.Errorf("slot without account or login: %w", ErrMalformed)
	case len(s.Salt) != saltSize || len(s.Nonce) != nonceSize || len(s.Sealed) != sealedSize:
		return fmt.Errorf("slot for account %q has wrong sizes: %w", s.Account, ErrMalformed)
	}
	return nil
}

// slotAD binds a sealed key to its account and login. Lengths are prefixed so
// no two (account, login) pairs give the same bytes.
func slotAD(account, login string) []byte {
	ad := []byte("photoconsent keyslot v1\x00")
	ad = binary.AppendUvarint(ad, uint64(len(account)))
	ad = append(ad, account...)
	ad = binary.AppendUvarint(ad, uint64(len(login)))
	return append(ad, login...)
}

func seal(kek, dataKey, ad []byte) (nonce, sealed []byte, err error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, nil, err
	}
	nonce = randomBytes(nonceSize)
	return nonce, aead.Seal(nil, nonce, dataKey, ad), nil
}

func open(kek, nonce, sealed, ad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	key, err := aead.Open(nil, nonce, sealed, ad)
	if err != nil {
		return nil, ErrWrongSecret
	}
	return key, nil
}

// randomBytes reads from crypto/rand, which since Go 1.24 never fails (the
// runtime aborts rather than return weak randomness).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
