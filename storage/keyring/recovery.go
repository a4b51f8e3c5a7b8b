package keyring

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The recovery key is 160 random bits written as 32 Crockford base32 symbols
// in eight groups of four: short enough to type from paper, and strong enough
// that it needs no slow KDF.
const (
	recoveryBytes = 20
	recoveryGroup = 4
	recoveryKDF   = "hkdf-sha256"
	recoveryInfo  = "photoconsent recovery slot v1"
)

// crockford is Crockford's base32 alphabet: no I, L, O or U, so nothing on
// the printed sheet can be misread as a digit.
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// ErrRecoveryKeyFormat is returned, wrapped, for text that cannot be a
// recovery key at all (wrong length or letters outside the alphabet).
var ErrRecoveryKeyFormat = errors.New("not a recovery key")

// RecoverySlot is the data key sealed under the recovery key.
type RecoverySlot struct {
	KDF    string `json:"kdf"`
	Salt   []byte `json:"salt"`
	Nonce  []byte `json:"nonce"`
	Sealed []byte `json:"sealed"`
}

// NewRecovery makes a fresh recovery key and the slot it opens. The key is
// returned formatted for printing; it is shown once and never stored.
func NewRecovery(dataKey []byte) (key string, slot RecoverySlot, err error) {
	if len(dataKey) != DataKeySize {
		return "", RecoverySlot{}, fmt.Errorf("data key is %d bytes, want %d", len(dataKey), DataKeySize)
	}
	secret := randomBytes(recoveryBytes)
	defer clear(secret)
	slot = RecoverySlot{KDF: recoveryKDF, Salt: randomBytes(saltSize)}
	kek, err := recoveryKEK(secret, slot.Salt)
	if err != nil {
		return "", RecoverySlot{}, err
	}
	defer clear(kek)
	slot.Nonce, slot.Sealed, err = seal(kek, dataKey, []byte(recoveryInfo))
	return FormatRecoveryKey(secret), slot, err
}

// Open unwraps the data key with a typed recovery key. It returns an error
// wrapping ErrRecoveryKeyFormat for text that cannot be a key, and
// ErrWrongSecret for a well-formed key that does not open the slot.
func (r RecoverySlot) Open(key string) ([]byte, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	secret, err := ParseRecoveryKey(key)
	if err != nil {
		return nil, err
	}
	defer clear(secret)
	kek, err := recoveryKEK(secret, r.Salt)
	if err != nil {
		return nil, err
	}
	defer clear(kek)
	return open(kek, r.Nonce, r.Sealed, []byte(recoveryInfo))
}

func (r RecoverySlot) check() error {
	if r.KDF != recoveryKDF || len(r.Salt) != saltSize || len(r.Nonce) != nonceSize || len(r.Sealed) != sealedSize {
		return fmt.Errorf("recovery slot: %w", ErrMalformed)
	}
	return nil
}

func recoveryKEK(secret, salt []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, secret, salt, recoveryInfo, keySize)
}

// FormatRecoveryKey writes key bytes as dash-separated groups for printing.
func FormatRecoveryKey(secret []byte) string {
	s := crockford.EncodeToString(secret)
	var b strings.Builder
	for i := 0; i < len(s); i += recoveryGroup {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i:min(i+recoveryGroup, len(s))])
	}
	return b.String()
}

// ParseRecoveryKey reads a typed recovery key. People copy it from paper, so
// case, spaces and dashes (of any kind) do not matter, and the letters O, I
// and L are read as the digits they look like.
func ParseRecoveryKey(s string) ([]byte, error) {
	if len(s) > 256 {
		return nil, fmt.Errorf("too long: %w", ErrRecoveryKeyFormat)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) {
			continue
		}
		switch r = unicode.ToUpper(r); r {
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	want := crockford.EncodedLen(recoveryBytes)
	if b.Len() != want {
		return nil, fmt.Errorf("%d symbols, want %d: %w", b.Len(), want, ErrRecoveryKeyFormat)
	}
	secret, err := crockford.DecodeString(b.String())
	if err != nil || len(secret) != recoveryBytes {
		return nil, fmt.Errorf("letters outside the key's alphabet: %w", ErrRecoveryKeyFormat)
	}
	return secret, nil
}
