package storage

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"

	"photoconsent/app/register"
	"photoconsent/storage/keyring"
)

// A backup file is
//
//	"PCBACKUP" | uint32 big-endian header length | header (JSON)
//	| payload encrypted in chunks (see backupstream.go)
//
// The header holds only what opening needs: the key slots (each the data
// key sealed under a password or the recovery key) and a fresh salt. A
// backup travels (a USB stick, a network drive) and a login is often a
// person's name, so each slot's login is sealed under a key derived from
// the login itself, in lower case: typing it finds the slot, as at sign-in,
// while a reader of the file can at best confirm a guessed name. Everything
// else, keyring.json included, is in the payload.
const (
	backupMagic     = "PCBACKUP"
	backupFormat    = "photoconsent-backup/1"
	backupInfo      = "photoconsent backup v1"
	backupSaltSize  = 32
	maxBackupHeader = keyring.MaxFileSize
)

// Restore errors, matching app/register's.
var (
	// ErrBackupDamaged: the file is cut short, altered or not a backup.
	// Nothing is restored from it.
	ErrBackupDamaged error = &sentinel{"the backup file is damaged or incomplete", register.ErrBackupDamaged}
	// ErrRestoreTarget: the folder to restore into already holds something.
	ErrRestoreTarget error = &sentinel{"restore needs a new or empty folder", register.ErrRestoreTarget}
)

// backupHeader is the file's plaintext header.
type backupHeader struct {
	Format   string                `json:"format"`
	Salt     []byte                `json:"salt"`
	Slots    []headerSlot          `json:"slots"`
	Recovery *keyring.RecoverySlot `json:"recovery,omitempty"`
}

// headerSlot is a keyring.Slot with its login sealed.
type headerSlot struct {
	Account string         `json:"account"`
	Login   []byte         `json:"login"` // nonce and sealed login, see sealLogin
	KDF     keyring.Params `json:"kdf"`
	Salt    []byte         `json:"salt"`
	Nonce   []byte         `json:"nonce"`
	Sealed  []byte         `json:"sealed"`
}

func newBackupHeader(kr *keyring.File) (backupHeader, error) {
	h := backupHeader{Format: backupFormat, Salt: randomSalt(), Recovery: kr.Recovery}
	for _, s := range kr.Slots {
		login, err := sealLogin(s.Login, h.Salt)
		if err != nil {
			return h, err
		}
		h.Slots = append(h.Slots, headerSlot{Account: s.Account, Login: login, KDF: s.KDF, Salt: s.Salt, Nonce: s.Nonce, Sealed: s.Sealed})
	}
	return h, nil
}

func randomSalt() []byte {
	b := make([]byte, backupSaltSize)
	rand.Read(b) // never fails since Go 1.24
	return b
}

const loginInfo = "photoconsent backup login v1"

// loginAEAD is keyed by the lower-cased login and the header's salt.
func loginAEAD(login string, salt []byte) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, []byte(strings.ToLower(login)), salt, loginInfo, chacha20poly1305.KeySize)
	if err != nil {
		return nil, err
	}
	defer clear(key)
	return chacha20poly1305.NewX(key)
}

func sealLogin(login string, salt []byte) ([]byte, error) {
	aead, err := loginAEAD(login, salt)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(login)+aead.Overhead())
	rand.Read(nonce) // never fails since Go 1.24
	return aead.Seal(nonce, nonce, []byte(login), []byte(loginInfo)), nil
}

// openLogin returns the slot's login exactly as set, if typed matches it
// regardless of case.
func openLogin(sealed []byte, typed string, salt []byte) (string, bool) {
	aead, err := loginAEAD(typed, salt)
	if err != nil || len(sealed) < aead.NonceSize() {
		return "", false
	}
	n := aead.NonceSize()
	login, err := aead.Open(nil, sealed[:n], sealed[n:], []byte(loginInfo))
	return string(login), err == nil
}

// encode returns the header as written, magic and length included; its
// hash is the additional data of every payload chunk.
func (h backupHeader) encode() ([]byte, error) {
	js, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	b := append([]byte(backupMagic), 0, 0, 0, 0)
	binary.BigEndian.PutUint32(b[len(backupMagic):], uint32(len(js)))
	return append(b, js...), nil
}

// readBackupHeader reads and checks the header, returning it with its raw
// bytes. Any fault is ErrBackupDamaged: every byte is hostile.
func readBackupHeader(r io.Reader) (backupHeader, []byte, error) {
	var h backupHeader
	pre := make([]byte, len(backupMagic)+4)
	if _, err := io.ReadFull(r, pre); err != nil || string(pre[:len(backupMagic)]) != backupMagic {
		return h, nil, fmt.Errorf("not a PhotoConsent backup: %w", ErrBackupDamaged)
	}
	n := binary.BigEndian.Uint32(pre[len(backupMagic):])
	if n > maxBackupHeader {
		return h, nil, fmt.Errorf("header of %d bytes: %w", n, ErrBackupDamaged)
	}
	js := make([]byte, n)
	if _, err := io.ReadFull(r, js); err != nil {
		return h, nil, fmt.Errorf("header cut short: %w", ErrBackupDamaged)
	}
	if err := json.Unmarshal(js, &h); err != nil {
		return h, nil, fmt.Errorf("header: %w", ErrBackupDamaged)
	}
	if err := h.check(); err != nil {
		return h, nil, err
	}
	return h, append(pre, js...), nil
}

func (h backupHeader) check() error {
	switch {
	case h.Format != backupFormat:
		return fmt.Errorf("backup format %q, want %q: %w", h.Format, backupFormat, ErrBackupDamaged)
	case len(h.Salt) != backupSaltSize:
		return fmt.Errorf("backup salt: %w", ErrBackupDamaged)
	case len(h.Slots) > keyring.MaxSlots:
		return fmt.Errorf("%d key slots: %w", len(h.Slots), ErrBackupDamaged)
	}
	return nil
}

// openWithPassword opens the slot whose login is the typed one. An unknown
// login is ErrWrongPassword too, as at sign-in.
func (h backupHeader) openWithPassword(typed, password string) ([]byte, error) {
	for _, hs := range h.Slots {
		login, ok := openLogin(hs.Login, typed, h.Salt)
		if !ok {
			continue
		}
		s := keyring.Slot{Account: hs.Account, Login: login, KDF: hs.KDF, Salt: hs.Salt, Nonce: hs.Nonce, Sealed: hs.Sealed}
		key, err := s.Open(password)
		switch {
		case errors.Is(err, keyring.ErrWrongSecret):
			return nil, ErrWrongPassword
		case err != nil:
			return nil, fmt.Errorf("the key slot for %q: %w: %w", login, ErrBackupDamaged, err)
		}
		return key, nil
	}
	return nil, ErrWrongPassword
}

func (h backupHeader) openWithRecovery(recoveryKey string) ([]byte, error) {
	if h.Recovery == nil {
		return nil, fmt.Errorf("the backup has no recovery slot: %w", ErrBadRecoveryKey)
	}
	key, err := h.Recovery.Open(recoveryKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRecoveryKey, err)
	}
	return key, nil
}

// fileKey derives this backup's payload key from the data key and the
// header's fresh salt, so no two backups share a key.
func fileKey(dataKey, salt []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, dataKey, salt, backupInfo, 32)
}

// headerAD is the additional data binding every chunk to the header.
func headerAD(raw []byte) []byte {
	sum := sha256.Sum256(raw)
	return sum[:]
}
