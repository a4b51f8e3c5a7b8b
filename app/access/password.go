package access

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrWeakPassword is returned, wrapped, for a password the policy refuses.
var ErrWeakPassword = errors.New("password too weak")

// Password length rules from the school's policy: 8+ characters mixing
// letters, digits and symbols, or a passphrase of 16+ characters.
const (
	MinMixedLength      = 8
	MinPassphraseLength = 16
)

// CheckPassword says why a password is too weak, or returns nil.
func CheckPassword(pw, userName string) error {
	n := utf8.RuneCountInString(pw)
	if strings.TrimSpace(pw) == "" {
		return weak("the password is empty")
	}
	if userName != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(userName)) {
		return weak("the password must not contain the account name")
	}
	if n >= MinPassphraseLength {
		if distinct(pw) < 6 {
			return weak("a passphrase needs more than a few different characters")
		}
		return nil
	}
	var letter, digit, symbol bool
	for _, r := range pw {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			symbol = true
		}
	}
	if n < MinMixedLength || !letter || !digit || !symbol {
		return weak("use at least 8 characters mixing letters, numbers and symbols, or a passphrase of 16 or more characters")
	}
	return nil
}

func weak(why string) error { return &weakError{why} }

type weakError struct{ why string }

func (e *weakError) Error() string { return e.why }
func (e *weakError) Unwrap() error { return ErrWeakPassword }

func distinct(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}
